using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OwnersVote.Ledger;
using OwnersVote.Ledger.Sequencing;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Data;
using OwnersVote.Web.Ledger;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Issue 8 §2, deterministically: a sequencer whose batch reached the log but who died before
/// recording the indexes leaves queue rows that look pending. The next sequencer must match them
/// to the log by leaf hash and record them — never append them a second time — and project them.
/// </summary>
public sealed class ClusterReconcileTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public Task A_new_sequencer_records_what_its_predecessor_logged_and_never_appends_it_twice() => OnClusterAsync("reconcile", async (folder, connection) =>
    {
        long size;
        string origin;
        await using (var first = new ClusterApp(folder, connection, "node-a"))
        {
            await first.InitializeAsync();
            EventLog log = first.Services.GetRequiredService<EventLog>();
            long before = log.TreeSize;
            AppendResult appended = await log.AppendAsync(Compound("reconcile-a"), Cancel);
            Assert.Equal(before, appended.Index);
            Assert.Equal(before + 1, log.TreeSize);
            size = log.TreeSize;
            origin = log.Origin;
        }

        // The predecessor's last moments: its batch is in the log, its queue row still pending.
        byte[] entry = EventCodec.Encode(Compound("reconcile-b"));
        using (NoteSigner signer = NoteSigner.Parse(File.ReadAllText(Path.Combine(folder, "log.key")).Trim()))
        {
            await using LogAppender appender = await LogAppender.OpenAsync(Path.Combine(folder, "log"), origin, signer, signer.Verifier, cancellationToken: Cancel);
            Assert.Equal(size, (await appender.AppendAsync(entry, Cancel)).Index);
        }

        Guid ticket = Guid.NewGuid();
        await using (NpgsqlConnection db = new(connection))
        {
            await db.OpenAsync(Cancel);
            await using NpgsqlCommand insert = new("INSERT INTO cluster_queue (ticket, entry, leaf_hash, node) VALUES ($1, $2, $3, 'node-a')", db);
            insert.Parameters.AddWithValue(ticket);
            insert.Parameters.AddWithValue(entry);
            insert.Parameters.AddWithValue(Merkle.HashLeaf(entry).Bytes.ToArray());
            await insert.ExecuteNonQueryAsync(Cancel);
        }

        await using (var second = new ClusterApp(folder, connection, "node-b"))
        {
            await second.InitializeAsync();
            EventLog log = second.Services.GetRequiredService<EventLog>();
            Assert.Equal(size + 1, log.TreeSize);

            await using NpgsqlConnection db = new(connection);
            await db.OpenAsync(Cancel);
            await using (NpgsqlCommand row = new("SELECT log_index FROM cluster_queue WHERE ticket = $1", db))
            {
                row.Parameters.AddWithValue(ticket);
                Assert.Equal(size, (long)(await row.ExecuteScalarAsync(Cancel))!); // The row exists: inserted above.
            }

            await using (NpgsqlCommand state = new("SELECT sequencer || ' ' || reconciled_size FROM cluster_state", db))
            {
                Assert.Equal($"node-b {size + 1}", (string?)await state.ExecuteScalarAsync(Cancel));
            }

            using IServiceScope scope = second.Services.CreateScope();
            Assert.True(await scope.ServiceProvider.GetRequiredService<OwnersVoteDb>().Compounds.AnyAsync(c => c.Id == "reconcile-b", Cancel));

            // And the new sequencer appends what is queued next, after it.
            AppendResult next = await log.AppendAsync(Compound("reconcile-c"), Cancel);
            Assert.Equal(size + 1, next.Index);
        }
    });

    [Fact]
    public Task A_group_of_entries_larger_than_the_sequencers_batch_is_appended_in_one_batch() => OnClusterAsync("group", async (folder, connection) =>
    {
        // A roll in parts with its announcement must reach the log all or none: the sequencer takes
        // at most 2 queued entries a batch here, and a group of 5 still goes in one.
        await using var node = new ClusterApp(folder, connection, "node-a", maxBatch: 2);
        await node.InitializeAsync();
        EventLog log = node.Services.GetRequiredService<EventLog>();
        long before = log.TreeSize;
        IReadOnlyList<AppendResult> appended = await log.AppendManyAsync([.. Enumerable.Range(1, 5).Select(i => Compound($"group-{i}"))], Cancel);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => before + i), appended.Select(a => a.Index));

        // One batch is recorded in one transaction: one done_at (now()) for its rows.
        await using NpgsqlConnection db = new(connection);
        await db.OpenAsync(Cancel);
        await using NpgsqlCommand batches = new("SELECT count(DISTINCT done_at) || ' ' || count(*) FROM cluster_queue WHERE log_index >= $1", db);
        batches.Parameters.AddWithValue(before);
        Assert.Equal("1 5", (string?)await batches.ExecuteScalarAsync(Cancel));

        // Single entries after it still go 2 at most per batch.
        AppendResult[] singles = await Task.WhenAll(Enumerable.Range(6, 5).Select(i => log.AppendAsync(Compound($"group-{i}"), Cancel)));
        Assert.Equal(Enumerable.Range(5, 5).Select(i => before + i), singles.Select(a => a.Index).Order());
    });

    // A PostgreSQL server, a database and a data folder of the test's own, removed afterwards.
    private static async Task OnClusterAsync(string name, Func<string, string, Task> test)
    {
        await using PostgresServer postgres = await PostgresServer.StartAsync(Cancel);
        string folder = Directory.CreateTempSubdirectory($"ov-e2e-{name}-").FullName;
        try
        {
            await test(folder, postgres.ConnectionString($"ownersvote_{name}"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static CompoundRegistered Compound(string id) =>
        new(id, EventTime.Truncate(DateTimeOffset.UtcNow), "admin:test", "对账小区", "上海市闵行区", id + ".localhost", [$"http://{id}.localhost"], RequireUserVerification: true);

    /// <summary>The app as one cluster node on a database and data folder the test owns.</summary>
    private sealed class ClusterApp(string folder, string connection, string node, int? maxBatch = null) : OwnersVoteApp(folder)
    {
        public override string Provider => "Postgres";

        protected override ValueTask<string> ConfigureDatabaseAsync(CancellationToken cancellationToken) => ValueTask.FromResult(connection);

        protected override ValueTask ReleaseDatabaseAsync() => ValueTask.CompletedTask;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Cluster:Enabled", "true");
            builder.UseSetting("Cluster:NodeName", node);
            if (maxBatch is { } batch)
            {
                builder.UseSetting("Cluster:MaxBatch", batch.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}
