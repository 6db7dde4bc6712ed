namespace OwnersVote.Ledger;

/// <summary>Bytes that are not a c2sp.org/tlog-proof receipt.</summary>
public sealed class MalformedReceiptException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public MalformedReceiptException()
        : base("Malformed receipt.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MalformedReceiptException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public MalformedReceiptException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
