using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Projections;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Projections are a function of the events (DESIGN.md §2): building the demo twice into fresh
/// databases gives identical tables, and seeding is a no-op on a seeded store.
/// </summary>
public sealed class DemoReplayTests
{
    private static readonly DateTimeOffset s_now = new(2026, 5, 10, 2, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seeding_the_demo_twice_builds_identical_projections()
    {
        string first = await SeedAndDumpAsync();
        string second = await SeedAndDumpAsync();

        Assert.Equal(first, second);
        Assert.Contains("unit 57-101|57|", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seeding_an_already_seeded_store_changes_nothing()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(Cancel);
        await using OwnersVoteDb db = await NewDatabaseAsync(connection);
        DemoSeedOutcome once = await Seeder(db).SeedAsync(Cancel);
        string before = await DumpAsync(db);

        await using OwnersVoteDb again = await NewDatabaseAsync(connection);
        DemoSeedOutcome twice = await Seeder(again).SeedAsync(Cancel);

        Assert.True(once.Seeded);
        Assert.False(twice.Seeded);
        Assert.Equal(before, await DumpAsync(again));
    }

    private static async Task<string> SeedAndDumpAsync()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(Cancel);
        await using OwnersVoteDb db = await NewDatabaseAsync(connection);
        await Seeder(db).SeedAsync(Cancel);
        return await DumpAsync(db);
    }

    private static async Task<OwnersVoteDb> NewDatabaseAsync(SqliteConnection connection)
    {
        var db = new OwnersVoteDb(new DbContextOptionsBuilder<OwnersVoteDb>().UseSqlite(connection).Options);
        await db.Database.EnsureCreatedAsync(Cancel);
        return db;
    }

    private static DemoSeeder Seeder(OwnersVoteDb db) =>
        new(db, new Projector(db), new FixedClock(s_now), Options.Create(new DemoOptions()));

    // Every row of every table, in key order, one line each.
    private static async Task<string> DumpAsync(OwnersVoteDb db)
    {
        var lines = new List<string>();
        lines.AddRange((await db.Compounds.AsNoTracking().ToListAsync(Cancel)).Select(c => $"compound {c.Id}|{c.Name}|{c.Locality}"));
        lines.AddRange((await db.Buildings.AsNoTracking().ToListAsync(Cancel)).Select(b => $"building {b.CompoundId}|{b.Id}"));
        lines.AddRange((await db.Units.AsNoTracking().ToListAsync(Cancel)).Select(u => $"unit {u.Id}|{u.BuildingId}|{u.AreaHundredths}|{u.AreaSource}|{u.OwnerId}"));
        lines.AddRange((await db.Owners.AsNoTracking().ToListAsync(Cancel)).Select(o => $"owner {o.Id}"));
        lines.AddRange((await db.Matters.AsNoTracking().ToListAsync(Cancel)).Select(m =>
            $"matter {m.Id}|{m.Title}|{m.Threshold}|{m.OpensAt:O}|{m.ClosesAt:O}|{m.ClosedAt:O}|{m.ResultPassed}|{m.ResultPublishedAt:O}|{m.Text.Length}"));
        lines.AddRange((await db.MatterScopes.AsNoTracking().ToListAsync(Cancel)).Select(s => $"scope {s.MatterId}|{s.BuildingId}"));
        lines.AddRange((await db.Ballots.AsNoTracking().ToListAsync(Cancel)).Select(b => $"ballot {b.MatterId}|{b.OwnerId}|{b.Choice}|{b.Channel}|{b.CastAt:O}"));
        lines.AddRange((await db.Invitations.AsNoTracking().ToListAsync(Cancel)).Select(i => $"invitation {i.CodeHash}|{i.Role}|{i.OwnerId}|{i.ExpiresAt:O}|{i.UsedAt:O}"));
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    // The one thing faked: the clock (STYLE.md).
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
