using System.Security.Cryptography;
using System.Text;

namespace OwnersVote.Voting.Signing;

/// <summary>
/// Verifies a signature made by a <em>device key</em>: a non-extractable WebCrypto ECDSA P-256 key
/// kept in the browser's IndexedDB where WebAuthn is unavailable (issue 11). It is shaped like a
/// WebAuthn assertion so the log keeps the same four fields and anyone verifies it offline:
/// <list type="bullet">
/// <item><c>clientDataJSON</c> = UTF-8 JSON <c>{"type":"ov.device-key","challenge":b64url,"origin":origin}</c>
/// (<c>"ov.device-key.enrol"</c> for the proof of possession at enrolment); members are read as in
/// WebAuthn §5.8.1, <c>crossOrigin</c>/<c>topOrigin</c> must be absent or false.</item>
/// <item><c>authenticatorData</c> = exactly 37 bytes, SHA-256(rpId) ‖ flags 0x01 (UP only: a device key
/// cannot verify the user) ‖ signCount 0 (four zero bytes: WebCrypto keeps no counter).</item>
/// <item><c>signature</c> = ECDSA P-256 / SHA-256 over authenticatorData ‖ SHA-256(clientDataJSON), in
/// IEEE P1363 form (r ‖ s, 64 bytes) exactly as <c>crypto.subtle.sign</c> returns it. DER is refused:
/// one encoding per kind, so a logged signature has a single valid spelling.</item>
/// </list>
/// The <c>type</c> differs from <c>webauthn.get</c> so a device-key signature can never pass as a
/// passkey assertion or the reverse (WebAuthn §13.4.2 relies on the same separation).
/// </summary>
public static class DeviceKeyVerifier
{
    /// <summary>The client data <c>type</c> of a ballot signature.</summary>
    public const string SignType = "ov.device-key";

    /// <summary>The client data <c>type</c> of the proof of possession sent at enrolment.</summary>
    public const string EnrolType = "ov.device-key.enrol";

    /// <summary>The authenticator data flags byte a device key always uses: UP (0x01).</summary>
    public const byte Flags = (byte)AuthenticatorFlags.UserPresent;

    /// <summary>The fixed authenticator data for <paramref name="rpId"/>: SHA-256(rpId) ‖ 0x01 ‖ 00 00 00 00.</summary>
    public static byte[] AuthenticatorDataFor(string rpId)
    {
        ArgumentException.ThrowIfNullOrEmpty(rpId);
        return AuthenticatorData.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), AuthenticatorFlags.UserPresent, 0);
    }

    /// <summary>
    /// Verifies a device-key ballot signature over <paramref name="expectedChallenge"/>. Never
    /// throws for bad input; user verification is never claimed, so
    /// <see cref="RelyingParty.RequireUserVerification"/> does not apply (the signature pad and the
    /// explicit tap are the owner's act).
    /// </summary>
    public static AssertionResult Verify(WebAuthnAssertion assertion, ReadOnlySpan<byte> expectedChallenge, StoredCredential credential, RelyingParty relyingParty) =>
        Verify(assertion, expectedChallenge, credential, relyingParty, SignType);

    /// <summary>Verifies the proof of possession a browser sends when it enrols a device key.</summary>
    public static AssertionResult VerifyPossession(WebAuthnAssertion assertion, ReadOnlySpan<byte> expectedChallenge, StoredCredential credential, RelyingParty relyingParty) =>
        Verify(assertion, expectedChallenge, credential, relyingParty, EnrolType);

    private static AssertionResult Verify(WebAuthnAssertion assertion, ReadOnlySpan<byte> expectedChallenge, StoredCredential credential, RelyingParty relyingParty, string type)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(relyingParty);

        if (!assertion.CredentialId.Span.SequenceEqual(credential.CredentialId.Span))
        {
            return Reject(AssertionFailure.CredentialMismatch);
        }

        ReadOnlySpan<byte> authData = assertion.AuthenticatorData.Span;
        if (authData.Length != 37)
        {
            return Reject(AssertionFailure.Malformed);
        }

        byte[] expectedRpIdHash = SHA256.HashData(Encoding.UTF8.GetBytes(relyingParty.RpId));
        if (!CryptographicOperations.FixedTimeEquals(authData[..32], expectedRpIdHash))
        {
            return Reject(AssertionFailure.RpIdMismatch);
        }

        // Fixed flags and a zero counter: anything else was not made by our device-key code.
        if (authData[32] != Flags || authData[33..].IndexOfAnyExcept((byte)0) >= 0)
        {
            return Reject(AssertionFailure.Malformed);
        }

        if (!CollectedClientData.TryParse(assertion.ClientDataJson.Span, out CollectedClientData clientData))
        {
            return Reject(AssertionFailure.Malformed);
        }

        if (clientData.Type != type)
        {
            return Reject(AssertionFailure.WrongType);
        }

        if (!string.Equals(clientData.Challenge, Base64UrlText.Encode(expectedChallenge), StringComparison.Ordinal))
        {
            return Reject(AssertionFailure.ChallengeMismatch);
        }

        if (!relyingParty.AllowedOrigins.Contains(clientData.Origin))
        {
            return Reject(AssertionFailure.OriginNotAllowed);
        }

        if (clientData.CrossOrigin || clientData.TopOrigin is not null)
        {
            return Reject(AssertionFailure.CrossOrigin);
        }

        // Same signed message as WebAuthn §7.2 step 21: authData ‖ SHA-256(cData), but IEEE P1363.
        byte[] signed = new byte[authData.Length + 32];
        authData.CopyTo(signed);
        SHA256.HashData(assertion.ClientDataJson.Span, signed.AsSpan(authData.Length));
        if (!credential.PublicKey.VerifyIeeeP1363(signed, assertion.Signature.Span))
        {
            return Reject(AssertionFailure.BadSignature);
        }

        return new AssertionResult.Accepted(0, UserVerified: false);
    }

    private static AssertionResult.Rejected Reject(AssertionFailure reason) => new(reason);
}
