using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OwnersVote.Web.Data;
using OwnersVote.Web.Projections;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Issue 10: the partial index of counted ballots (<see cref="ProjectionSchema.CountedBallotsIndex"/>).
/// A database created before it existed gets it at the next start; looking up a principal's counted
/// ballot, or a vote's counted ballots, reads it instead of every change of mind.
/// </summary>
public sealed class ProjectionSchemaTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_database_made_before_the_counted_index_gets_it_at_start_and_its_lookups_use_it()
    {
        string folder = Directory.CreateTempSubdirectory("ov-e2e-schema-").FullName;
        try
        {
            long counted;
            await using (var first = new SqliteAppOver(folder))
            {
                await first.InitializeAsync();
                counted = await CountedAsync(first);
                Assert.True(counted > 0, "the demo compound has counted ballots");
            }

            string database = Path.Combine(folder, "ownersvote.db");
            SqliteConnection.ClearAllPools();
            await using (var fresh = new SqliteConnection($"Data Source={database};Pooling=False"))
            {
                // A database as EF Core creates it: left to choose, SQLite took the full (matter,
                // owner) index here and read every earlier ballot of each principal.
                await fresh.OpenAsync(Cancel);
                await AssertCountedLookupsUseTheIndexAsync(fresh);
            }

            SqliteConnection.ClearAllPools();
            await using (var old = new SqliteConnection($"Data Source={database};Pooling=False"))
            {
                await old.OpenAsync(Cancel);
                await ExecuteAsync(old, $"DROP INDEX \"{ProjectionSchema.CountedBallotsIndex}\";");
                Assert.Null(await ScalarAsync(old, IndexSql));
            }

            await using (var second = new SqliteAppOver(folder))
            {
                await second.InitializeAsync();
                Assert.Equal(counted, await CountedAsync(second));
            }

            SqliteConnection.ClearAllPools();
            await using var reopened = new SqliteConnection($"Data Source={database};Pooling=False");
            await reopened.OpenAsync(Cancel);
            Assert.Equal(
                "CREATE INDEX \"IX_ballots_Counted\" ON \"ballots\" (\"MatterId\", \"OwnerId\") WHERE \"Counts\"",
                await ScalarAsync(reopened, IndexSql));
            await AssertCountedLookupsUseTheIndexAsync(reopened);
            // A principal's history of changes of mind still reads the full index.
            Assert.Contains("IX_ballots_MatterId_OwnerId", await PlanAsync(reopened, "SELECT * FROM \"ballots\" WHERE \"MatterId\" = 'v' AND \"OwnerId\" = 'p'"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task On_PostgreSQL_nodes_starting_together_all_succeed_and_leave_one_partial_index()
    {
        await using PostgresServer server = await PostgresServer.StartAsync(Cancel);
        string connection = server.ConnectionString("ov_schema");
        await using (OwnersVoteDb db = Context(connection))
        {
            await db.Database.EnsureCreatedAsync(Cancel);
            await db.Database.ExecuteSqlRawAsync($"DROP INDEX \"{ProjectionSchema.CountedBallotsIndex}\";", Cancel);
        }

        // Eight nodes of a cluster at start, at once. PostgreSQL does not promise that IF NOT EXISTS
        // holds under concurrent creators (a unique violation in its catalog); each must still start.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using OwnersVoteDb db = Context(connection);
            await ProjectionSchema.EnsureIndexesAsync(db, Cancel);
        }));

        await using var check = new NpgsqlConnection(connection);
        await check.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("SELECT indexdef FROM pg_indexes WHERE tablename = 'ballots' AND indexname = @name", check);
        command.Parameters.AddWithValue("name", ProjectionSchema.CountedBallotsIndex);
        Assert.Equal(
            "CREATE INDEX \"IX_ballots_Counted\" ON public.ballots USING btree (\"MatterId\", \"OwnerId\") WHERE \"Counts\"",
            (string?)await command.ExecuteScalarAsync(Cancel));
    }

    private const string IndexSql = "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'IX_ballots_Counted'";

    private static OwnersVoteDb Context(string connection) =>
        new(new DbContextOptionsBuilder<OwnersVoteDb>().UseNpgsql(connection).Options);

    private static async Task<long> CountedAsync(SqliteAppOver app)
    {
        using IServiceScope scope = app.Services.CreateScope();
        OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        return await db.Ballots.LongCountAsync(b => b.Counts, Cancel);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Cancel);
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return (string?)await command.ExecuteScalarAsync(Cancel);
    }

    // The projector's lookups of the ballot counted now for each (vote, principal) of a run (its
    // own connection's, and EF Core's general path), and a vote's counted ballots (results).
    private static async Task AssertCountedLookupsUseTheIndexAsync(SqliteConnection connection)
    {
        string index = $"USING INDEX {ProjectionSchema.CountedBallotsIndex} (MatterId=? AND OwnerId=?)";
        Assert.Contains(index, await PlanAsync(connection, ProjectionConnection.ReadCountedSql), StringComparison.Ordinal);
        Assert.Contains(index, await PlanAsync(connection, ProjectionConnection.CountedRowsSql), StringComparison.Ordinal);
        Assert.Contains(ProjectionSchema.CountedBallotsIndex, await PlanAsync(connection, "SELECT * FROM \"ballots\" AS \"b\" WHERE \"b\".\"MatterId\" = 'v' AND \"b\".\"Counts\""), StringComparison.Ordinal);
    }

    private static async Task<string> PlanAsync(SqliteConnection connection, string sql)
    {
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(Cancel);
        var plan = new System.Text.StringBuilder();
        while (await reader.ReadAsync(Cancel))
        {
            plan.AppendLine(reader.GetString(3));
        }

        return plan.ToString();
    }
}
