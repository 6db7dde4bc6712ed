using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OwnersVote.Voting;
using OwnersVote.Web.Data;
using OwnersVote.Web.Projections;

namespace OwnersVote.EndToEnd;

/// <summary>The Projector on a real (in-memory) SQLite database: what a replayed log leaves in the tables.</summary>
public sealed class ProjectorTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_t0 = new(2026, 3, 1, 1, 0, 0, TimeSpan.Zero);

    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private OwnersVoteDb _db = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _connection.OpenAsync(Cancel);
        _db = new OwnersVoteDb(new DbContextOptionsBuilder<OwnersVoteDb>().UseSqlite(_connection).Options);
        await _db.Database.EnsureCreatedAsync(Cancel);
        await new Projector(_db).ApplyAsync(
        [
            new CompoundRegistered("c", "测试小区", "上海", s_t0),
            new RollFrozen("c", Roll.Create(
            [
                new Unit(new UnitId("1-101"), new BuildingId("1"), new OwnerId("a"), Area.FromHundredths(10_000), AreaSource.Registry),
                new Unit(new UnitId("1-102"), new BuildingId("1"), new OwnerId("b"), Area.FromHundredths(9_000), AreaSource.Survey),
                new Unit(new UnitId("2-101"), new BuildingId("2"), new OwnerId("b"), Area.FromHundredths(8_000), AreaSource.Contract),
            ]), s_t0),
            new MatterPublished("m", "c", new Matter("电梯", ThresholdClass.Ordinary, Scope.OfBuildings([new BuildingId("1")])), "全文", s_t0, s_t0.AddDays(7), s_t0),
        ], Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        await _connection.DisposeAsync();
    }

    [Fact]
    public async Task Roll_keeps_area_in_hundredths_with_its_source_and_one_owner_row_per_principal()
    {
        UnitRow unit = await _db.Units.SingleAsync(u => u.Id == "2-101", Cancel);

        Assert.Equal(8_000, unit.AreaHundredths);
        Assert.Equal("contract", unit.AreaSource);
        Assert.Equal(2, await _db.Owners.CountAsync(Cancel));
        Assert.Equal(["1"], await _db.MatterScopes.Select(s => s.BuildingId).ToListAsync(Cancel));
    }

    [Fact]
    public async Task A_later_online_ballot_supersedes_an_earlier_one_and_paper_never_overrides_online()
    {
        await Apply(
            new PaperBallotRecorded("m", new OwnerId("a"), Choice.No, s_t0.AddHours(1)),
            new BallotCast("m", new OwnerId("a"), Choice.Abstain, s_t0.AddHours(2)),
            new BallotCast("m", new OwnerId("a"), Choice.Yes, s_t0.AddHours(3)),
            new PaperBallotRecorded("m", new OwnerId("a"), Choice.No, s_t0.AddHours(4)));

        BallotRow counted = await _db.Ballots.SingleAsync(Cancel);
        Assert.Equal(("yes", "online"), (counted.Choice, counted.Channel));
    }

    [Fact]
    public async Task A_ballot_sequenced_after_the_vote_closed_is_refused()
    {
        await Apply(new VoteClosed("m", s_t0.AddDays(7)));

        ProjectionException e = await Assert.ThrowsAsync<ProjectionException>(
            () => Apply(new BallotCast("m", new OwnerId("a"), Choice.Yes, s_t0.AddDays(8))));
        Assert.Contains("after the vote closed", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, await _db.Ballots.CountAsync(Cancel));
    }

    [Fact]
    public async Task A_ballot_from_someone_not_on_the_roll_is_refused()
    {
        await Assert.ThrowsAsync<ProjectionException>(() => Apply(new BallotCast("m", new OwnerId("stranger"), Choice.Yes, s_t0.AddHours(1))));
    }

    [Fact]
    public async Task A_matter_scoped_to_a_building_not_on_the_roll_is_refused()
    {
        var matter = new Matter("x", ThresholdClass.Major, Scope.OfBuildings([new BuildingId("9")]));
        await Assert.ThrowsAsync<ProjectionException>(() => Apply(new MatterPublished("m9", "c", matter, "x", s_t0, s_t0.AddDays(1), s_t0)));
        Assert.False(await _db.Matters.AnyAsync(m => m.Id == "m9", Cancel));
    }

    [Fact]
    public async Task A_tally_cannot_be_published_before_the_vote_closes()
    {
        await Assert.ThrowsAsync<ProjectionException>(() => Apply(new TallyPublished("m", true, s_t0.AddHours(1))));
    }

    private async Task Apply(params LogEvent[] events)
    {
        // A fresh context per batch, as each request or replay would have.
        await using var db = new OwnersVoteDb(new DbContextOptionsBuilder<OwnersVoteDb>().UseSqlite(_connection).Options);
        await new Projector(db).ApplyAsync(events, Cancel);
    }
}
