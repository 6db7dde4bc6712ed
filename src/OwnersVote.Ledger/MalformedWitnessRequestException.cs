namespace OwnersVote.Ledger;

/// <summary>An <c>add-checkpoint</c> request body that does not follow c2sp.org/tlog-witness.</summary>
public sealed class MalformedWitnessRequestException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public MalformedWitnessRequestException()
        : base("Malformed add-checkpoint request.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MalformedWitnessRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public MalformedWitnessRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
