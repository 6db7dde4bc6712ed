using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OwnersVote.Ledger;
using OwnersVote.Ledger.Sequencing;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Ledger;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Races at the level the server has them today: concurrent appends through the real app's
/// <see cref="EventLog"/> (sequencer, then projection). The tables must end exactly as
/// <see cref="VoteReplay"/> recounts the log they were built from: one counted ballot per principal
/// (JI art. 9), nothing counted after the close. Every loop here is bounded in count, and each test
/// in time (90 s each).
/// </summary>
public sealed class RaceTests : IAsyncLifetime
{
    private static readonly TimeSpan s_budget = TimeSpan.FromSeconds(90);
    private readonly SqliteApp _app = new();
    private readonly List<SoftwareAuthenticator> _authenticators = [];
    private readonly CancellationTokenSource _budget = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

    private CancellationToken Budget => _budget.Token;

    public async ValueTask InitializeAsync()
    {
        _budget.CancelAfter(s_budget);
        await _app.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (SoftwareAuthenticator a in _authenticators)
        {
            a.Dispose();
        }

        _budget.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_same_owner_voting_from_two_devices_at_once_has_exactly_one_counted_ballot()
    {
        EventLog log = _app.Services.GetRequiredService<EventLog>();
        List<Voter> voters = await VotersWhoHaveNotVotedAsync(8);
        var phones = voters.ToDictionary(v => v, _ => Passkey());
        var tablets = voters.ToDictionary(v => v, _ => Passkey());
        await log.AppendManyAsync([.. voters.SelectMany(v => new[] { Enrol(v, phones[v]), Enrol(v, tablets[v]) })], Budget);

        // Both devices of every voter at once: 16 appends released together.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        List<Task<AppendResult>> appends = [];
        foreach (Voter v in voters)
        {
            BallotCast fromPhone = Cast(v, phones[v], Choice.Yes);
            BallotCast fromTablet = Cast(v, tablets[v], Choice.No);
            appends.Add(AppendWhenReleasedAsync(log, fromPhone, start.Task));
            appends.Add(AppendWhenReleasedAsync(log, fromTablet, start.Task));
        }

        start.SetResult();
        AppendResult[] results = await Task.WhenAll(appends).WaitAsync(Budget);

        Assert.Equal(results.Length, results.Select(r => r.Index).Distinct().Count());
        List<BallotRow> rows = await BallotsAsync();
        foreach (Voter v in voters)
        {
            List<BallotRow> mine = [.. rows.Where(r => r.OwnerId == v.Principal).OrderBy(r => r.LogIndex)];
            Assert.Equal(2, mine.Count);

            // The vote allows changes: the one sequenced last counts (DESIGN.md "Ballot signing").
            Assert.Equal([false, true], mine.Select(r => r.Counts));
            Assert.All(mine, r => Assert.Null(r.Rejection));
        }

        await AssertTablesEqualRecountAsync(log, rows);
    }

    [Fact]
    public async Task A_vote_closing_while_ballots_arrive_counts_only_ballots_sequenced_before_the_close()
    {
        EventLog log = _app.Services.GetRequiredService<EventLog>();
        List<Voter> voters = await VotersWhoHaveNotVotedAsync(12);
        var keys = voters.ToDictionary(v => v, _ => Passkey());
        await log.AppendManyAsync([.. voters.Select(v => Enrol(v, keys[v]))], Budget);

        // Half the ballots, the close, the other half: all in flight at once.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        List<Task<AppendResult>> ballots = [.. voters.Take(6).Select(v => AppendWhenReleasedAsync(log, Cast(v, keys[v], Choice.Yes), start.Task))];
        Task<AppendResult> close = AppendWhenReleasedAsync(log, new VoteClosed(DemoSeeder.CompoundId, DemoSeeder.LiftVoteId, Now(), "system"), start.Task);
        ballots.AddRange(voters.Skip(6).Select(v => AppendWhenReleasedAsync(log, Cast(v, keys[v], Choice.No), start.Task)));
        start.SetResult();
        AppendResult[] cast = await Task.WhenAll(ballots).WaitAsync(Budget);
        long closedAt = (await close.WaitAsync(Budget)).Index;

        List<BallotRow> rows = await BallotsAsync();
        foreach (AppendResult r in cast)
        {
            BallotRow row = rows.Single(b => b.LogIndex == r.Index);
            if (r.Index > closedAt)
            {
                Assert.Equal(("after-close", false), (row.Rejection, row.Counts));
            }
            else
            {
                Assert.Equal(((string?)null, true), (row.Rejection, row.Counts));
            }
        }

        await AssertTablesEqualRecountAsync(log, rows);
    }

    // The recount of the whole log, read back through the tile store and verified, must decide
    // every ballot of the vote as the tables do.
    private async Task AssertTablesEqualRecountAsync(EventLog log, List<BallotRow> rows)
    {
        var entries = new List<byte[]>();
        await LogAuditor.AuditAsync(log.Store, log.Verifier, [], 0, (_, e) => entries.Add(e.ToArray()), Budget);
        List<LedgerEvent> events = [.. entries.Select(e => EventCodec.Decode(e))];
        VoteReplayResult replay = VoteReplay.Replay(events, DemoSeeder.LiftVoteId);

        // The log holds only the demo compound, so positions are log indexes. The tables record a
        // rejection, or "after-close" for a valid ballot sequenced after the close; a ballot
        // replaced by a later one has neither (the recount calls it "replaced-by-later").
        Assert.Equal(
            replay.Ballots.Select(b => ((long)b.Position, b.Disposition == BallotDisposition.Counted, b.Disposition == BallotDisposition.Rejected || b.Reason == "after-close" ? b.Reason : null)),
            rows.OrderBy(r => r.LogIndex).Select(r => (r.LogIndex, r.Counts, r.Rejection)));
        Assert.Equal(
            replay.Ballots.Count(b => b.Disposition == BallotDisposition.Counted),
            rows.Count(r => r.Counts));
    }

    private static async Task<AppendResult> AppendWhenReleasedAsync(EventLog log, LedgerEvent e, Task start)
    {
        await start;
        return await Task.Run(() => log.AppendAsync(e, CancellationToken.None));
    }

    private async Task<List<BallotRow>> BallotsAsync()
    {
        await using AsyncServiceScope scope = _app.Services.CreateAsyncScope();
        OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        return await db.Ballots.AsNoTracking().Where(b => b.MatterId == DemoSeeder.LiftVoteId).OrderBy(b => b.LogIndex).ToListAsync(Budget);
    }

    // Owners of building 57 (the lift vote's scope, Shanghai art. 69) who have not voted yet, with
    // all their units in scope (JI art. 9: one ballot for all of a principal's units).
    private async Task<List<Voter>> VotersWhoHaveNotVotedAsync(int count)
    {
        await using AsyncServiceScope scope = _app.Services.CreateAsyncScope();
        OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        List<string> voted = await db.Ballots.Where(b => b.MatterId == DemoSeeder.LiftVoteId).Select(b => b.OwnerId).ToListAsync(Budget);
        List<UnitRow> units = await db.Units.AsNoTracking().Where(u => u.VoteId == DemoSeeder.LiftVoteId && u.BuildingId == "57").ToListAsync(Budget);
        List<Voter> voters = [.. units
            .Where(u => u.OwnerId != OwnerId.DeveloperValue && !voted.Contains(u.OwnerId))
            .GroupBy(u => (u.OwnerId, u.OwnerHash))
            .OrderBy(g => g.Key.OwnerId, StringComparer.Ordinal)
            .Take(count)
            .Select(g => new Voter(g.Key.OwnerId, g.Key.OwnerHash, [.. g.Select(u => u.Id).Order(StringComparer.Ordinal)]))];
        Assert.Equal(count, voters.Count);
        return voters;
    }

    private SoftwareAuthenticator Passkey()
    {
        var a = SoftwareAuthenticator.MakeCredential(DemoSeeder.RpId);
        _authenticators.Add(a);
        return a;
    }

    private static DateTimeOffset Now() => EventTime.Truncate(DateTimeOffset.UtcNow);

    private static CredentialEnrolled Enrol(Voter v, SoftwareAuthenticator a)
    {
        DateTimeOffset at = Now().AddMinutes(-1);
        return new CredentialEnrolled(
            DemoSeeder.CompoundId, at, "officer:race-1", v.OwnerHash, a.CredentialId, CoseKey.Parse(a.CosePublicKey),
            CredentialKind.Passkey, ["officer:race-1", "officer:race-2"], at, OwnerNotified: true);
    }

    private BallotCast Cast(Voter v, SoftwareAuthenticator a, Choice choice)
    {
        DateTimeOffset at = Now();
        var ballot = new OwnerBallot(
            DemoSeeder.CompoundId, DemoSeeder.LiftVoteId, v.Principal, v.Units, [new BallotAnswer("q1", choice)],
            Base64UrlText.Encode(RandomNumberGenerator.GetBytes(16)), at);
        WebAuthnAssertion assertion = a.GetAssertion(BallotChallenge.Compute(ballot), _app.BaseUrl);
        return new BallotCast(DemoSeeder.CompoundId, DemoSeeder.LiftVoteId, at, "owner:" + v.OwnerHash, ballot, assertion);
    }

    private sealed record Voter(string Principal, string OwnerHash, string[] Units);
}
