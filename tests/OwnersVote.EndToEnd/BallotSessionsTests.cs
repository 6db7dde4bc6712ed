using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OwnersVote.Voting;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Features.Ballots;

namespace OwnersVote.EndToEnd;

/// <summary>Ballots prepared for signing: single use, the owner's own, and bounded by <c>Ballots:MaxPrepared</c>.</summary>
public sealed class BallotSessionsTests
{
    [Fact]
    public async Task Prepared_ballots_stop_at_the_configured_cap_and_a_signed_one_frees_its_place()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        var sessions = new BallotSessions(TimeProvider.System, Options.Create(new BallotSettings { MaxPrepared = 3 }));
        var handles = new List<string?>();
        for (int i = 0; i < 3; i++)
        {
            handles.Add(await sessions.HoldAsync(Ballot(), "owner-a", cancel));
        }

        string? refused = await sessions.HoldAsync(Ballot(), "owner-a", cancel);
        PendingBallot? taken = await sessions.TakeAsync(handles[0], "owner-a", cancel);
        string? afterTaking = await sessions.HoldAsync(Ballot(), "owner-a", cancel);

        Assert.All(handles, Assert.NotNull);
        Assert.Null(refused);
        Assert.NotNull(taken);
        Assert.NotNull(afterTaking);
        // Single use: the same handle is gone.
        Assert.Null(await sessions.TakeAsync(handles[0], "owner-a", cancel));
    }

    [Fact]
    public async Task The_default_cap_is_one_hundred_thousand_a_handle_is_its_owners_alone_and_a_cap_below_one_is_refused()
    {
        Assert.Equal(100_000, new BallotSettings().MaxPrepared);
        var sessions = new BallotSessions(TimeProvider.System, Options.Create(new BallotSettings()));
        string? handle = await sessions.HoldAsync(Ballot(), "owner-a", TestContext.Current.CancellationToken);
        Assert.Null(await sessions.TakeAsync(handle, "owner-b", TestContext.Current.CancellationToken));

        InvalidOperationException bad = Assert.Throws<InvalidOperationException>(() => new BallotSessions(TimeProvider.System, Options.Create(new BallotSettings { MaxPrepared = 0 })));
        Assert.Contains("Ballots:MaxPrepared", bad.Message, StringComparison.Ordinal);
    }

    private static OwnerBallot Ballot() =>
        new("c1", "v1", "P1", ["1-101"], [new BallotAnswer("q1", Choice.Yes)], Base64UrlText.Encode(RandomNumberGenerator.GetBytes(16)), DateTimeOffset.UnixEpoch);
}
