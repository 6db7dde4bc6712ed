namespace OwnersVote.Ledger;

/// <summary>
/// An attempt to overwrite an immutable full tile or entry bundle with different bytes: the log
/// would fork. Never retried; it is a bug or an attack.
/// </summary>
public sealed class TileConflictException : IOException
{
    /// <summary>Creates the exception; the message names the path.</summary>
    public TileConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the cause.</summary>
    public TileConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public TileConflictException()
    {
    }
}
