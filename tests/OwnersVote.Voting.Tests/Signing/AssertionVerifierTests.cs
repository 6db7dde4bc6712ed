using System.Security.Cryptography;
using System.Text;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Voting.Tests.Signing;

public sealed class AssertionVerifierTests : IDisposable
{
    private readonly SoftwareAuthenticator _authenticator = SoftwareAuthenticator.MakeCredential(BallotFixtures.RpId);
    private readonly byte[] _challenge = BallotChallenge.Compute(BallotFixtures.OwnerBallot());

    public void Dispose() => _authenticator.Dispose();

    [Fact]
    public void A_genuine_assertion_over_the_ballot_challenge_is_accepted_with_its_counter()
    {
        WebAuthnAssertion assertion = _authenticator.GetAssertion(_challenge, BallotFixtures.Origin);

        AssertionResult result = Verify(assertion);

        Assert.Equal(new AssertionResult.Accepted(1, UserVerified: true), result);
    }

    [Fact]
    public void An_altered_ballot_is_a_challenge_mismatch()
    {
        WebAuthnAssertion assertion = _authenticator.GetAssertion(_challenge, BallotFixtures.Origin);
        byte[] otherChallenge = BallotChallenge.Compute(BallotFixtures.OwnerBallot(choice: Choice.No));

        AssertionResult result = AssertionVerifier.Verify(assertion, otherChallenge, _authenticator.ToStoredCredential(), BallotFixtures.RelyingParty);

        AssertRejected(AssertionFailure.ChallengeMismatch, "challenge-mismatch", result);
    }

    [Fact]
    public void A_flipped_signature_byte_is_a_bad_signature()
    {
        WebAuthnAssertion assertion = _authenticator.GetAssertion(_challenge, BallotFixtures.Origin);
        byte[] signature = assertion.Signature.ToArray();
        signature[^1] ^= 0x01;

        AssertRejected(AssertionFailure.BadSignature, "bad-signature", Verify(assertion with { Signature = signature }));
    }

    [Fact]
    public void A_signature_that_is_not_DER_is_a_bad_signature_not_an_exception()
    {
        WebAuthnAssertion assertion = _authenticator.GetAssertion(_challenge, BallotFixtures.Origin);

        AssertRejected(AssertionFailure.BadSignature, "bad-signature", Verify(assertion with { Signature = new byte[64] }));
        AssertRejected(AssertionFailure.BadSignature, "bad-signature", Verify(assertion with { Signature = Array.Empty<byte>() }));
    }

    [Fact]
    public void A_flipped_counter_byte_in_authenticator_data_breaks_the_signature()
    {
        WebAuthnAssertion assertion = _authenticator.GetAssertion(_challenge, BallotFixtures.Origin);
        byte[] authData = assertion.AuthenticatorData.ToArray();
        authData[35] ^= 0x01;

        AssertRejected(AssertionFailure.BadSignature, "bad-signature", Verify(assertion with { AuthenticatorData = authData }));
    }

    [Fact]
    public void A_flipped_rpIdHash_byte_is_an_rp_id_mismatch()
    {
        WebAuthnAssertion assertion = _authenticator.GetAssertion(_challenge, BallotFixtures.Origin);
        byte[] authData = assertion.AuthenticatorData.ToArray();
        authData[0] ^= 0x01;

        AssertRejected(AssertionFailure.RpIdMismatch, "rp-id-mismatch", Verify(assertion with { AuthenticatorData = authData }));
    }

    [Fact]
    public void A_credential_for_another_RP_ID_is_an_rp_id_mismatch_even_when_signed()
    {
        using SoftwareAuthenticator phishing = SoftwareAuthenticator.MakeCredential("vote.example.com");
        WebAuthnAssertion assertion = phishing.GetAssertion(_challenge, BallotFixtures.Origin);

        AssertRejected(AssertionFailure.RpIdMismatch, "rp-id-mismatch", AssertionVerifier.Verify(assertion, _challenge, phishing.ToStoredCredential(), BallotFixtures.RelyingParty));
    }

