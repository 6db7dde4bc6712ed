namespace OwnersVote.Ledger;

/// <summary>A log's stored state is inconsistent: an altered journal, a tile that disagrees.</summary>
public sealed class LogStorageException : Exception
{
    /// <summary>Creates the exception with a message naming the file and what is wrong.</summary>
    public LogStorageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public LogStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public LogStorageException()
    {
    }
}
