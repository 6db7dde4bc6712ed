using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OwnersVote.Ledger;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;

namespace OwnersVote.LoadTest;

/// <summary>
/// <c>cluster</c> (issue 8, docs/operations.md "Several nodes"): <c>--nodes</c> real servers as
/// child processes on loopback ports, one PostgreSQL, one shared log directory. Each owner signs in
/// on one node and votes through the next (the session cookie crosses nodes: shared Data Protection
/// keys). Without <c>--kill-leader</c> it measures accepted ballots/s (docs/benchmarks.md); with it,
/// owners cast continuously while the sequencer's node is killed with SIGKILL, and the run checks
/// that another node took the lock, that every receipted ballot is in the log and counted once,
/// that no entry was appended twice, that the queue drained, and that the tables count what a
/// recount of the log counts. Bounded: starts at most 3 minutes each, casting at most
/// <c>--seconds</c> (throughput) or 90 s (failover), the whole run at most 10 minutes.
/// </summary>
internal static class ClusterRun
{
    private static int s_refusals;
    private static string? s_lastRefusal;

    public static async Task<int> RunAsync(string[] args)
    {
        if (Settings.Parse(args, owners: 300) is not Settings settings || settings.Provider != "Postgres" || settings.Connection is not string connection)
        {
            Console.Error.WriteLine("cluster runs on PostgreSQL: --provider Postgres --connection STR");
            return 2;
        }

        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        string data = settings.Data is { } given ? Directory.CreateDirectory(given).FullName : Directory.CreateTempSubdirectory("ov-cluster-").FullName;
        string[] urls = [.. Enumerable.Range(0, settings.Nodes).Select(_ => $"http://localhost:{ServerProcess.FreePort()}")];
        var nodes = new ServerProcess[settings.Nodes];
        List<OwnerClient> owners = [];
        Console.WriteLine($"date {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"{settings.Nodes} nodes, {settings.Owners} owners, {settings.Concurrency} concurrent clients, PostgreSQL, data in {data}");
        try
        {
            for (int i = 0; i < nodes.Length; i++)
            {
                nodes[i] = Node(i, data, urls, connection, settings);
            }

            // The first node creates the schema and seeds; the others join it.
            long start = Stopwatch.GetTimestamp();
            await nodes[0].StartAsync(TimeSpan.FromMinutes(3), budget.Token);
            await Task.WhenAll(nodes.Skip(1).Select(n => n.StartAsync(TimeSpan.FromMinutes(3), budget.Token)));
            Console.WriteLine($"{nodes.Length} nodes ready in {Stopwatch.GetElapsedTime(start).TotalSeconds:0.0} s; sequencer {await SequencerAsync(connection, budget.Token)}");

            owners = await EnrolAsync(nodes[0].CodesFile, urls, settings, budget.Token);
            List<(CastOutcome Outcome, string Vote)> receipts = settings.KillLeader
                ? await FailoverAsync(nodes, urls, data, connection, owners, settings, budget.Token)
                : await ThroughputAsync(owners, settings, budget.Token);
            if (receipts.Count == 0)
            {
                Console.WriteLine("cluster test FAILED: no ballot was accepted");
                return 1;
            }

            bool ok = await CheckAsync(nodes, urls, data, connection, receipts, budget.Token);
            Console.WriteLine(ok ? "cluster test passed" : "cluster test FAILED");
            return ok ? 0 : 1;
        }
        finally
        {
            owners.ForEach(o => o.Dispose());
            foreach (ServerProcess? node in nodes)
            {
                node?.Dispose();
            }

            NpgsqlConnection.ClearAllPools();
            if (settings.Data is null)
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    // Every node: the same data folder (log directory, log key, demo keys), its own port, the
    // cluster on, cookie keys in PostgreSQL, and every node's address as a WebAuthn origin (behind
    // a load balancer they would share one).
    private static ServerProcess Node(int i, string data, string[] urls, string connection, Settings settings)
    {
        var extra = new Dictionary<string, string>
        {
            ["Cluster__Enabled"] = "true",
            ["Cluster__NodeName"] = $"node-{i + 1}",
            ["DataProtection__KeysPath"] = "",
        };
        for (int k = 0; k < urls.Length; k++)
        {
            extra[$"Demo__Origins__{k}"] = urls[k];
        }

        return new ServerProcess(data, new Uri(urls[i]).Port, "Postgres", connection, settings.Owners, extra);
    }

    private static async Task<List<OwnerClient>> EnrolAsync(string codesFile, string[] urls, Settings settings, CancellationToken cancellationToken)
    {
        string[] lines = await File.ReadAllLinesAsync(codesFile, cancellationToken);
        // Four owners per loopback address, as a few households' phones; the sign-in limiter counts
        // only refused codes per address, so sign-ins do not need the spread (kept so that load
        // figures compare with earlier runs).
        List<OwnerClient> owners = [.. lines.Take(settings.Owners).Select((line, i) =>
        {
            string[] parts = line.Split(' ');
            return new OwnerClient(urls[i % urls.Length], parts[0], parts[1], new System.Net.IPAddress([127, 1, (byte)(i / 4 / 250), (byte)((i / 4 % 250) + 1)]));
        })];
        long start = Stopwatch.GetTimestamp();
        await LoadRun.ForAllAsync(owners, settings.Concurrency, async (o, _, ct) => { await o.EnrolAsync(ct); return o; }, cancellationToken);
        for (int i = 0; i < owners.Count; i++)
        {
            // Signed in on node i, votes through node i+1.
            owners[i].Node = urls[(i + 1) % urls.Length];
        }

        Console.WriteLine($"{owners.Count} owners signed in and enrolled a passkey in {Stopwatch.GetElapsedTime(start).TotalSeconds:0.0} s");
        return owners;
    }

    private static async Task<List<(CastOutcome, string)>> ThroughputAsync(List<OwnerClient> owners, Settings settings, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        SignedBallot[] ballots = [.. await LoadRun.ForAllAsync(owners, settings.Concurrency, (o, i, ct) => o.PrepareAndSignAsync(i % 11 == 3 ? "no" : "yes", ct), cancellationToken)];
        Console.WriteLine($"{ballots.Length} ballots prepared and signed in {Stopwatch.GetElapsedTime(start).TotalSeconds:0.0} s (untimed)");

        using var timed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timed.CancelAfter(TimeSpan.FromSeconds(settings.Seconds));
        var outcomes = new ConcurrentBag<(CastOutcome Outcome, string Vote)>();
        start = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(ballots, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken }, async (b, ct) =>
        {
            if (timed.IsCancellationRequested)
            {
                return; // Time is up: not sent.
            }

            try
            {
                outcomes.Add((await b.Owner.CastAsync(b, ct), b.Vote));
            }
            catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
            {
                // The client's own 60 s timeout: no receipt.
                outcomes.Add((CastOutcome.Refused("no answer: " + e.Message, TimeSpan.Zero), b.Vote));
            }
        });
        TimeSpan wall = Stopwatch.GetElapsedTime(start);
        List<CastOutcome> accepted = [.. outcomes.Where(o => o.Outcome.Accepted).Select(o => o.Outcome)];
        foreach (IGrouping<string, CastOutcome> refused in outcomes.Select(o => o.Outcome).Where(o => !o.Accepted).GroupBy(o => o.Problem).Take(5))
        {
            Console.WriteLine($"refused x{refused.Count()}: {refused.Key}");
        }

        double[] ms = [.. accepted.Select(o => o.Latency.TotalMilliseconds).Order()];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"accepted {accepted.Count} of {ballots.Length} in {wall.TotalSeconds:0.00} s: {accepted.Count / wall.TotalSeconds:0.0} ballots/s with {settings.Nodes} nodes; latency to a durable receipt p50 {Pct(ms, 50):0.0} ms, p95 {Pct(ms, 95):0.0} ms, p99 {Pct(ms, 99):0.0} ms"));
        return [.. outcomes.Where(o => o.Outcome.Accepted)];
    }

