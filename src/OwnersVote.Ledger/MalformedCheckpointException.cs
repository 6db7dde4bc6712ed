namespace OwnersVote.Ledger;

/// <summary>Note text that is not a c2sp.org/tlog-checkpoint checkpoint.</summary>
public sealed class MalformedCheckpointException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public MalformedCheckpointException()
        : base("Malformed checkpoint.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MalformedCheckpointException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public MalformedCheckpointException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
