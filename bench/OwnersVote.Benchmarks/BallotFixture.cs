using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Benchmarks;

/// <summary>One owner's ballot for two units, signed by a software passkey, as a <see cref="BallotCast"/> event.</summary>
internal sealed class BallotFixture : IDisposable
{
    public const string RpId = "vote.example.cn";
    public const string Origin = "https://vote.example.cn";

    private static readonly byte[] s_compoundKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    public BallotFixture()
    {
        Authenticator = SoftwareAuthenticator.MakeCredential(RpId);
        Ballot = new OwnerBallot(
            "jingcheng-pinyayuan",
            "b57-lift-2025",
            "p-57-0101",
            ["57-0101", "57-0102"],
            [new BallotAnswer("q1", Choice.Yes)],
            "AAECAwQFBgcICQoLDA0ODw",
            new DateTimeOffset(2025, 3, 1, 8, 30, 0, 123, TimeSpan.Zero));
        Challenge = BallotChallenge.Compute(Ballot);
        Assertion = Authenticator.GetAssertion(Challenge, Origin);
        string owner = OwnerKey.Hash(s_compoundKey, "310000000000000001");
        Event = new BallotCast(Ballot.Compound, Ballot.Vote, new DateTimeOffset(2025, 3, 2, 9, 0, 0, TimeSpan.Zero), "owner:" + owner, Ballot, Assertion);
    }

    public SoftwareAuthenticator Authenticator { get; }

    public OwnerBallot Ballot { get; }

    public byte[] Challenge { get; }

    public WebAuthnAssertion Assertion { get; }

    public BallotCast Event { get; }

    public RelyingParty RelyingParty { get; } = new(RpId, new HashSet<string>(StringComparer.Ordinal) { Origin }, RequireUserVerification: true);

    public void Dispose() => Authenticator.Dispose();
}
