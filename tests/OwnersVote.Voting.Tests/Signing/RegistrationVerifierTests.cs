using System.Text;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Voting.Tests.Signing;

public sealed class RegistrationVerifierTests : IDisposable
{
    private static readonly byte[] s_challenge = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7))];

    private readonly SoftwareAuthenticator _authenticator = SoftwareAuthenticator.MakeCredential(BallotFixtures.RpId);

    public void Dispose() => _authenticator.Dispose();

    [Fact]
    public void A_none_attestation_registration_yields_the_credential_that_then_verifies_ballots()
    {
        (byte[] attestation, byte[] clientData) = _authenticator.CreateRegistration(s_challenge, BallotFixtures.Origin);

        var accepted = Assert.IsType<RegistrationResult.Accepted>(RegistrationVerifier.Verify(attestation, clientData, s_challenge, BallotFixtures.RelyingParty));

        Assert.Equal(_authenticator.CredentialId.ToArray(), accepted.CredentialId.ToArray());
        Assert.Equal(_authenticator.CosePublicKey, accepted.PublicKey.Encoded.ToArray());
        byte[] ballotChallenge = BallotChallenge.Compute(BallotFixtures.OwnerBallot());
        WebAuthnAssertion assertion = _authenticator.GetAssertion(ballotChallenge, BallotFixtures.Origin);
        var stored = new StoredCredential(accepted.CredentialId, accepted.PublicKey, accepted.SignCount);
        Assert.True(AssertionVerifier.Verify(assertion, ballotChallenge, stored, BallotFixtures.RelyingParty).IsAccepted);
    }

    [Fact]
    public void Each_client_data_check_has_its_reason()
    {
        (byte[] attestation, byte[] clientData) = _authenticator.CreateRegistration(s_challenge, BallotFixtures.Origin);
        string json = Encoding.UTF8.GetString(clientData);

        AssertRejected("wrong-type", attestation, json.Replace("webauthn.create", "webauthn.get", StringComparison.Ordinal));
        AssertRejected("challenge-mismatch", attestation, json.Replace(Base64UrlText.Encode(s_challenge), Base64UrlText.Encode(new byte[32]), StringComparison.Ordinal));
        AssertRejected("origin-not-allowed", attestation, json.Replace(BallotFixtures.Origin, "https://evil.test", StringComparison.Ordinal));
        AssertRejected("cross-origin", attestation, json.Replace("\"crossOrigin\":false", "\"crossOrigin\":true", StringComparison.Ordinal));
        AssertRejected("malformed", attestation, "{");
    }

    [Fact]
    public void Authenticator_data_checks_have_their_reasons()
    {
        using SoftwareAuthenticator other = SoftwareAuthenticator.MakeCredential("elsewhere.example");
        (byte[] foreign, byte[] foreignClientData) = other.CreateRegistration(s_challenge, BallotFixtures.Origin);
        _authenticator.VerifiesUser = false;
        (byte[] unverified, byte[] clientData) = _authenticator.CreateRegistration(s_challenge, BallotFixtures.Origin);

        Assert.Equal("rp-id-mismatch", Code(RegistrationVerifier.Verify(foreign, foreignClientData, s_challenge, BallotFixtures.RelyingParty)));
        Assert.Equal("user-not-verified", Code(RegistrationVerifier.Verify(unverified, clientData, s_challenge, BallotFixtures.RelyingParty)));
    }

    [Fact]
    public void Only_the_none_attestation_format_is_accepted()
    {
        (byte[] attestation, byte[] clientData) = _authenticator.CreateRegistration(s_challenge, BallotFixtures.Origin);
        byte[] packed = [.. attestation];
        // "none" → "nofe": an unknown format of the same length.
        packed[8] = (byte)'f';
        byte[] withStatement = [0xA3, 0x63, .. "fmt"u8, 0x64, .. "none"u8, 0x67, .. "attStmt"u8, 0xA1, 0x63, .. "alg"u8, 0x26, .. attestation[19..]];

        Assert.Equal("unsupported-attestation", Code(RegistrationVerifier.Verify(packed, clientData, s_challenge, BallotFixtures.RelyingParty)));
        Assert.Equal("unsupported-attestation", Code(RegistrationVerifier.Verify(withStatement, clientData, s_challenge, BallotFixtures.RelyingParty)));
        Assert.Equal("malformed", Code(RegistrationVerifier.Verify([.. attestation, 0x00], clientData, s_challenge, BallotFixtures.RelyingParty)));
        Assert.Equal("malformed", Code(RegistrationVerifier.Verify(attestation[..^1], clientData, s_challenge, BallotFixtures.RelyingParty)));
    }

    [Fact]
    public void Random_attestation_objects_never_throw()
    {
        (byte[] attestation, byte[] clientData) = _authenticator.CreateRegistration(s_challenge, BallotFixtures.Origin);
        var random = new Random(71);
        for (int i = 0; i < 2000; i++)
        {
            byte[] mutated = [.. attestation];
            mutated[random.Next(mutated.Length)] ^= (byte)random.Next(1, 256);
            RegistrationResult result = RegistrationVerifier.Verify(mutated, clientData, s_challenge, BallotFixtures.RelyingParty);
            Assert.NotNull(result);
        }
    }

    private static string Code(RegistrationResult result) => Assert.IsType<RegistrationResult.Rejected>(result).Code;

    private static void AssertRejected(string code, byte[] attestation, string clientData) =>
        Assert.Equal(code, Code(RegistrationVerifier.Verify(attestation, Encoding.UTF8.GetBytes(clientData), s_challenge, BallotFixtures.RelyingParty)));
}
