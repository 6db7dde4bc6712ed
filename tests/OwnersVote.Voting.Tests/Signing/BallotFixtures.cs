using OwnersVote.Voting.Signing;

namespace OwnersVote.Voting.Tests.Signing;

internal static class BallotFixtures
{
    public const string RpId = "vote.example.cn";
    public const string Origin = "https://vote.example.cn";

    public static readonly RelyingParty RelyingParty = new(RpId, new HashSet<string>(StringComparer.Ordinal) { Origin }, RequireUserVerification: true);

    public static OwnerBallot OwnerBallot(string principal = "p-57-0101", Choice choice = Choice.Yes, string nonce = "AAECAwQFBgcICQoLDA0ODw") => new(
        "jingcheng-pinyayuan",
        "b57-lift-2025",
        principal,
        ["57-0101", "57-0102"],
        [new BallotAnswer("q1", choice)],
        nonce,
        new DateTimeOffset(2025, 3, 1, 8, 30, 0, 123, TimeSpan.Zero));
}
