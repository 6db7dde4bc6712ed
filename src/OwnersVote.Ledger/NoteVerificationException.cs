namespace OwnersVote.Ledger;

/// <summary>A well-formed note that must be rejected because of its signatures.</summary>
public class NoteVerificationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NoteVerificationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NoteVerificationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public NoteVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A signature whose key name and ID match a known key failed to verify. c2sp.org/signed-note:
/// "If a signature from a known key fails to verify, clients SHOULD reject the whole note."
/// </summary>
public sealed class InvalidNoteSignatureException : NoteVerificationException
{
    /// <summary>Creates the exception.</summary>
    public InvalidNoteSignatureException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidNoteSignatureException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public InvalidNoteSignatureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// No signature from a known key: c2sp.org/signed-note "If no signature from a known key verifies
/// successfully, clients MUST reject the note."
/// </summary>
public sealed class UnverifiedNoteException : NoteVerificationException
{
    /// <summary>Creates the exception.</summary>
    public UnverifiedNoteException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public UnverifiedNoteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public UnverifiedNoteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