    [Fact]
    public void An_altered_client_data_byte_breaks_the_signature()
    {
        WebAuthnAssertion assertion = _authenticator.GetAssertion(_challenge, BallotFixtures.Origin);
        byte[] clientData = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(assertion.ClientDataJson.Span).Replace("\"crossOrigin\":false", "\"crossOrigin\":false ", StringComparison.Ordinal));

        AssertRejected(AssertionFailure.BadSignature, "bad-signature", Verify(assertion with { ClientDataJson = clientData }));
    }

    [Fact]
    public void Another_origin_is_not_allowed()
    {
        WebAuthnAssertion assertion = _authenticator.GetAssertion(_challenge, "https://vote.example.cn.evil.test");

        AssertRejected(AssertionFailure.OriginNotAllowed, "origin-not-allowed", Verify(assertion));
    }

    [Fact]
    public void A_cross_origin_iframe_is_refused()
    {
        WebAuthnAssertion assertion = _authenticator.GetAssertion(_challenge, BallotFixtures.Origin, crossOrigin: true);

        AssertRejected(AssertionFailure.CrossOrigin, "cross-origin", Verify(assertion));
    }

    [Fact]
    public void A_create_ceremony_client_data_is_the_wrong_type()
    {
        WebAuthnAssertion assertion = SignedWith(
            AuthenticatorData.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(BallotFixtures.RpId)), AuthenticatorFlags.UserPresent | AuthenticatorFlags.UserVerified, 1),
            ClientData("webauthn.create", Base64UrlText.Encode(_challenge), BallotFixtures.Origin));

        AssertRejected(AssertionFailure.WrongType, "wrong-type", Verify(assertion));
    }

    [Fact]
    public void Without_the_UP_flag_the_user_was_not_present()
    {
        WebAuthnAssertion assertion = SignedWith(
            AuthenticatorData.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(BallotFixtures.RpId)), AuthenticatorFlags.UserVerified, 1),
            ClientData("webauthn.get", Base64UrlText.Encode(_challenge), BallotFixtures.Origin));

        AssertRejected(AssertionFailure.UserNotPresent, "user-not-present", Verify(assertion));
    }

    [Fact]
    public void Without_the_UV_flag_the_user_was_not_verified_when_verification_is_required()
    {
        _authenticator.VerifiesUser = false;
        WebAuthnAssertion assertion = _authenticator.GetAssertion(_challenge, BallotFixtures.Origin);

        AssertRejected(AssertionFailure.UserNotVerified, "user-not-verified", Verify(assertion));
        Assert.Equal(
            new AssertionResult.Accepted(1, UserVerified: false),
            AssertionVerifier.Verify(assertion, _challenge, _authenticator.ToStoredCredential(), BallotFixtures.RelyingParty with { RequireUserVerification = false }));
    }

    [Fact]
    public void A_replayed_counter_is_a_possible_clone()
    {
        WebAuthnAssertion first = _authenticator.GetAssertion(_challenge, BallotFixtures.Origin);
        var accepted = (AssertionResult.Accepted)Verify(first);
        StoredCredential afterFirst = _authenticator.ToStoredCredential() with { SignCount = accepted.SignCount };

        AssertRejected(AssertionFailure.PossibleClone, "possible-clone", AssertionVerifier.Verify(first, _challenge, afterFirst, BallotFixtures.RelyingParty));
        WebAuthnAssertion second = _authenticator.GetAssertion(_challenge, BallotFixtures.Origin);
        Assert.Equal(new AssertionResult.Accepted(2, true), AssertionVerifier.Verify(second, _challenge, afterFirst, BallotFixtures.RelyingParty));
    }

    [Fact]
    public void Counters_that_stay_zero_are_accepted_as_WebAuthn_allows()
    {
        _authenticator.IncrementsCounter = false;

        Assert.Equal(new AssertionResult.Accepted(0, true), Verify(_authenticator.GetAssertion(_challenge, BallotFixtures.Origin)));
        Assert.Equal(new AssertionResult.Accepted(0, true), Verify(_authenticator.GetAssertion(_challenge, BallotFixtures.Origin)));
    }

    [Fact]
    public void Another_credential_id_is_a_credential_mismatch()
    {
        WebAuthnAssertion assertion = _authenticator.GetAssertion(_challenge, BallotFixtures.Origin);

        AssertRejected(AssertionFailure.CredentialMismatch, "credential-mismatch", Verify(assertion with { CredentialId = new byte[16] }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"type":"webauthn.get","challenge":"x","origin":"https://vote.example.cn","origin":"https://vote.example.cn"}""")]
    [InlineData("""{"type":"webauthn.get","origin":"https://vote.example.cn"}""")]
    [InlineData("""{"type":"webauthn.get","challenge":1,"origin":"https://vote.example.cn"}""")]
    [InlineData("""{"type":"webauthn.get","challenge":"x","origin":"https://vote.example.cn","crossOrigin":"no"}""")]
    public void Unparseable_client_data_is_malformed(string clientData)
    {
        WebAuthnAssertion assertion = SignedWith(
            AuthenticatorData.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(BallotFixtures.RpId)), AuthenticatorFlags.UserPresent, 1),
            Encoding.UTF8.GetBytes(clientData));

        AssertRejected(AssertionFailure.Malformed, "malformed", Verify(assertion));
    }

    [Fact]
    public void Invalid_UTF8_client_data_is_malformed()
    {
        WebAuthnAssertion assertion = _authenticator.GetAssertion(_challenge, BallotFixtures.Origin);

        AssertRejected(AssertionFailure.Malformed, "malformed", Verify(assertion with { ClientDataJson = new byte[] { 0x7B, 0xFF, 0x7D } }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(36)]
    [InlineData(38)]
    public void Authenticator_data_of_the_wrong_length_is_malformed(int length)
    {
        WebAuthnAssertion assertion = _authenticator.GetAssertion(_challenge, BallotFixtures.Origin);
        byte[] authData = new byte[length];
        assertion.AuthenticatorData.Span[..Math.Min(length, 37)].CopyTo(authData);

        AssertRejected(AssertionFailure.Malformed, "malformed", Verify(assertion with { AuthenticatorData = authData }));
    }

    [Fact]
    public void Flags_promising_extensions_that_are_absent_are_malformed()
    {
        WebAuthnAssertion assertion = _authenticator.GetAssertion(_challenge, BallotFixtures.Origin);
        byte[] authData = assertion.AuthenticatorData.ToArray();
        authData[32] |= (byte)AuthenticatorFlags.ExtensionData;

        AssertRejected(AssertionFailure.Malformed, "malformed", Verify(assertion with { AuthenticatorData = authData }));
        Assert.True(AuthenticatorData.TryParse([.. authData, 0xA0], out AuthenticatorData? withEmptyExtensions));
        Assert.Equal(1u, withEmptyExtensions!.SignCount);
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        var random = new Random(8785);
        StoredCredential credential = _authenticator.ToStoredCredential();
        for (int i = 0; i < 2000; i++)
        {
            byte[] authData = new byte[random.Next(0, 80)];
            byte[] clientData = new byte[random.Next(0, 80)];
            byte[] signature = new byte[random.Next(0, 80)];
            random.NextBytes(authData);
            random.NextBytes(clientData);
            random.NextBytes(signature);
            var assertion = new WebAuthnAssertion(credential.CredentialId, authData, clientData, signature);

            Assert.IsType<AssertionResult.Rejected>(Verify(assertion));
        }
    }

    private static byte[] ClientData(string type, string challenge, string origin) =>
        Encoding.UTF8.GetBytes($$"""{"type":"{{type}}","challenge":"{{challenge}}","origin":"{{origin}}","crossOrigin":false}""");

    private static void AssertRejected(AssertionFailure reason, string code, AssertionResult result)
    {
        var rejected = Assert.IsType<AssertionResult.Rejected>(result);
        Assert.Equal(reason, rejected.Reason);
        Assert.Equal(code, rejected.Code);
    }

    private WebAuthnAssertion SignedWith(byte[] authenticatorData, byte[] clientDataJson) =>
        new(_authenticator.CredentialId, authenticatorData, clientDataJson, _authenticator.Sign(authenticatorData, clientDataJson));

    private AssertionResult Verify(WebAuthnAssertion assertion) =>
        AssertionVerifier.Verify(assertion, _challenge, _authenticator.ToStoredCredential(), BallotFixtures.RelyingParty);
}
