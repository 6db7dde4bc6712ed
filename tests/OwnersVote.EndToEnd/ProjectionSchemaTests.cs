using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OwnersVote.Web.Data;
using OwnersVote.Web.Projections;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Issue 10: the unique partial index of counted ballots (<see cref="ProjectionSchema.CountedBallotsIndex"/>).
/// A database created before it existed, or with its former non-unique form, gets it at the next
/// start; looking up a principal's counted ballot, or a vote's counted ballots, reads it instead of
/// every change of mind; and the table refuses a second counted ballot of one principal in one vote.
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
                // A database as the release before made it: the same index, not unique, by its former name.
                await old.OpenAsync(Cancel);
                await ExecuteAsync(old, $"DROP INDEX \"{ProjectionSchema.CountedBallotsIndex}\";");
                await ExecuteAsync(old, $"CREATE INDEX \"{ProjectionSchema.FormerCountedBallotsIndex}\" ON \"ballots\" (\"MatterId\", \"OwnerId\") WHERE \"Counts\";");
                Assert.Null(await ScalarAsync(old, IndexSql(ProjectionSchema.CountedBallotsIndex)));
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
                "CREATE UNIQUE INDEX \"UX_ballots_Counted\" ON \"ballots\" (\"MatterId\", \"OwnerId\") WHERE \"Counts\"",
                await ScalarAsync(reopened, IndexSql(ProjectionSchema.CountedBallotsIndex)));
            Assert.Null(await ScalarAsync(reopened, IndexSql(ProjectionSchema.FormerCountedBallotsIndex)));
            await AssertCountedLookupsUseTheIndexAsync(reopened);
            // A principal's history of changes of mind still reads the full index.
            Assert.Contains("IX_ballots_MatterId_OwnerId", await PlanAsync(reopened, "SELECT * FROM \"ballots\" WHERE \"MatterId\" = 'v' AND \"OwnerId\" = 'p'"));

            // The table itself refuses a second counted ballot of a principal in a vote: a copy of a
            // counted row under another log index and ballot id.
            var refused = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(reopened, SecondCountedSql));
            Assert.Equal(19, refused.SqliteErrorCode); // SQLITE_CONSTRAINT
            Assert.Equal(counted, (long)(await ScalarObjectAsync(reopened, "SELECT COUNT(*) FROM \"ballots\" WHERE \"Counts\""))!);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_old_database_that_counts_two_ballots_of_one_principal_is_refused_with_the_remedy_and_left_as_it_was()
    {
        string folder = Directory.CreateTempSubdirectory("ov-e2e-schema-").FullName;
        try
        {
            await using (var first = new SqliteAppOver(folder))
            {
                await first.InitializeAsync();
            }

            string database = Path.Combine(folder, "ownersvote.db");
            SqliteConnection.ClearAllPools();
            await using (var old = new SqliteConnection($"Data Source={database};Pooling=False"))
            {
                await old.OpenAsync(Cancel);
                await ExecuteAsync(old, $"DROP INDEX \"{ProjectionSchema.CountedBallotsIndex}\";");
                await ExecuteAsync(old, $"CREATE INDEX \"{ProjectionSchema.FormerCountedBallotsIndex}\" ON \"ballots\" (\"MatterId\", \"OwnerId\") WHERE \"Counts\";");
                // What a projector bug could have left behind in a table without the unique index.
                await ExecuteAsync(old, SecondCountedSql);
            }

            SqliteConnection.ClearAllPools();
            await using (OwnersVoteDb db = new(new DbContextOptionsBuilder<OwnersVoteDb>().UseSqlite($"Data Source={database};Pooling=False").Options))
            {
                ProjectionException refused = await Assert.ThrowsAsync<ProjectionException>(() => ProjectionSchema.EnsureIndexesAsync(db, Cancel));
                Assert.Contains("counts two ballots of one principal in one vote", refused.Message, StringComparison.Ordinal);
                Assert.Contains("ov rebuild", refused.Message, StringComparison.Ordinal);
            }

            SqliteConnection.ClearAllPools();
            await using var after = new SqliteConnection($"Data Source={database};Pooling=False");
            await after.OpenAsync(Cancel);
            Assert.Null(await ScalarAsync(after, IndexSql(ProjectionSchema.CountedBallotsIndex)));
            Assert.NotNull(await ScalarAsync(after, IndexSql(ProjectionSchema.FormerCountedBallotsIndex)));
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
            // A database as the release before made it: the counted index not unique, by its former name.
            await db.Database.EnsureCreatedAsync(Cancel);
            await db.Database.ExecuteSqlRawAsync($"DROP INDEX \"{ProjectionSchema.CountedBallotsIndex}\";", Cancel);
            await db.Database.ExecuteSqlRawAsync($"CREATE INDEX \"{ProjectionSchema.FormerCountedBallotsIndex}\" ON \"ballots\" (\"MatterId\", \"OwnerId\") WHERE \"Counts\";", Cancel);
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
        Assert.Equal(
            "CREATE UNIQUE INDEX \"UX_ballots_Counted\" ON public.ballots USING btree (\"MatterId\", \"OwnerId\") WHERE \"Counts\"",
            await IndexDefinitionAsync(check, ProjectionSchema.CountedBallotsIndex));
        Assert.Null(await IndexDefinitionAsync(check, ProjectionSchema.FormerCountedBallotsIndex));

        // The table refuses a second counted ballot of one principal in one vote.
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO ballots (\"LogIndex\", \"BallotId\", \"MatterId\", \"OwnerId\", \"Choice\", \"Answers\", \"Channel\", \"CastAt\", \"Superseded\", \"Counts\") "
            + "VALUES (@i, @id, 'v', 'p', 'yes', '', 'online', now(), FALSE, TRUE)", check))
        {
            insert.Parameters.AddWithValue("i", 1L);
            insert.Parameters.AddWithValue("id", "b1");
            await insert.ExecuteNonQueryAsync(Cancel);
            insert.Parameters["i"].Value = 2L;
            insert.Parameters["id"].Value = "b2";
            PostgresException refused = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync(Cancel));
            Assert.Equal(PostgresErrorCodes.UniqueViolation, refused.SqlState);
            Assert.Equal(ProjectionSchema.CountedBallotsIndex, refused.ConstraintName);
        }

        // And a database that already counts two is refused at start with the remedy, unchanged.
        await using (OwnersVoteDb db = Context(connection))
        {
            await db.Database.ExecuteSqlRawAsync($"DROP INDEX \"{ProjectionSchema.CountedBallotsIndex}\";", Cancel);
            await db.Database.ExecuteSqlRawAsync($"CREATE INDEX \"{ProjectionSchema.FormerCountedBallotsIndex}\" ON \"ballots\" (\"MatterId\", \"OwnerId\") WHERE \"Counts\";", Cancel);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO ballots (\"LogIndex\", \"BallotId\", \"MatterId\", \"OwnerId\", \"Choice\", \"Answers\", \"Channel\", \"CastAt\", \"Superseded\", \"Counts\") "
                + "VALUES (2, 'b2', 'v', 'p', 'yes', '', 'online', now(), FALSE, TRUE)", Cancel);
            ProjectionException twice = await Assert.ThrowsAsync<ProjectionException>(() => ProjectionSchema.EnsureIndexesAsync(db, Cancel));
            Assert.Contains("ov rebuild", twice.Message, StringComparison.Ordinal);
        }

        Assert.Null(await IndexDefinitionAsync(check, ProjectionSchema.CountedBallotsIndex));
        Assert.NotNull(await IndexDefinitionAsync(check, ProjectionSchema.FormerCountedBallotsIndex));
    }

    private static async Task<string?> IndexDefinitionAsync(NpgsqlConnection connection, string name)
    {
        await using var command = new NpgsqlCommand("SELECT indexdef FROM pg_indexes WHERE tablename = 'ballots' AND indexname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return (string?)await command.ExecuteScalarAsync(Cancel);
    }

    // A copy of one counted ballot under another log index and ballot id, still counting.
    private const string SecondCountedSql =
        "INSERT INTO \"ballots\" (\"LogIndex\", \"BallotId\", \"MatterId\", \"OwnerId\", \"Choice\", \"Answers\", \"Channel\", \"CastAt\", \"Rejection\", \"Superseded\", \"Counts\", \"Proxy\", \"Scan\", \"Handwriting\") SELECT \"LogIndex\" + 1000000, 'copy-' || \"BallotId\", \"MatterId\", \"OwnerId\", \"Choice\", \"Answers\", \"Channel\", \"CastAt\", \"Rejection\", \"Superseded\", \"Counts\", \"Proxy\", \"Scan\", \"Handwriting\" "
        + "FROM \"ballots\" WHERE \"Counts\" ORDER BY \"LogIndex\" LIMIT 1;";

    private static string IndexSql(string name) => $"SELECT sql FROM sqlite_master WHERE type = 'index' AND name = '{name}'";

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

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql) =>
        (string?)await ScalarObjectAsync(connection, sql);

    private static async Task<object?> ScalarObjectAsync(SqliteConnection connection, string sql)
    {
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Cancel);
    }

    // The projector's lookups of the ballot counted now for each (vote, principal) of a run (its
    // own connection's, and EF Core's general path), and a vote's counted ballots (results).
    private static async Task AssertCountedLookupsUseTheIndexAsync(SqliteConnection connection)
    {
        string index = $"USING INDEX {ProjectionSchema.CountedBallotsIndex} (MatterId=? AND OwnerId=?)";
        Assert.Contains(index, await PlanAsync(connection, ProjectionConnection.ReadCountedSql), StringComparison.Ordinal);
        Assert.Contains(index, await PlanAsync(connection, ProjectionConnection.CountedRowsSql), StringComparison.Ordinal);
        Assert.Contains(ProjectionSchema.CountedBallotsIndex, await PlanAsync(connection, "SELECT * FROM \"ballots\" AS \"b\" WHERE \"b\".\"MatterId\" = 'v' AND \"b\".\"Counts\""), StringComparison.Ordinal);
        // One principal's counted ballot, as the ballot page, the custodial desk and the close ask
        // for it through EF Core: unique, the index is SQLite's own choice, not the full one.
        Assert.Contains(index, await PlanAsync(connection, "SELECT * FROM \"ballots\" AS \"b\" WHERE \"b\".\"MatterId\" = 'v' AND \"b\".\"OwnerId\" = 'p' AND \"b\".\"Counts\""), StringComparison.Ordinal);
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
