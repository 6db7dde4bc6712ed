using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OwnersVote.Ledger;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Data;
using OwnersVote.Web.Projections;

namespace OwnersVote.EndToEnd;

/// <summary>The Projector on a real (in-memory) SQLite database: what a replayed log leaves in the tables.</summary>
public class ProjectorTests : IAsyncLifetime
{
    private const string Compound = "c";
    private const string Vote = "m";
    private const string Origin = "http://localhost:5000";
    private static readonly DateTimeOffset s_t0 = new(2026, 3, 1, 1, 0, 0, TimeSpan.Zero);
    private static readonly byte[] s_key = new byte[32];
    private static readonly string s_ownerA = OwnerKey.Hash(s_key, "a");
    private static readonly string s_ownerB = OwnerKey.Hash(s_key, "b");

    private readonly SqliteConnection _connection;
    private readonly ProjectionConnection? _projection;
    private readonly string? _file;
    private readonly SoftwareAuthenticator _authenticator = SoftwareAuthenticator.MakeCredential("localhost");
    private readonly SoftwareAuthenticator _authenticatorB = SoftwareAuthenticator.MakeCredential("localhost");
    private readonly List<LedgerEvent> _log = [];
    private OwnersVoteDb _db = null!;
    private long _next;

    public ProjectorTests()
        : this(onProjectionConnection: false)
    {
    }

    // The log's projector thread projects through a ProjectionConnection of its own, which takes
    // runs of online ballots past EF Core (issue 10); that needs a database file two connections
    // can open.
    protected ProjectorTests(bool onProjectionConnection)
    {
        _file = onProjectionConnection ? Path.Combine(Path.GetTempPath(), $"ov-projector-{Guid.NewGuid():n}.db") : null;
        _connection = new SqliteConnection(_file is null ? "Data Source=:memory:" : $"Data Source={_file};Pooling=False");
        _projection = onProjectionConnection ? new ProjectionConnection() : null;
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _connection.OpenAsync(Cancel);
        _db = new OwnersVoteDb(new DbContextOptionsBuilder<OwnersVoteDb>().UseSqlite(_connection).Options);
        await _db.Database.EnsureCreatedAsync(Cancel);
        await Apply(
            new CompoundRegistered(Compound, s_t0, "admin:x", "测试小区", "上海", "localhost", [Origin], true),
            new RollFrozen(Compound, Vote, s_t0, "officer:x",
            [
                new RollEntry(new UnitId("1-101"), new BuildingId("1"), Area.FromHundredths(10_000), AreaSource.Registry, s_ownerA, new OwnerId(s_ownerA)),
                new RollEntry(new UnitId("1-102"), new BuildingId("1"), Area.FromHundredths(9_000), AreaSource.Survey, s_ownerB, new OwnerId(s_ownerB)),
                new RollEntry(new UnitId("2-101"), new BuildingId("2"), Area.FromHundredths(8_000), AreaSource.Contract, s_ownerB, new OwnerId(s_ownerB)),
            ]),
            Matter(Vote, [new BuildingId("1")], allowChange: true),
            Enrol(_authenticator, s_ownerA),
            Enrol(_authenticatorB, s_ownerB));
    }

