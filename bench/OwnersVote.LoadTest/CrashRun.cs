using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OwnersVote.Ledger;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;

namespace OwnersVote.LoadTest;

/// <summary>
/// <c>crash</c>: the server as a child process, owners casting (and changing) ballots continuously,
/// <c>kill -9</c> at a random moment, restart — <c>--kills</c> times. Then, from the log directory
/// and the database: every ballot that got a receipt is in the log at its index with its leaf hash;
/// the log verifies (checkpoint, every tile, every file); no receipted ballot is rejected and each
/// principal's counted ballot is its last receipted one or later; the tables count exactly what a
/// <see cref="VoteReplay"/> recount counts; and dropping the database and restarting rebuilds the
/// same rows. Bounded: each round casts until its first receipt (at most 30 s) and at most 1.5 s more,
/// each start waits at most 3 minutes, the whole run at most 8 minutes.
/// </summary>
internal static class CrashRun
{
    private static int s_refusals;
    private static string? s_lastRefusal;

    public static async Task<int> RunAsync(string[] args)
    {
        if (Settings.Parse(args, owners: 250) is not Settings settings || settings.Provider != "Sqlite")
        {
            Console.Error.WriteLine("crash runs on SQLite");
            return 2;
        }

        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        string data = settings.Data is { } given ? Directory.CreateDirectory(given).FullName : Directory.CreateTempSubdirectory("ov-crash-").FullName;
        string database = Path.Combine(data, "ownersvote.db");
        int port = ServerProcess.FreePort();
        var receipts = new ConcurrentBag<(CastOutcome Outcome, string Vote)>();
        var random = new Random(20261126);
        long start = Stopwatch.GetTimestamp();
        List<OwnerClient> owners = [];
        try
        {
            for (int round = 0; round <= settings.Kills; round++)
            {
                using var server = new ServerProcess(data, port, "Sqlite", $"Data Source={database}", settings.Owners);
                await server.StartAsync(TimeSpan.FromMinutes(3), budget.Token);
                if (round == 0)
                {
                    owners = await LoadRun.EnrolAsync(server, settings, budget.Token);
                }

                if (round == settings.Kills)
                {
                    break;
                }

                // Cast until a random moment, then SIGKILL the server with requests in flight.
                using var casting = CancellationTokenSource.CreateLinkedTokenSource(budget.Token);
                Task cast = CastContinuouslyAsync(owners, settings.Concurrency, receipts, casting.Token);
                // Wait for this round's first receipt (at most 30 s), so every kill lands while
                // ballots are being appended, then a random moment within the next 1.5 s.
                int before = receipts.Count;
                for (int wait = 0; wait < 300 && receipts.Count == before; wait++)
                {
                    await Task.Delay(100, budget.Token);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 1_500)), budget.Token);
                server.Kill();
                await casting.CancelAsync();
                await cast;
                Console.WriteLine($"kill {round + 1}: {receipts.Count} receipts so far");
            }

