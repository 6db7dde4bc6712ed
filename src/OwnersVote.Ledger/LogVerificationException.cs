namespace OwnersVote.Ledger;

/// <summary>
/// A stored log is not what it must be: a tile or entry bundle is missing, malformed, or does not
/// match what its entries or lower tiles hash to, or the tree does not hash to the expected root.
/// </summary>
public sealed class LogVerificationException : Exception
{
    /// <summary>Creates the exception; the message names the path and what is wrong.</summary>
    public LogVerificationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the cause.</summary>
    public LogVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public LogVerificationException()
    {
    }

    /// <summary>The tile or bundle at fault, when there is one.</summary>
    public TilePath? Path { get; init; }
}
