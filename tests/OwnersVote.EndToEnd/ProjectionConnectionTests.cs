using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Issue 10: the projector thread writes online ballot runs with its own prepared statements
/// (ProjectionConnection) instead of EF Core. The rows must be stored exactly as EF Core stores
/// them — the same SQLite types and the same text for times — or reads, rebuilds and exports
/// would see two spellings of one value.
/// </summary>
public sealed class ProjectionConnectionTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ballot_rows_from_the_prepared_statements_are_stored_byte_for_byte_as_EF_Core_stores_them()
    {
        using Voter owner = await Voter.EnrolAsync(app, DemoSeeder.CompoundId, DemoSeeder.LiftVoteId, "57-101", ["officer:demo-1", "officer:demo-2"]);
        using HttpResponseMessage first = await owner.CastAsync();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using HttpResponseMessage second = await owner.CastAsync();
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        // This class's app saw only these two ballots cast since the demo was seeded.
        long[] cast = [.. (await RawAsync($"SELECT LogIndex FROM ballots WHERE MatterId = '{DemoSeeder.LiftVoteId}' ORDER BY LogIndex DESC LIMIT 2")).Select(r => long.Parse(r, System.Globalization.CultureInfo.InvariantCulture))];
        Assert.Equal(2, cast.Length);

        // The first one's Counts was updated by the second one's run (the vote allows a change),
        // or not; either way one of the two counts, as the tables say through EF Core.
        await using AsyncServiceScope scope = app.Services.CreateAsyncScope();
        OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        List<BallotRow> rows = await db.Ballots.AsNoTracking().Where(b => cast.Contains(b.LogIndex)).ToListAsync(Cancel);
        Assert.Single(rows, r => r.Counts);

        foreach (BallotRow row in rows)
        {
            // The same row saved by EF Core under another key (the rows are not tracked), then
            // compared column by column. The copy names another vote: the unique index of counted
            // ballots refuses a second counted row of one principal in one vote.
            long logIndex = row.LogIndex;
            long copyIndex = -1 - logIndex;
            string matter = row.MatterId;
            row.LogIndex = copyIndex;
            row.MatterId = matter + "#copy";
            db.Ballots.Add(row);
            await db.SaveChangesAsync(Cancel);
            try
            {
                string stored = Assert.Single(await RawAsync(Columns(logIndex)));
                string saved = Assert.Single(await RawAsync(Columns(copyIndex)));
                Assert.Equal(saved.Replace($"'{matter}#copy'", $"'{matter}'", StringComparison.Ordinal), stored);
                Assert.Contains("'online'", stored, StringComparison.Ordinal);
            }
            finally
            {
                await db.Ballots.Where(b => b.LogIndex == copyIndex).ExecuteDeleteAsync(Cancel);
            }
        }
    }

    // Every column but the key, quoted with its SQLite type (quote() spells text, integers, blobs
    // and NULL apart).
    private static string Columns(long logIndex) =>
        "SELECT quote(BallotId) || '|' || quote(MatterId) || '|' || quote(OwnerId) || '|' || quote(Choice) || '|' || quote(Answers) || '|' || quote(Channel) || '|' || quote(CastAt) || '|' || quote(Rejection) || '|' || quote(Superseded) || '|' || quote(Counts) || '|' || quote(Proxy) || '|' || quote(Scan) || '|' || quote(Handwriting) "
        + $"FROM ballots WHERE LogIndex = {logIndex}";

    private async Task<List<string>> RawAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={app.DatabaseFile}");
        await connection.OpenAsync(Cancel);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }
}
