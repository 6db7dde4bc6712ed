namespace OwnersVote.Ledger;

/// <summary>A signer or verifier key string is malformed or its key ID does not match its key.</summary>
public sealed class NoteKeyFormatException : FormatException
{
    /// <summary>Creates the exception with a message.</summary>
    public NoteKeyFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NoteKeyFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public NoteKeyFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
