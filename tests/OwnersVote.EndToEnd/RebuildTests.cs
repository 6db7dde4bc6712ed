using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OwnersVote.Ledger;
using OwnersVote.Web.Data;

namespace OwnersVote.EndToEnd;

/// <summary>
/// DESIGN.md §2: tables are projections that can be dropped and rebuilt by replaying the log.
/// Delete the SQLite database, restart on the same log: the same rows, the same pages, and the
/// log itself untouched (no second seeding).
/// </summary>
public sealed partial class RebuildTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deleting_the_database_and_restarting_rebuilds_identical_tables_and_pages_from_the_log()
    {
        string folder = Directory.CreateTempSubdirectory("ov-e2e-rebuild-").FullName;
        try
        {
            Snapshot first = await RunAsync(folder, deleteDatabaseFirst: false);
            Snapshot rebuilt = await RunAsync(folder, deleteDatabaseFirst: true);
            Snapshot reopened = await RunAsync(folder, deleteDatabaseFirst: false);

            Assert.Contains("ballot ", first.Tables, StringComparison.Ordinal);
            Assert.Equal(first.Tables, rebuilt.Tables);
            Assert.Equal(first.Pages, rebuilt.Pages);
            Assert.Equal(first.Checkpoint, rebuilt.Checkpoint);
            Assert.Equal(first.Tables, reopened.Tables);
            Assert.Equal(first.Checkpoint, reopened.Checkpoint);
            Assert.Matches(CheckpointLine(), first.Pages);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Ov_rebuild_replaces_tampered_tables_with_the_projection_of_the_log()
    {
        string folder = Directory.CreateTempSubdirectory("ov-e2e-ov-rebuild-").FullName;
        try
        {
            Snapshot first = await RunAsync(folder, deleteDatabaseFirst: false);
            long rollRows = await CountRollRowsAsync(folder);
            Assert.True(rollRows > 0);
            await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, "ownersvote.db")}"))
            {
                await connection.OpenAsync(Cancel);
                using Microsoft.Data.Sqlite.SqliteCommand tamper = connection.CreateCommand();
                tamper.CommandText = "UPDATE ballots SET Choice = 'no'; DELETE FROM credentials;";
                Assert.True(await tamper.ExecuteNonQueryAsync(Cancel) > 0);
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            int code = OwnersVote.Cli.Commands.RebuildCommand.Run(["--data", folder], stdout, stderr);

            Assert.Equal("", stderr.ToString());
            Assert.Equal(0, code);
            Assert.Matches(@"^rebuilt from \d+ log entries: 2 votes, \d+ ballots; 5 invitations kept\n$", stdout.ToString());
            // The editable roll and its history are not derived from the log: a rebuild keeps them (issue 6).
            Assert.Equal(rollRows, await CountRollRowsAsync(folder));
            Snapshot rebuilt = await RunAsync(folder, deleteDatabaseFirst: false);
            Assert.Equal(first.Tables, rebuilt.Tables);
            Assert.Equal(first.Pages, rebuilt.Pages);

            // Without its key a log is not replayed, and nothing is dropped.
            Assert.Equal(2, OwnersVote.Cli.Commands.RebuildCommand.Run(["--data", folder, "--log-key", Path.Combine(folder, "missing.key")], TextWriter.Null, TextWriter.Null));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<long> CountRollRowsAsync(string folder)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, "ownersvote.db")}");
        await connection.OpenAsync(Cancel);
        using Microsoft.Data.Sqlite.SqliteCommand count = connection.CreateCommand();
        count.CommandText = "SELECT (SELECT COUNT(*) FROM roll_units) + (SELECT COUNT(*) FROM roll_owners) + (SELECT COUNT(*) FROM roll_history)";
        long rows = (long)(await count.ExecuteScalarAsync(Cancel) ?? 0L);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return rows;
    }

    [Fact]
    public async Task A_log_entry_changed_on_disk_stops_the_server_from_starting()
    {
        string folder = Directory.CreateTempSubdirectory("ov-e2e-tamper-").FullName;
        try
        {
            await RunAsync(folder, deleteDatabaseFirst: false);
            // Flip one byte of an entry: a ballot's signature, say. The tables are dropped too,
            // so only the log could rebuild them.
            string bundle = Directory.EnumerateFiles(Path.Combine(folder, "log", "tile", "entries"), "*", SearchOption.AllDirectories).First();
            byte[] bytes = await File.ReadAllBytesAsync(bundle, Cancel);
            bytes[bytes.Length / 2] ^= 0x01;
            await File.WriteAllBytesAsync(bundle, bytes, Cancel);
            File.Delete(Path.Combine(folder, "ownersvote.db"));

            await using var app = new SqliteAppOver(folder);
            Exception e = await Assert.ThrowsAnyAsync<Exception>(async () => await app.InitializeAsync());
            Assert.IsType<LogVerificationException>(e.GetBaseException());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<Snapshot> RunAsync(string folder, bool deleteDatabaseFirst)
    {
        await using var app = new SqliteAppOver(folder);
        if (deleteDatabaseFirst)
        {
            File.Delete(app.DatabaseFile);
            Assert.True(Directory.Exists(Path.Combine(folder, "log")));
        }

        await app.InitializeAsync();
        using HttpClient client = app.CreateApiClient();
        var pages = new List<string> { await client.GetStringAsync("/api/votes", Cancel) };
        foreach (string vote in new[] { "b57-lift-2026", "ev-charging-2025" })
        {
            JsonObject result = (await client.GetFromJsonAsync<JsonObject>($"/api/votes/{vote}/result", Cancel))!;
            // The time of counting is the request's, not the log's.
            result.Remove("countedAt");
            pages.Add(result.ToJsonString());
        }

        string closedPage = WebUtility.HtmlDecode(await client.GetStringAsync("/votes/ev-charging-2025/result", Cancel));
        pages.Add(CheckpointLine().Match(closedPage).Value);
        byte[] checkpoint = await client.GetByteArrayAsync("/log/checkpoint", Cancel);

        await using AsyncServiceScope scope = app.Services.CreateAsyncScope();
        string tables = await DumpAsync(scope.ServiceProvider.GetRequiredService<OwnersVoteDb>());
        // The log's part of the checkpoint: its text and the log's own (deterministic Ed25519)
        // signature. Witness cosignatures carry the time they were made, so they differ by run.
        ParsedNote note = Note.Parse(checkpoint);
        string logSigned = note.Text + string.Concat(note.Signatures.Where(s => s.Name == Checkpoint.Parse(note.Text).Origin).Select(s => s.Line));
        return new Snapshot(tables, string.Join('\n', pages), logSigned);
    }

    // Every row of every table, one line each, sorted.
    private static async Task<string> DumpAsync(OwnersVoteDb db)
    {
        var lines = new List<string>();
        lines.AddRange((await db.Compounds.AsNoTracking().ToListAsync(Cancel)).Select(c => $"compound {c.Id}|{c.Name}|{c.Locality}"));
        lines.AddRange((await db.Buildings.AsNoTracking().ToListAsync(Cancel)).Select(b => $"building {b.CompoundId}|{b.Id}"));
        lines.AddRange((await db.Units.AsNoTracking().ToListAsync(Cancel)).Select(u => $"unit {u.VoteId}|{u.Id}|{u.BuildingId}|{u.AreaHundredths}|{u.AreaSource}|{u.OwnerId}|{u.OwnerHash}"));
        lines.AddRange((await db.Owners.AsNoTracking().ToListAsync(Cancel)).Select(o => $"owner {o.Id}"));
        lines.AddRange((await db.Matters.AsNoTracking().ToListAsync(Cancel)).Select(m =>
            $"matter {m.Id}|{m.Title}|{m.Threshold}|{m.OpensAt:O}|{m.ClosesAt:O}|{m.ClosedAt:O}|{m.ResultPassed}|{m.ResultPublishedAt:O}|{m.Text.Length}|{m.AllowChange}|{m.Question}|{m.TallyTreeSize}|{m.TallyRootHash}|{m.Questions}|{m.Options}|{m.QuestionTexts}|{m.Documents}"));
        lines.AddRange((await db.MatterScopes.AsNoTracking().ToListAsync(Cancel)).Select(s => $"scope {s.MatterId}|{s.BuildingId}"));
        lines.AddRange((await db.Ballots.AsNoTracking().ToListAsync(Cancel)).Select(b => $"ballot {b.BallotId}|{b.MatterId}|{b.OwnerId}|{b.Choice}|{b.Channel}|{b.CastAt:O}|{b.LogIndex}|{b.Superseded}|{b.Counts}|{b.Rejection}"));
        lines.AddRange((await db.Credentials.AsNoTracking().ToListAsync(Cancel)).Select(c => $"credential {c.Id}|{c.OwnerHash}|{Convert.ToBase64String(c.PublicKey)}|{c.ActiveFrom:O}|{c.RevokedAt:O}|{c.SignCount}"));
        lines.AddRange((await db.ProjectionState.AsNoTracking().ToListAsync(Cancel)).Select(s => $"applied {s.AppliedSize}"));
        lines.AddRange((await db.Invitations.AsNoTracking().ToListAsync(Cancel)).Select(i => $"invitation {i.CodeHash}|{i.Role}|{i.OwnerId}|{i.UsedAt:O}"));
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    [GeneratedRegex("data-testid=\"tally-checkpoint\">[^<]*<code class=\"root-hash\">[A-Za-z0-9+/]{43}=</code>")]
    private static partial Regex CheckpointLine();

    private sealed record Snapshot(string Tables, string Pages, string Checkpoint);
}
