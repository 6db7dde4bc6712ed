using OwnersVote.Voting.Events;

namespace OwnersVote.Voting.Signing;

/// <summary>
/// The one rule for a ballot's signature, shared by the Web cast path, the projector and
/// <see cref="VoteReplay"/>: the verifier is chosen by the credential's kind as enrolled in the log —
/// a passkey's WebAuthn assertion (<see cref="AssertionVerifier"/>), a device key's WebCrypto
/// signature (<see cref="DeviceKeyVerifier"/>). The kind comes from <c>CredentialEnrolled</c>, never
/// from the ballot, so a signature cannot choose its own rule.
/// </summary>
public static class BallotSignatureVerifier
{
    /// <summary>Verifies <paramref name="assertion"/> over <paramref name="challenge"/> by the rule of <paramref name="kind"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a known kind.</exception>
    public static AssertionResult Verify(CredentialKind kind, WebAuthnAssertion assertion, ReadOnlySpan<byte> challenge, StoredCredential credential, RelyingParty relyingParty) => kind switch
    {
        CredentialKind.Passkey => AssertionVerifier.Verify(assertion, challenge, credential, relyingParty),
        CredentialKind.DeviceKey => DeviceKeyVerifier.Verify(assertion, challenge, credential, relyingParty),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a credential kind."),
    };
}