    public async ValueTask DisposeAsync()
    {
        _authenticator.Dispose();
        _authenticatorB.Dispose();
        await _db.DisposeAsync();
        await _connection.DisposeAsync();
        _projection?.Dispose();
        if (_file is not null)
        {
            File.Delete(_file);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Roll_keeps_area_in_hundredths_with_its_source_and_one_owner_row_per_principal()
    {
        UnitRow unit = await _db.Units.SingleAsync(u => u.Id == "2-101", Cancel);

        Assert.Equal(8_000, unit.AreaHundredths);
        Assert.Equal("contract", unit.AreaSource);
        Assert.Equal((Vote, s_ownerB), (unit.VoteId, unit.OwnerHash));
        Assert.Equal(2, await _db.Owners.CountAsync(Cancel));
        Assert.Equal(["1"], await _db.MatterScopes.Select(s => s.BuildingId).ToListAsync(Cancel));
        Assert.Equal(5, await new Projector(_db).AppliedSizeAsync(Cancel));
    }

    [Fact]
    public async Task While_changes_are_allowed_the_last_ballot_counts_and_every_ballot_stays()
    {
        await Apply(Cast(Vote, s_ownerA, ["1-101"], Choice.No, 1), Cast(Vote, s_ownerA, ["1-101"], Choice.Yes, 2));

        List<BallotRow> ballots = await _db.Ballots.OrderBy(b => b.LogIndex).ToListAsync(Cancel);
        Assert.Equal([("no", false), ("yes", true)], ballots.Select(b => (b.Choice, b.Counts)));
    }

    [Fact]
    public async Task Without_changes_the_first_ballot_counts()
    {
        await Apply(Matter("fixed", [], allowChange: false));
        await Apply(
            new RollFrozen(Compound, "fixed", s_t0, "officer:x", [new RollEntry(new UnitId("1-101"), new BuildingId("1"), Area.FromHundredths(10_000), AreaSource.Registry, s_ownerA, new OwnerId(s_ownerA))]),
            Cast("fixed", s_ownerA, ["1-101"], Choice.No, 1),
            Cast("fixed", s_ownerA, ["1-101"], Choice.Yes, 2));

        Assert.Equal("no", (await _db.Ballots.SingleAsync(b => b.MatterId == "fixed" && b.Counts, Cancel)).Choice);
    }

    [Fact]
    public async Task Superseding_the_counted_ballot_lets_the_one_before_it_count()
    {
        BallotCast first = Cast(Vote, s_ownerA, ["1-101"], Choice.No, 1);
        BallotCast second = Cast(Vote, s_ownerA, ["1-101"], Choice.Yes, 2);
        await Apply(first, second, new BallotSuperseded(Compound, Vote, s_t0.AddHours(3), "officer:x", second.BallotId, "objection-upheld"));

        BallotRow counted = await _db.Ballots.SingleAsync(b => b.Counts, Cancel);
        Assert.Equal(first.BallotId, counted.BallotId);
    }

    [Fact]
    public async Task A_ballot_sequenced_after_the_vote_closed_is_kept_and_never_counts()
    {
        await Apply(new VoteClosed(Compound, Vote, s_t0.AddDays(7), "system"), Cast(Vote, s_ownerA, ["1-101"], Choice.Yes, 1));

        BallotRow ballot = await _db.Ballots.SingleAsync(Cancel);
        Assert.Equal(("after-close", false), (ballot.Rejection, ballot.Counts));
    }

    [Fact]
    public async Task Ballots_count_or_are_rejected_exactly_as_VoteReplay_decides_from_the_same_log()
    {
        BallotCast valid = Cast(Vote, s_ownerA, ["1-101"], Choice.Yes, 1);
        await Apply(
            // Altered after signing: the challenge no longer matches.
            valid with { Ballot = valid.Ballot with { Answers = [new BallotAnswer("q1", Choice.No)] } },
            // Signed by B's passkey for A's unit.
            Cast(Vote, s_ownerA, ["1-101"], Choice.Yes, 2, _authenticatorB),
            // B's unit outside the matter's scope (Shanghai art. 69).
            Cast(Vote, s_ownerB, ["1-102", "2-101"], Choice.Yes, 3, _authenticatorB),
            // A unit of someone else's.
            Cast(Vote, s_ownerA, ["1-102"], Choice.Yes, 4),
            // Before the vote opens.
            Cast(Vote, s_ownerA, ["1-101"], Choice.Yes, -1),
            valid,
            valid,
            Cast(Vote, s_ownerB, ["1-102"], Choice.Abstain, 5, _authenticatorB));

        VoteReplayResult replay = VoteReplay.Replay(_log, Vote);
        List<BallotRow> rows = await _db.Ballots.AsNoTracking().OrderBy(b => b.LogIndex).ToListAsync(Cancel);
        Assert.Equal(
            replay.Ballots.Select(b => (b.Position, b.Disposition == BallotDisposition.Counted, b.Disposition == BallotDisposition.Rejected ? b.Reason : null)),
            rows.Select(r => (checked((int)r.LogIndex), r.Counts, r.Rejection)));
        Assert.Contains(rows, r => r.Counts);
        Assert.Contains(rows, r => r.Rejection == "not-owner");
        Assert.Contains(rows, r => r.Rejection == "out-of-scope");
        Assert.Contains(rows, r => r.Rejection == "duplicate-ballot");
    }

    [Fact]
    public async Task A_run_of_owners_own_online_ballots_counts_and_rejects_exactly_as_VoteReplay_decides()
    {
        // Every ballot signed by the roll's owner of its units: on the projector's own connection
        // such a run is projected past EF Core (Projector.OnlineRun), with the same checks.
        BallotCast first = Cast(Vote, s_ownerA, ["1-101"], Choice.No, 1);
        BallotCast altered = Cast(Vote, s_ownerA, ["1-101"], Choice.Yes, 2);
        await Apply(first);
        await Apply(
            altered with { Ballot = altered.Ballot with { Answers = [new BallotAnswer("q1", Choice.No)] } },
            Cast(Vote, s_ownerA, ["1-101"], Choice.Yes, -1),
            first,
            Cast(Vote, s_ownerB, ["1-102", "2-101"], Choice.Yes, 3, _authenticatorB),
            Cast(Vote, s_ownerB, ["1-102"], Choice.Yes, 4, _authenticatorB),
            Cast(Vote, s_ownerA, ["1-101"], Choice.Abstain, 5),
            Cast(Vote, s_ownerB, ["1-102"], Choice.No, 6, _authenticatorB),
            // Answers a question the matter does not ask.
            Cast(Vote, s_ownerA, ["1-101"], Choice.Yes, 7, question: "q2"));
        await Apply(new VoteClosed(Compound, Vote, s_t0.AddDays(7), "system"));
        await Apply(Cast(Vote, s_ownerA, ["1-101"], Choice.Yes, 8));

        (VoteReplayResult replay, List<BallotRow> rows) = await CountedAsVoteReplayCountsAsync(Vote);
        Assert.Equal(
            replay.Ballots.Where(b => b.Disposition == BallotDisposition.Rejected).Select(b => (b.Position, b.Reason)),
            rows.Where(r => r.Rejection is not null && r.Rejection != "after-close").Select(r => (checked((int)r.LogIndex), r.Rejection)));
        Assert.Equal(
            [null, "challenge-mismatch", "outside-voting-period", "duplicate-ballot", "out-of-scope", null, null, null, "answers-mismatch", "after-close"],
            rows.Select(r => r.Rejection));
        Assert.Equal([("abstain", s_ownerA), ("no", s_ownerB)], rows.Where(r => r.Counts).Select(r => (r.Choice, r.OwnerId)));
        // WebAuthn §7.2 step 22: each passkey's counter is the last one accepted.
        Assert.Equal(2, await _db.Credentials.AsNoTracking().CountAsync(c => c.SignCount > 0, Cancel));
    }

    [Fact]
    public async Task Paper_ballots_count_or_not_exactly_as_VoteReplay_decides_and_the_online_ballot_stands()
    {
        string scan = new('e', 64);
        PaperBallotRecorded Record(string serial, string principal, string unit, Choice choice, int hour) =>
            new(Compound, Vote, s_t0.AddDays(8).AddHours(hour), "officer:y", principal, [unit], serial, [new BallotAnswer("q1", choice)], scan, ["officer:x", "officer:y"], Counts: true);
        await Apply(
            new PaperBallotIssued(Compound, Vote, s_t0, "officer:x", s_ownerA, ["1-101"], "SA1"),
            new PaperBallotIssued(Compound, Vote, s_t0, "officer:x", s_ownerB, ["1-102"], "SB-OLD"),
            new PaperBallotIssued(Compound, Vote, s_t0.AddHours(1), "officer:x", s_ownerB, ["1-102"], "SB"),
            Cast(Vote, s_ownerA, ["1-101"], Choice.Yes, 1),
            new VoteClosed(Compound, Vote, s_t0.AddDays(7), "system"),
            Record("SA1", s_ownerA, "1-101", Choice.No, 1),
            Record("SB-OLD", s_ownerB, "1-102", Choice.No, 2),
            Record("SB", s_ownerB, "1-102", Choice.Abstain, 3),
            Record("SB", s_ownerB, "1-102", Choice.Abstain, 4),
            Record("SX", s_ownerB, "1-102", Choice.Yes, 5));

        (_, List<BallotRow> rows) = await CountedAsVoteReplayCountsAsync(Vote);
        Assert.Equal(
            [(Projector.Online, true, null), (Projector.Paper, false, null), (Projector.Paper, false, "serial-voided"), (Projector.Paper, true, null), (Projector.Paper, false, "duplicate-serial"), (Projector.Paper, false, "serial-not-issued")],
            rows.Select(r => (r.Channel, r.Counts, r.Rejection)));
        Assert.Equal(["yes", "abstain"], rows.Where(r => r.Counts).Select(r => r.Choice));
        Assert.True((await _db.PaperSerials.SingleAsync(p => p.Serial == "SB-OLD", Cancel)).Voided);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public async Task Online_ballots_after_paper_and_after_each_other_count_as_VoteReplay_decides_in_one_run_or_many(bool allowChange, bool oneRun)
    {
        // Issue 10: a run of online ballots recounts from the principal's counted ballot alone;
        // this walks every case of that shortcut — nothing counted yet, a paper ballot counted,
        // an online ballot counted, a rejected ballot in between — against the full recount.
        const string Second = "v2";
        await Apply(
            Matter(Second, [], allowChange),
            new RollFrozen(Compound, Second, s_t0, "officer:x",
            [
                new RollEntry(new UnitId("1-101"), new BuildingId("1"), Area.FromHundredths(10_000), AreaSource.Registry, s_ownerA, new OwnerId(s_ownerA)),
                new RollEntry(new UnitId("1-102"), new BuildingId("1"), Area.FromHundredths(9_000), AreaSource.Survey, s_ownerB, new OwnerId(s_ownerB)),
            ]),
            new PaperBallotIssued(Compound, Second, s_t0, "officer:x", s_ownerB, ["1-102"], "SB"),
            new PaperBallotRecorded(Compound, Second, s_t0.AddHours(1), "officer:y", s_ownerB, ["1-102"], "SB", [new BallotAnswer("q1", Choice.No)], new string('e', 64), ["officer:x", "officer:y"], Counts: true));
        LedgerEvent[] casts =
        [
            Cast(Second, s_ownerA, ["1-101"], Choice.Yes, 2),
            Cast(Second, s_ownerB, ["1-102"], Choice.Yes, 2, _authenticatorB),
            Cast(Second, s_ownerA, ["1-101"], Choice.No, 3),
            // Signed by A's passkey for B's unit: rejected, and the counted ballot stays.
            Cast(Second, s_ownerB, ["1-102"], Choice.Abstain, 3),
            Cast(Second, s_ownerB, ["1-102"], Choice.Abstain, 4, _authenticatorB),
            Cast(Second, s_ownerA, ["1-101"], Choice.Abstain, 5),
        ];
        if (oneRun)
        {
            await Apply(casts);
        }
        else
        {
            foreach (LedgerEvent cast in casts)
            {
                await Apply(cast);
            }
        }

        (_, List<BallotRow> rows) = await CountedAsVoteReplayCountsAsync(Second);
        Assert.Equal(allowChange ? ["abstain", "abstain"] : ["yes", "yes"], rows.Where(r => r.Counts).OrderBy(r => r.OwnerId == s_ownerA ? 0 : 1).Select(r => r.Choice));
        Assert.Equal(2, rows.Count(r => r.Counts));
        Assert.Contains(rows, r => r.Rejection == "not-owner");
    }

    [Fact]
    public async Task A_matter_scoped_to_a_building_not_on_the_roll_is_refused()
    {
        await Assert.ThrowsAsync<ProjectionException>(() => Apply(Matter("m9", [new BuildingId("9")], allowChange: true)));
        Assert.False(await _db.Matters.AnyAsync(m => m.Id == "m9", Cancel));
    }

    [Fact]
    public async Task A_tally_cannot_be_published_before_the_vote_closes()
    {
        await Assert.ThrowsAsync<ProjectionException>(() => Apply(Tally(passed: true)));
    }

    [Fact]
    public async Task A_published_tally_records_the_result_and_the_log_tree_it_ends()
    {
        await Apply(new VoteClosed(Compound, Vote, s_t0.AddDays(7), "system"), Tally(passed: false));

        MatterRow matter = await _db.Matters.SingleAsync(m => m.Id == Vote, Cancel);
        Assert.Equal(false, matter.ResultPassed);
        Assert.Equal(7, matter.TallyTreeSize);
        Assert.Equal(RootOf(6).ToBase64(), matter.TallyRootHash);
    }

    [Fact]
    public async Task An_entry_out_of_sequence_is_refused_and_nothing_of_it_is_applied()
    {
        await using var db = new OwnersVoteDb(new DbContextOptionsBuilder<OwnersVoteDb>().UseSqlite(_connection).Options);
        var skipped = new LoggedEvent(_next + 1, new VoteClosed(Compound, Vote, s_t0.AddDays(7), "system"), RootOf(_next + 1));

        ProjectionException e = await Assert.ThrowsAsync<ProjectionException>(() => new Projector(db).ApplyAsync([skipped], Cancel));
        Assert.Contains("do not follow this log", e.Message, StringComparison.Ordinal);
        Assert.Null((await _db.Matters.AsNoTracking().SingleAsync(m => m.Id == Vote, Cancel)).ClosedAt);
    }

    private static MatterPublished Matter(string vote, IReadOnlyList<BuildingId> scope, bool allowChange) => new(
        Compound, vote, s_t0, "officer:x", "电梯", "全文", [new MatterQuestion("q1", "电梯")], [Choice.Yes, Choice.No, Choice.Abstain],
        scope, ThresholdClass.Ordinary, s_t0, s_t0.AddDays(7), allowChange, InvalidBallotRule.Participating, []);

    private static TallyPublished Tally(bool passed)
    {
        var none = new DoubleCount(Area.Zero, Headcount.FromInt32(0));
        return new TallyPublished(Compound, Vote, s_t0.AddDays(8), "officer:x", ThresholdClass.Ordinary,
            [new QuestionTally("q1", none, none, none, none, none, none, QuorumMet: passed, Passed: passed)]);
    }

    private CredentialEnrolled Enrol(SoftwareAuthenticator authenticator, string owner) => new(
        Compound, s_t0, "officer:x", owner, authenticator.CredentialId, CoseKey.Parse(authenticator.CosePublicKey),
        CredentialKind.Passkey, ["officer:x", "officer:y"], s_t0, OwnerNotified: true);

    private BallotCast Cast(string vote, string principal, string[] units, Choice choice, int hour, SoftwareAuthenticator? signer = null, string question = "q1")
    {
        var ballot = new OwnerBallot(Compound, vote, principal, units, [new BallotAnswer(question, choice)], Base64UrlText.Encode(RandomNumberGenerator.GetBytes(16)), s_t0.AddHours(hour));
        return new BallotCast(Compound, vote, s_t0.AddHours(hour), "owner:" + principal, ballot, (signer ?? _authenticator).GetAssertion(BallotChallenge.Compute(ballot), Origin));
    }

    // The vote's ballot rows, in log order, after checking that exactly the ones VoteReplay counts
    // from the same log count.
    private async Task<(VoteReplayResult Replay, List<BallotRow> Rows)> CountedAsVoteReplayCountsAsync(string vote)
    {
        VoteReplayResult replay = VoteReplay.Replay(_log, vote);
        List<BallotRow> rows = await _db.Ballots.AsNoTracking().Where(b => b.MatterId == vote).OrderBy(b => b.LogIndex).ToListAsync(Cancel);
        Assert.Equal(
            replay.Ballots.Select(b => (b.Position, b.Disposition == BallotDisposition.Counted)),
            rows.Select(r => (checked((int)r.LogIndex), r.Counts)));
        return (replay, rows);
    }

    // A stand-in tree root per index: the Projector records what it is given.
    private static Hash RootOf(long index) => Hash.Sha256(BitConverter.GetBytes(index));

    private async Task Apply(params LedgerEvent[] events)
    {
        // A fresh context per batch, as each append or replay has.
        await using var db = new OwnersVoteDb(new DbContextOptionsBuilder<OwnersVoteDb>().UseSqlite(_connection).Options);
        long first = _next;
        var projector = new Projector(db);
        if (_projection is not null)
        {
            projector.UseConnection(_projection);
        }

        await projector.ApplyAsync([.. events.Select((e, i) => new LoggedEvent(first + i, e, RootOf(first + i)))], Cancel);
        _next += events.Length;
        _log.AddRange(events);
    }
}

/// <summary>The same cases on the projector thread's own connection (ProjectionConnection, issue 10).</summary>
public sealed class ProjectorOnProjectionConnectionTests() : ProjectorTests(onProjectionConnection: true);
