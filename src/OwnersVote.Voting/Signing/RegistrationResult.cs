namespace OwnersVote.Voting.Signing;

/// <summary>Why a registration (credential creation) was rejected.</summary>
public enum RegistrationFailure
{
    /// <summary><c>malformed</c>: the attestation object, authenticator data, key or client data cannot be parsed.</summary>
    Malformed,

    /// <summary><c>wrong-type</c>: client data <c>type</c> is not <c>webauthn.create</c>.</summary>
    WrongType,

    /// <summary><c>challenge-mismatch</c>: client data <c>challenge</c> is not the one issued.</summary>
    ChallengeMismatch,

    /// <summary><c>origin-not-allowed</c>: client data <c>origin</c> is not allowed.</summary>
    OriginNotAllowed,

    /// <summary><c>cross-origin</c>: created in a cross-origin iframe.</summary>
    CrossOrigin,

    /// <summary><c>rp-id-mismatch</c>: rpIdHash is not SHA-256 of the RP ID.</summary>
    RpIdMismatch,

    /// <summary><c>user-not-present</c>: the UP flag is clear.</summary>
    UserNotPresent,

    /// <summary><c>user-not-verified</c>: verification was required and UV is clear.</summary>
    UserNotVerified,

    /// <summary><c>no-credential</c>: the authenticator data carries no attested credential data.</summary>
    NoCredential,

    /// <summary><c>unsupported-attestation</c>: an attestation format other than <c>none</c>.</summary>
    UnsupportedAttestation,
}

/// <summary>The outcome of verifying a registration: a value, never an exception.</summary>
public abstract record RegistrationResult
{
    private RegistrationResult()
    {
    }

    /// <summary>Whether the registration was accepted.</summary>
    public bool IsAccepted => this is Accepted;

    /// <summary>The new credential, ready to enrol (<c>CredentialEnrolled</c>) once two officers confirm.</summary>
    /// <param name="CredentialId">The credential id.</param>
    /// <param name="PublicKey">The credential public key.</param>
    /// <param name="SignCount">The initial signature counter to store.</param>
    /// <param name="UserVerified">Whether the user was verified.</param>
    public sealed record Accepted(ReadOnlyMemory<byte> CredentialId, CoseKey PublicKey, uint SignCount, bool UserVerified) : RegistrationResult;

    /// <summary>A check failed.</summary>
    /// <param name="Reason">Which check.</param>
    public sealed record Rejected(RegistrationFailure Reason) : RegistrationResult
    {
        /// <summary>The stable reason code (<c>challenge-mismatch</c>, <c>unsupported-attestation</c>, …).</summary>
        public string Code => Reason switch
        {
            RegistrationFailure.Malformed => "malformed",
            RegistrationFailure.WrongType => "wrong-type",
            RegistrationFailure.ChallengeMismatch => "challenge-mismatch",
            RegistrationFailure.OriginNotAllowed => "origin-not-allowed",
            RegistrationFailure.CrossOrigin => "cross-origin",
            RegistrationFailure.RpIdMismatch => "rp-id-mismatch",
            RegistrationFailure.UserNotPresent => "user-not-present",
            RegistrationFailure.UserNotVerified => "user-not-verified",
            RegistrationFailure.NoCredential => "no-credential",
            RegistrationFailure.UnsupportedAttestation => "unsupported-attestation",
            _ => throw new InvalidOperationException($"No code for {Reason}."),
        };
    }
}