            Console.WriteLine($"refusals while casting: {s_refusals}{(s_lastRefusal is null ? "" : $" (last: {s_lastRefusal})")}");
            Console.WriteLine($"{settings.Kills} kills in {Stopwatch.GetElapsedTime(start).TotalSeconds:0} s; {receipts.Count} ballots got a receipt");
            return await CheckAsync(data, database, port, settings, [.. receipts], budget.Token) ? 0 : 1;
        }
        finally
        {
            owners.ForEach(o => o.Dispose());
            SqliteConnection.ClearAllPools();
            if (settings.Data is null)
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    private static async Task CastContinuouslyAsync(List<OwnerClient> owners, int concurrency, ConcurrentBag<(CastOutcome, string)> receipts, CancellationToken cancellationToken)
    {
        int next = 0;
        var workers = Enumerable.Range(0, Math.Min(concurrency, owners.Count)).Select(async _ =>
        {
            // Bounded: at most 10,000 casts per round, and the round's cancellation.
            for (int n = 0; n < 10_000 && !cancellationToken.IsCancellationRequested; n++)
            {
                OwnerClient owner = owners[Interlocked.Increment(ref next) % owners.Count];
                try
                {
                    SignedBallot ballot = await owner.PrepareAndSignAsync(n % 2 == 0 ? "yes" : "no", cancellationToken);
                    CastOutcome outcome = await owner.CastAsync(ballot, cancellationToken);
                    if (outcome.Accepted)
                    {
                        receipts.Add((outcome, owner.Vote));
                    }
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
                {
                    // The server died under the request: no receipt was given, nothing is claimed.
                    return;
                }
                catch (InvalidOperationException e)
                {
                    // The server answered with a refusal (e.g. busy): no receipt; the owner tries again.
                    Interlocked.Increment(ref s_refusals);
                    s_lastRefusal = e.Message;
                }
            }
        });
        await Task.WhenAll(workers);
    }

    private static async Task<bool> CheckAsync(string data, string database, int port, Settings settings, List<(CastOutcome Outcome, string Vote)> receipts, CancellationToken cancellationToken)
    {
        bool ok = true;
        string logDir = Path.Combine(data, "log");
        string key;
        using (var server = new ServerProcess(data, port, "Sqlite", $"Data Source={database}", settings.Owners))
        {
            await server.StartAsync(TimeSpan.FromMinutes(3), cancellationToken);
            int verified = await LoadRun.VerifyReceiptsAsync(server.BaseUrl, receipts.Select(r => r.Outcome), cancellationToken);
            using var http = new HttpClient();
            key = (await http.GetStringAsync(new Uri(server.BaseUrl + "/log/key"), cancellationToken)).Trim();
            Console.WriteLine($"receipts whose inclusion proof verifies: {verified} of {receipts.Count}");
            ok &= verified == receipts.Count;
        }

        // The log read back from disk: checkpoint signature, every tile, every other file.
        var entries = new List<byte[]>();
        AuditedLog audited = await LogAuditor.AuditAsync(new FileTileStore(logDir), NoteVerifier.Parse(key), [], 0, (_, e) => entries.Add(e.ToArray()), cancellationToken);
        await LogDirectory.CheckFilesAsync(logDir, audited.Checkpoint.Checkpoint.Size, cancellationToken);
        Console.WriteLine($"log verifies: {entries.Count} entries, root {audited.Checkpoint.Checkpoint.Root.ToBase64()}");

        int missing = receipts.Count(r => r.Outcome.Index >= entries.Count || Merkle.HashLeaf(entries[(int)r.Outcome.Index]).ToBase64() != r.Outcome.LeafHash);
        Console.WriteLine($"receipted ballots missing from the log: {missing}");
        ok &= missing == 0;

        List<LedgerEvent> events = [.. entries.Select(e => EventCodec.Decode(e))];
        var counted = new HashSet<long>();
        var rejected = new Dictionary<long, string>();
        var lastCounted = new Dictionary<string, long>(StringComparer.Ordinal);
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
                    lastCounted[b.Principal] = index;
                }
                else if (b.Disposition == BallotDisposition.Rejected)
                {
                    rejected[index] = b.Reason!;
                }
            }
        }

        int receiptedRejected = receipts.Count(r => rejected.ContainsKey(r.Outcome.Index));
        var lastReceipted = receipts
            .GroupBy(r => ((BallotCast)events[(int)r.Outcome.Index]).Ballot.Principal, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(r => r.Outcome.Index), StringComparer.Ordinal);
        int lost = lastReceipted.Count(p => !lastCounted.TryGetValue(p.Key, out long c) || c < p.Value);
        Console.WriteLine($"receipted ballots rejected by the recount: {receiptedRejected}; principals whose last receipted ballot is not counted (nor a later one): {lost}; counted ballots: {counted.Count}");
        ok &= receiptedRejected == 0 && lost == 0;

        List<(long, bool, string?)> tables = await BallotsAsync(database, cancellationToken);
        bool same = tables.Where(t => t.Item2).Select(t => t.Item1).ToHashSet().SetEquals(counted);
        Console.WriteLine($"tables count exactly what the recount counts: {same}");
        ok &= same;

        // Drop the projections and rebuild them from the log.
        SqliteConnection.ClearAllPools();
        File.Delete(database);
        using (var server = new ServerProcess(data, port, "Sqlite", $"Data Source={database}", settings.Owners))
        {
            await server.StartAsync(TimeSpan.FromMinutes(3), cancellationToken);
            server.Kill();
        }

        List<(long, bool, string?)> rebuilt = await BallotsAsync(database, cancellationToken);
        bool identical = rebuilt.SequenceEqual(tables);
        Console.WriteLine($"projections rebuilt from the log are identical: {identical} ({rebuilt.Count} ballot rows)");
        ok &= identical;
        Console.WriteLine(ok ? "crash test passed" : "crash test FAILED");
        return ok;
    }

    private static async Task<List<(long, bool, string?)>> BallotsAsync(string database, CancellationToken cancellationToken)
    {
        await using var db = new OwnersVoteDb(new DbContextOptionsBuilder<OwnersVoteDb>().UseSqlite($"Data Source={database}").Options);
        List<(long, bool, string?)> rows = [.. (await db.Ballots.AsNoTracking().Where(b => b.MatterId.StartsWith(SyntheticCompounds.CompoundPrefix)).ToListAsync(cancellationToken))
            .Select(b => (b.LogIndex, b.Counts, b.Rejection)).OrderBy(b => b.LogIndex)];
        SqliteConnection.ClearAllPools();
        return rows;
    }
}
