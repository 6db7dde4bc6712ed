namespace OwnersVote.Voting.Signing;

/// <summary>
/// JSON text or a JSON value falls outside what RFC 8785 (JCS) can canonicalize: invalid or
/// duplicate-keyed JSON, NaN or infinity, an integer beyond 2^53, or a string that is not valid Unicode.
/// </summary>
public sealed class JcsException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public JcsException()
        : base("The JSON value cannot be canonicalized (RFC 8785).")
    {
    }

    /// <summary>Creates the exception with a message saying what is wrong and where.</summary>
    public JcsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the parser's error.</summary>
    public JcsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
