using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Voting.Tests.Signing;

public sealed class DeviceKeyVerifierTests : IDisposable
{
    private readonly WebCryptoDeviceKey _key = new();
    private readonly byte[] _challenge = BallotChallenge.Compute(BallotFixtures.OwnerBallot());

    public void Dispose() => _key.Dispose();

    [Fact]
    public void A_WebCrypto_P1363_signature_over_the_ballot_challenge_is_accepted_without_user_verification()
    {
        AssertionResult result = Verify(_key.Sign(_challenge));

        Assert.Equal(new AssertionResult.Accepted(0, UserVerified: false), result);
    }

    [Fact]
    public void The_same_signature_in_DER_is_refused_so_each_signature_has_one_spelling()
    {
        WebAuthnAssertion assertion = _key.Sign(_challenge);
        byte[] der = ToDer(assertion.Signature.Span);

        AssertRejected(AssertionFailure.BadSignature, Verify(assertion with { Signature = der }));
    }

    [Fact]
    public void A_P1363_signature_checked_as_a_passkey_assertion_is_refused()
    {
        WebAuthnAssertion assertion = _key.Sign(_challenge);

        AssertionResult asPasskey = BallotSignatureVerifier.Verify(CredentialKind.Passkey, assertion, _challenge, _key.ToStoredCredential(), BallotFixtures.RelyingParty);
        AssertionResult asDeviceKey = BallotSignatureVerifier.Verify(CredentialKind.DeviceKey, assertion, _challenge, _key.ToStoredCredential(), BallotFixtures.RelyingParty);

        Assert.False(asPasskey.IsAccepted);
        Assert.True(asDeviceKey.IsAccepted);
    }

    [Fact]
    public void A_passkey_assertion_is_not_a_device_key_signature()
    {
        using SoftwareAuthenticator passkey = SoftwareAuthenticator.MakeCredential(BallotFixtures.RpId);
        WebAuthnAssertion assertion = passkey.GetAssertion(_challenge, BallotFixtures.Origin);

        AssertionResult result = BallotSignatureVerifier.Verify(CredentialKind.DeviceKey, assertion, _challenge, passkey.ToStoredCredential(), BallotFixtures.RelyingParty);

        Assert.False(result.IsAccepted);
    }

    [Fact]
    public void A_signature_over_another_ballot_is_a_challenge_mismatch()
    {
        byte[] other = BallotChallenge.Compute(BallotFixtures.OwnerBallot(choice: Choice.No));

        AssertRejected(AssertionFailure.ChallengeMismatch, DeviceKeyVerifier.Verify(_key.Sign(other), _challenge, _key.ToStoredCredential(), BallotFixtures.RelyingParty));
    }

    [Fact]
    public void A_signature_by_another_key_is_a_bad_signature()
    {
        using var other = new WebCryptoDeviceKey();
        WebAuthnAssertion forged = other.Sign(_challenge) with { CredentialId = _key.CredentialId };

        AssertRejected(AssertionFailure.BadSignature, Verify(forged));
    }

    [Fact]
    public void The_enrolment_proof_is_not_a_ballot_signature_and_the_reverse()
    {
        WebAuthnAssertion enrol = _key.Sign(_challenge, type: DeviceKeyVerifier.EnrolType);

        AssertRejected(AssertionFailure.WrongType, Verify(enrol));
        Assert.True(DeviceKeyVerifier.VerifyPossession(enrol, _challenge, _key.ToStoredCredential(), BallotFixtures.RelyingParty).IsAccepted);
        AssertRejected(AssertionFailure.WrongType, DeviceKeyVerifier.VerifyPossession(_key.Sign(_challenge), _challenge, _key.ToStoredCredential(), BallotFixtures.RelyingParty));
    }

    [Fact]
    public void Another_origin_or_rp_id_is_refused()
    {
        AssertRejected(AssertionFailure.OriginNotAllowed, Verify(_key.Sign(_challenge, origin: "https://evil.example")));
        AssertRejected(AssertionFailure.RpIdMismatch, Verify(_key.Sign(_challenge, rpId: "evil.example")));
    }

    [Fact]
    public void Authenticator_data_other_than_the_fixed_37_bytes_is_malformed()
    {
        WebAuthnAssertion assertion = _key.Sign(_challenge);
        byte[] counted = assertion.AuthenticatorData.ToArray();
        counted[36] = 1;
        byte[] verified = assertion.AuthenticatorData.ToArray();
        verified[32] |= (byte)AuthenticatorFlags.UserVerified;

        AssertRejected(AssertionFailure.Malformed, Verify(assertion with { AuthenticatorData = counted }));
        AssertRejected(AssertionFailure.Malformed, Verify(assertion with { AuthenticatorData = verified }));
        AssertRejected(AssertionFailure.Malformed, Verify(assertion with { AuthenticatorData = assertion.AuthenticatorData[..36] }));
    }

    [Fact]
    public void A_flipped_client_data_byte_breaks_the_signature_or_the_parse()
    {
        WebAuthnAssertion assertion = _key.Sign(_challenge);
        byte[] clientData = assertion.ClientDataJson.ToArray();
        clientData[^3] ^= 0x01;

        Assert.False(Verify(assertion with { ClientDataJson = clientData }).IsAccepted);
    }

    private AssertionResult Verify(WebAuthnAssertion assertion) =>
        DeviceKeyVerifier.Verify(assertion, _challenge, _key.ToStoredCredential(), BallotFixtures.RelyingParty);

    private static void AssertRejected(AssertionFailure expected, AssertionResult result) =>
        Assert.Equal(expected, Assert.IsType<AssertionResult.Rejected>(result).Reason);

    // RFC 3279 §2.2.3 Ecdsa-Sig-Value, as WebAuthn passkeys send it.
    private static byte[] ToDer(ReadOnlySpan<byte> p1363)
    {
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(p1363[..32]);
            writer.WriteIntegerUnsigned(p1363[32..]);
        }

        return writer.Encode();
    }
}