    private static async Task<List<(CastOutcome, string)>> FailoverAsync(ServerProcess[] nodes, string[] urls, string data, string connection, List<OwnerClient> owners, Settings settings, CancellationToken cancellationToken)
    {
        var receipts = new ConcurrentBag<(CastOutcome, string)>();
        var dead = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        using var casting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task cast = CastContinuouslyAsync(owners, urls, dead, settings.Concurrency, receipts, casting.Token);

        // Kill while ballots are being appended: after the first receipts, at a random moment.
        for (int wait = 0; wait < 300 && receipts.Count < 10; wait++)
        {
            await Task.Delay(100, cancellationToken);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(new Random(20261126).Next(200, 1_500)), cancellationToken);
        string leader = await SequencerAsync(connection, cancellationToken);
        int killed = int.Parse(leader["node-".Length..], CultureInfo.InvariantCulture) - 1;
        dead[urls[killed]] = true;
        nodes[killed].Kill();
        int atKill = receipts.Count;
        long killedAt = Stopwatch.GetTimestamp();
        Console.WriteLine($"killed the sequencer {leader} (kill -9) after {atKill} receipts");

        string successor = leader;
        for (int wait = 0; wait < 600 && successor == leader; wait++)
        {
            await Task.Delay(100, cancellationToken);
            successor = await SequencerAsync(connection, cancellationToken);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sequencer after the kill: {successor} ({Stopwatch.GetElapsedTime(killedAt).TotalSeconds:0.0} s to the first batch it recorded)"));
        for (int wait = 0; wait < 300 && receipts.Count < atKill + 100; wait++)
        {
            await Task.Delay(100, cancellationToken);
        }

        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        await casting.CancelAsync();
        await cast;
        Console.WriteLine($"refusals while casting: {s_refusals}{(s_lastRefusal is null ? "" : $" (last: {s_lastRefusal})")}");
        Console.WriteLine($"{receipts.Count} ballots got a receipt, {receipts.Count - atKill} after the kill");
        if (successor == leader)
        {
            Console.WriteLine("no other node took the sequencer lock");
            return [];
        }

        // The killed node comes back as a follower.
        nodes[killed].Dispose();
        nodes[killed] = Node(killed, data, urls, connection, settings);
        await nodes[killed].StartAsync(TimeSpan.FromMinutes(3), cancellationToken);
        dead.TryRemove(urls[killed], out _);
        Console.WriteLine($"{leader} restarted and ready as a follower of {await SequencerAsync(connection, cancellationToken)}");
        return [.. receipts];
    }

    private static async Task CastContinuouslyAsync(List<OwnerClient> owners, string[] urls, ConcurrentDictionary<string, bool> dead, int concurrency, ConcurrentBag<(CastOutcome, string)> receipts, CancellationToken cancellationToken)
    {
        int next = 0;
        var workers = Enumerable.Range(0, Math.Min(concurrency, owners.Count)).Select(async _ =>
        {
            // Bounded: at most 10,000 casts per worker, and the cancellation.
            for (int n = 0; n < 10_000 && !cancellationToken.IsCancellationRequested; n++)
            {
                OwnerClient owner = owners[Interlocked.Increment(ref next) % owners.Count];
                if (dead.ContainsKey(owner.Node))
                {
                    // A load balancer would stop sending to the dead node: the owner moves on.
                    owner.Node = urls.First(u => !dead.ContainsKey(u));
                }

                try
                {
                    SignedBallot ballot = await owner.PrepareAndSignAsync(n % 2 == 0 ? "yes" : "no", cancellationToken);
                    CastOutcome outcome = await owner.CastAsync(ballot, cancellationToken);
                    if (outcome.Accepted)
                    {
                        receipts.Add((outcome, owner.Vote));
                    }
                    else
                    {
                        Interlocked.Increment(ref s_refusals);
                        s_lastRefusal = outcome.Problem;
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or InvalidOperationException)
                {
                    // The node died under the request, or refused: no receipt was given, nothing is claimed.
                    Interlocked.Increment(ref s_refusals);
                    s_lastRefusal = e.Message;
                }
            }
        });
        await Task.WhenAll(workers);
    }

    private static async Task<bool> CheckAsync(ServerProcess[] nodes, string[] urls, string data, string connection, List<(CastOutcome Outcome, string Vote)> receipts, CancellationToken cancellationToken)
    {
        bool ok = true;
        // Every queued entry is decided (bounded wait for the last batch).
        long pending = -1;
        for (int wait = 0; wait < 300 && pending != 0; wait++)
        {
            pending = await ScalarAsync(connection, "SELECT count(*) FROM cluster_queue WHERE log_index IS NULL AND failure IS NULL", cancellationToken);
            if (pending != 0)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        long failed = await ScalarAsync(connection, "SELECT count(*) FROM cluster_queue WHERE failure IS NOT NULL", cancellationToken);
        Console.WriteLine($"queue: {pending} entries pending, {failed} failed");
        ok &= pending == 0 && failed == 0;

        // Followers see the new checkpoints: every node serves the same one.
        using var http = new HttpClient();
        string[] checkpoints = await Task.WhenAll(urls.Select(u => http.GetStringAsync(new Uri(u + "/log/checkpoint"), cancellationToken)));
        for (int wait = 0; wait < 50 && checkpoints.Distinct(StringComparer.Ordinal).Count() > 1; wait++)
        {
            await Task.Delay(100, cancellationToken);
            checkpoints = await Task.WhenAll(urls.Select(u => http.GetStringAsync(new Uri(u + "/log/checkpoint"), cancellationToken)));
        }

        bool same = checkpoints.Distinct(StringComparer.Ordinal).Count() == 1;
        Console.WriteLine($"every node serves the same checkpoint: {same} (size {checkpoints[0].Split('\n')[1]})");
        ok &= same;

        int verified = await LoadRun.VerifyReceiptsAsync(urls[0], receipts.Select(r => r.Outcome), cancellationToken);
        Console.WriteLine($"receipts whose inclusion proof verifies: {verified} of {receipts.Count}");
        ok &= verified == receipts.Count;
        string key = (await http.GetStringAsync(new Uri(urls[0] + "/log/key"), cancellationToken)).Trim();

        // The directory read back once every node is stopped.
        foreach (ServerProcess node in nodes)
        {
            node.Kill();
        }

        string logDir = Path.Combine(data, "log");
        var entries = new List<byte[]>();
        AuditedLog audited = await LogAuditor.AuditAsync(new FileTileStore(logDir), NoteVerifier.Parse(key), [], 0, (_, e) => entries.Add(e.ToArray()), cancellationToken);
        await LogDirectory.CheckFilesAsync(logDir, audited.Checkpoint.Checkpoint.Size, cancellationToken);
        Console.WriteLine($"log verifies: {entries.Count} entries, root {audited.Checkpoint.Checkpoint.Root.ToBase64()}");
        string[] leaves = [.. entries.Select(e => Merkle.HashLeaf(e).ToBase64())];

        int duplicates = leaves.Length - leaves.Distinct(StringComparer.Ordinal).Count();
        Console.WriteLine($"entries appended twice: {duplicates}");
        ok &= duplicates == 0;

        int missing = receipts.Count(r => r.Outcome.Index >= entries.Count || leaves[r.Outcome.Index] != r.Outcome.LeafHash);
        Console.WriteLine($"receipted ballots missing from the log: {missing}");
        ok &= missing == 0;

        int misrecorded = 0;
        int recorded = 0;
        await using (NpgsqlConnection db = new(connection))
        {
            await db.OpenAsync(cancellationToken);
            await using NpgsqlCommand command = new("SELECT log_index, leaf_hash FROM cluster_queue WHERE log_index IS NOT NULL", db);
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                long index = reader.GetInt64(0);
                recorded++;
                misrecorded += index < leaves.Length && leaves[index] == Convert.ToBase64String((byte[])reader[1]) ? 0 : 1;
            }
        }

        Console.WriteLine($"queue rows whose recorded index holds another entry: {misrecorded} of {recorded}");
        ok &= misrecorded == 0;

        List<LedgerEvent> events = [.. entries.Select(e => EventCodec.Decode(e))];
        var counted = new HashSet<long>();
        var rejected = new HashSet<long>();
        var lastCounted = new Dictionary<string, long>(StringComparer.Ordinal);
        int doubleCounted = 0;
        foreach (string vote in receipts.Select(r => r.Vote).Distinct(StringComparer.Ordinal))
        {
            string compound = vote[..^"-vote".Length];
            List<(LedgerEvent Event, int Index)> mine = [.. events.Select((e, i) => (e, i)).Where(x => x.e.Compound == compound)];
            VoteReplayResult replay = VoteReplay.Replay(mine.Select(x => x.Event), vote);
            foreach (ReplayedBallot b in replay.Ballots)
            {
                long index = mine[b.Position].Index;
                if (b.Disposition == BallotDisposition.Counted)
                {
                    counted.Add(index);
                    doubleCounted += lastCounted.TryAdd(vote + "|" + b.Principal, index) ? 0 : 1;
                }
                else if (b.Disposition == BallotDisposition.Rejected)
                {
                    rejected.Add(index);
                }
            }
        }

        var lastReceipted = receipts
            .GroupBy(r => r.Vote + "|" + ((BallotCast)events[(int)r.Outcome.Index]).Ballot.Principal, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(r => r.Outcome.Index), StringComparer.Ordinal);
        int lost = lastReceipted.Count(p => !lastCounted.TryGetValue(p.Key, out long c) || c < p.Value);
        int receiptedRejected = receipts.Count(r => rejected.Contains(r.Outcome.Index));
        Console.WriteLine($"receipted ballots rejected by the recount: {receiptedRejected}; principals whose last receipted ballot is not counted (nor a later one): {lost}; principals counted twice: {doubleCounted}; counted ballots: {counted.Count}");
        ok &= receiptedRejected == 0 && lost == 0 && doubleCounted == 0;

        await using var tables = new OwnersVoteDb(new DbContextOptionsBuilder<OwnersVoteDb>().UseNpgsql(connection).Options);
        HashSet<long> countedRows = [.. await tables.Ballots.AsNoTracking()
            .Where(b => b.MatterId.StartsWith(SyntheticCompounds.CompoundPrefix) && b.Counts)
            .Select(b => b.LogIndex).ToListAsync(cancellationToken)];
        bool sameCount = countedRows.SetEquals(counted);
        Console.WriteLine($"tables count exactly what the recount counts: {sameCount}");
        return ok && sameCount;
    }

    private static async Task<string> SequencerAsync(string connection, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection db = new(connection);
        await db.OpenAsync(cancellationToken);
        await using NpgsqlCommand command = new("SELECT sequencer FROM cluster_state WHERE id = 1", db);
        return (string?)await command.ExecuteScalarAsync(cancellationToken) ?? throw new InvalidOperationException("no sequencer has published the cluster state");
    }

    private static async Task<long> ScalarAsync(string connection, string sql, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection db = new(connection);
        await db.OpenAsync(cancellationToken);
        await using NpgsqlCommand command = new(sql, db);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!; // count(*) is never null.
    }

    private static double Pct(double[] sorted, int percentile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1)];
}
