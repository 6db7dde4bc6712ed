namespace OwnersVote.Voting.Signing;

/// <summary>Why an assertion was rejected. <see cref="AssertionResult.Rejected.Code"/> gives the stable wire code.</summary>
public enum AssertionFailure
{
    /// <summary><c>malformed</c>: the assertion's bytes cannot be parsed (authenticator data, client data JSON, key).</summary>
    Malformed,

    /// <summary><c>credential-mismatch</c>: the assertion names another credential than the one it is checked against.</summary>
    CredentialMismatch,

    /// <summary><c>wrong-type</c>: client data <c>type</c> is not <c>webauthn.get</c>.</summary>
    WrongType,

    /// <summary><c>challenge-mismatch</c>: client data <c>challenge</c> is not the expected challenge (an altered ballot).</summary>
    ChallengeMismatch,

    /// <summary><c>origin-not-allowed</c>: client data <c>origin</c> is not one of the allowed origins.</summary>
    OriginNotAllowed,

    /// <summary><c>cross-origin</c>: the ceremony ran in a cross-origin iframe.</summary>
    CrossOrigin,

    /// <summary><c>rp-id-mismatch</c>: rpIdHash is not SHA-256 of the RP ID.</summary>
    RpIdMismatch,

    /// <summary><c>user-not-present</c>: the UP flag is clear.</summary>
    UserNotPresent,

    /// <summary><c>user-not-verified</c>: user verification was required and the UV flag is clear.</summary>
    UserNotVerified,

    /// <summary><c>bad-signature</c>: the signature does not verify under the credential public key.</summary>
    BadSignature,

    /// <summary><c>possible-clone</c>: the signature counter did not increase.</summary>
    PossibleClone,
}

/// <summary>The outcome of verifying a WebAuthn assertion: a value, never an exception.</summary>
public abstract record AssertionResult
{
    private AssertionResult()
    {
    }

    /// <summary>Whether the assertion was accepted.</summary>
    public bool IsAccepted => this is Accepted;

    /// <summary>The signature verified and every check passed.</summary>
    /// <param name="SignCount">The counter to store for the credential (WebAuthn §7.2 step 21).</param>
    /// <param name="UserVerified">Whether the authenticator verified the user (UV).</param>
    public sealed record Accepted(uint SignCount, bool UserVerified) : AssertionResult;

    /// <summary>A check failed.</summary>
    /// <param name="Reason">Which check.</param>
    public sealed record Rejected(AssertionFailure Reason) : AssertionResult
    {
        /// <summary>The stable reason code (<c>challenge-mismatch</c>, <c>bad-signature</c>, …) for APIs and logs.</summary>
        public string Code => Reason switch
        {
            AssertionFailure.Malformed => "malformed",
            AssertionFailure.CredentialMismatch => "credential-mismatch",
            AssertionFailure.WrongType => "wrong-type",
            AssertionFailure.ChallengeMismatch => "challenge-mismatch",
            AssertionFailure.OriginNotAllowed => "origin-not-allowed",
            AssertionFailure.CrossOrigin => "cross-origin",
            AssertionFailure.RpIdMismatch => "rp-id-mismatch",
            AssertionFailure.UserNotPresent => "user-not-present",
            AssertionFailure.UserNotVerified => "user-not-verified",
            AssertionFailure.BadSignature => "bad-signature",
            AssertionFailure.PossibleClone => "possible-clone",
            _ => throw new InvalidOperationException($"No code for {Reason}."),
        };
    }
}
