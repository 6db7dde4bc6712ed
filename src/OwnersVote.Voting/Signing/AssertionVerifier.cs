using System.Security.Cryptography;
using System.Text;

namespace OwnersVote.Voting.Signing;

/// <summary>
/// Verifies a WebAuthn authentication assertion offline (Web Authentication Level 3 §7.2,
/// "Verifying an Authentication Assertion"; step numbers below are that section's). Pure: only
/// bytes in, a value out, so <c>ov verify</c> can recheck every ballot of a downloaded log.
/// </summary>
public static class AssertionVerifier
{
    /// <summary>
    /// Checks <paramref name="assertion"/> against the challenge the relying party issued, the
    /// enrolled credential and the relying party's settings. Never throws for bad input: every
    /// failure is an <see cref="AssertionResult.Rejected"/> with a reason.
    /// </summary>
    /// <param name="assertion">The assertion as received (or as logged).</param>
    /// <param name="expectedChallenge">The challenge bytes, e.g. <see cref="BallotChallenge.Compute(OwnerBallot)"/> of the ballot.</param>
    /// <param name="credential">The enrolled credential and its last accepted counter.</param>
    /// <param name="relyingParty">RP ID, allowed origins and the user-verification requirement.</param>
    public static AssertionResult Verify(WebAuthnAssertion assertion, ReadOnlySpan<byte> expectedChallenge, StoredCredential credential, RelyingParty relyingParty)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(relyingParty);

        // Steps 5–6: the credential used must be the one enrolled for this owner.
        if (!assertion.CredentialId.Span.SequenceEqual(credential.CredentialId.Span))
        {
            return Reject(AssertionFailure.CredentialMismatch);
        }

        // Step 7: cData, authData and sig.
        ReadOnlySpan<byte> cData = assertion.ClientDataJson.Span;
        ReadOnlySpan<byte> authDataBytes = assertion.AuthenticatorData.Span;
        if (!AuthenticatorData.TryParse(authDataBytes, out AuthenticatorData? authData))
        {
            return Reject(AssertionFailure.Malformed);
        }

        // Steps 8–9: UTF-8 decode and parse the client data. We are stricter than "an
        // implementation-specific JSON parser": invalid UTF-8 or repeated members are malformed.
        if (!CollectedClientData.TryParse(cData, out CollectedClientData clientData))
        {
            return Reject(AssertionFailure.Malformed);
        }

        // Step 10: "Verify that the value of C.type is the string webauthn.get."
        if (clientData.Type != "webauthn.get")
        {
            return Reject(AssertionFailure.WrongType);
        }

        // Step 11: "Verify that the value of C.challenge equals the base64url encoding of
        // pkOptions.challenge." Compared as text, exactly: no other spelling of the bytes passes.
        if (!string.Equals(clientData.Challenge, Base64UrlText.Encode(expectedChallenge), StringComparison.Ordinal))
        {
            return Reject(AssertionFailure.ChallengeMismatch);
        }

        // Step 12: "Verify that the value of C.origin is an origin expected by the Relying Party."
        if (!relyingParty.AllowedOrigins.Contains(clientData.Origin))
        {
            return Reject(AssertionFailure.OriginNotAllowed);
        }

        // Steps 13–14: ballots are cast from our own pages, never inside another site's iframe, so
        // crossOrigin true or any topOrigin is refused.
        if (clientData.CrossOrigin || clientData.TopOrigin is not null)
        {
            return Reject(AssertionFailure.CrossOrigin);
        }

        // Step 15: "Verify that the rpIdHash in authData is the SHA-256 hash of the RP ID expected by the Relying Party."
        byte[] expectedRpIdHash = SHA256.HashData(Encoding.UTF8.GetBytes(relyingParty.RpId));
        if (!CryptographicOperations.FixedTimeEquals(authData!.RpIdHash.Span, expectedRpIdHash))
        {
            return Reject(AssertionFailure.RpIdMismatch);
        }

        // Step 16: "Verify that the UP bit of the flags in authData is set."
        if (!authData.UserPresent)
        {
            return Reject(AssertionFailure.UserNotPresent);
        }

        // Step 17: "If user verification was determined to be required, verify that the UV bit of the flags in authData is set."
        if (relyingParty.RequireUserVerification && !authData.UserVerified)
        {
            return Reject(AssertionFailure.UserNotVerified);
        }

        // Step 18: "If the BE bit of the flags in authData is not set, verify that the BS bit is not set."
        if (!authData.Flags.HasFlag(AuthenticatorFlags.BackupEligible) && authData.Flags.HasFlag(AuthenticatorFlags.BackupState))
        {
            return Reject(AssertionFailure.Malformed);
        }

        if (!SignatureVerifies(assertion, credential.PublicKey))
        {
            return Reject(AssertionFailure.BadSignature);
        }

        // Step 22: "If authData.signCount is nonzero or credentialRecord.signCount is nonzero":
        // greater than the stored count → store it; "less than or equal" → "a signal that the
        // authenticator may be cloned". We refuse the ballot and say so.
        if ((authData.SignCount != 0 || credential.SignCount != 0) && authData.SignCount <= credential.SignCount)
        {
            return Reject(AssertionFailure.PossibleClone);
        }

        return new AssertionResult.Accepted(authData.SignCount, authData.UserVerified);
    }

    /// <summary>
    /// Steps 20–21 alone: whether the assertion's signature verifies under <paramref name="key"/>
    /// over authData ‖ SHA-256(cData), with none of the other checks. <c>ov verify</c> calls it for
    /// many ballots at once ahead of its replay, whose <see cref="Verify"/> of the same bytes under
    /// the same key object is then answered by the key's memory of what verified.
    /// </summary>
    public static bool SignatureVerifies(WebAuthnAssertion assertion, CoseKey key)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        ArgumentNullException.ThrowIfNull(key);

        // Step 20: hash = SHA-256(cData). Step 21: sig must verify over authData ‖ hash.
        ReadOnlySpan<byte> authData = assertion.AuthenticatorData.Span;
        byte[] signed = new byte[authData.Length + 32];
        authData.CopyTo(signed);
        SHA256.HashData(assertion.ClientDataJson.Span, signed.AsSpan(authData.Length));
        return key.Verify(signed, assertion.Signature.Span);
    }

    private static AssertionResult.Rejected Reject(AssertionFailure reason) => new(reason);
}
