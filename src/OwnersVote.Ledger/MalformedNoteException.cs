namespace OwnersVote.Ledger;

/// <summary>Bytes that are not a well-formed signed note (c2sp.org/signed-note "Format").</summary>
public sealed class MalformedNoteException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public MalformedNoteException()
        : base("Malformed note.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MalformedNoteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public MalformedNoteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
