using System.Text;
using FsCheck;
using FsCheck.Fluent;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Voting.Tests.Signing;

public sealed class OwnerBallotTests
{
    [Fact]
    public void The_ballot_has_one_canonical_spelling()
    {
        string canonical = Encoding.UTF8.GetString(BallotFixtures.OwnerBallot().ToCanonicalJson());

        Assert.Equal(
            """{"answers":[{"choice":"yes","question":"q1"}],"compound":"jingcheng-pinyayuan","issuedAt":"2025-03-01T08:30:00.123Z","nonce":"AAECAwQFBgcICQoLDA0ODw","principal":"p-57-0101","units":["57-0101","57-0102"],"v":1,"vote":"b57-lift-2025"}""",
            canonical);
    }

    [Fact]
    public void The_challenge_is_SHA256_of_the_prefix_a_zero_byte_and_the_canonical_ballot()
    {
        OwnerBallot ballot = BallotFixtures.OwnerBallot();
        byte[] message = [.. "OV-BALLOT-v1"u8, 0x00, .. ballot.ToCanonicalJson()];

        Assert.Equal(System.Security.Cryptography.SHA256.HashData(message), BallotChallenge.Compute(ballot));
        Assert.Equal(13, BallotChallenge.Prefix.Length);
    }

    [Fact]
    public void A_ballot_reads_back_from_its_canonical_JSON()
    {
        OwnerBallot ballot = BallotFixtures.OwnerBallot();

        OwnerBallot back = OwnerBallot.FromJson(Jcs.Parse(ballot.ToCanonicalJson()));

        Assert.Equal(ballot.ToCanonicalJson(), back.ToCanonicalJson());
        Assert.Equal(ballot.IssuedAt, back.IssuedAt);
        Assert.Equal(["57-0101", "57-0102"], back.Units);
    }

    [Theory]
    [InlineData("""{"answers":[{"choice":"yes","question":"q1"}],"compound":"c","issuedAt":"2025-03-01T08:30:00.123Z","nonce":"AAECAwQFBgcICQoLDA0ODw","principal":"p","units":["b","a"],"v":1,"vote":"v"}""", "sorted")]
    [InlineData("""{"answers":[{"choice":"maybe","question":"q1"}],"compound":"c","issuedAt":"2025-03-01T08:30:00.123Z","nonce":"AAECAwQFBgcICQoLDA0ODw","principal":"p","units":["a"],"v":1,"vote":"v"}""", "choice")]
    [InlineData("""{"answers":[{"choice":"yes","question":"q1"}],"compound":"c","issuedAt":"2025-03-01T08:30:00Z","nonce":"AAECAwQFBgcICQoLDA0ODw","principal":"p","units":["a"],"v":1,"vote":"v"}""", "issuedAt")]
    [InlineData("""{"answers":[{"choice":"yes","question":"q1"}],"compound":"c","issuedAt":"2025-03-01T08:30:00.123Z","nonce":"AAECAwQFBgcICQoLDA0ODw==","principal":"p","units":["a"],"v":1,"vote":"v"}""", "nonce")]
    [InlineData("""{"answers":[{"choice":"yes","question":"q1"}],"compound":"c","issuedAt":"2025-03-01T08:30:00.123Z","nonce":"AAECAwQFBgcICQoLDA0ODw","principal":"p","units":["a"],"v":2,"vote":"v"}""", "version 2")]
    [InlineData("""{"answers":[{"choice":"yes","question":"q1"}],"compound":"c","issuedAt":"2025-03-01T08:30:00.123Z","nonce":"AAECAwQFBgcICQoLDA0ODw","principal":"p","units":["a"],"v":1,"vote":"v","custodial":true}""", "custodial")]
    [InlineData("""{"answers":[{"choice":"yes","question":"q1"}],"compound":"c","issuedAt":"2025-03-01T08:30:00.123Z","nonce":"AAECAwQFBgcICQoLDA0ODw","units":["a"],"v":1,"vote":"v"}""", "principal")]
    public void A_ballot_that_breaks_the_schema_is_rejected_with_the_field_named(string json, string mentioned)
    {
        EventFormatException e = Assert.Throws<EventFormatException>(() => OwnerBallot.FromJson(Jcs.Parse(Encoding.UTF8.GetBytes(json))));
        Assert.Contains(mentioned, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_single_byte_change_of_the_ballot_changes_the_challenge_and_fails_verification()
    {
        OwnerBallot ballot = BallotFixtures.OwnerBallot();
        byte[] canonical = ballot.ToCanonicalJson();
        using SoftwareAuthenticator authenticator = SoftwareAuthenticator.MakeCredential(BallotFixtures.RpId);
        StoredCredential credential = authenticator.ToStoredCredential();
        WebAuthnAssertion assertion = authenticator.GetAssertion(BallotChallenge.Compute(canonical), BallotFixtures.Origin);
        Assert.True(AssertionVerifier.Verify(assertion, BallotChallenge.Compute(canonical), credential, BallotFixtures.RelyingParty).IsAccepted);

        Gen<(int Index, byte Delta)> changes = Gen.Zip(Gen.Choose(0, canonical.Length - 1), Gen.Choose(1, 255).Select(d => (byte)d));
        Prop.ForAll(changes.ToArbitrary(), change =>
        {
            byte[] altered = (byte[])canonical.Clone();
            altered[change.Index] ^= change.Delta;
            byte[] challenge = BallotChallenge.Compute(altered);
            AssertionResult result = AssertionVerifier.Verify(assertion, challenge, credential, BallotFixtures.RelyingParty);
            return !challenge.AsSpan().SequenceEqual(BallotChallenge.Compute(canonical))
                && result is AssertionResult.Rejected { Reason: AssertionFailure.ChallengeMismatch };
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }
}
