using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using OwnersVote.Ledger;

namespace OwnersVote.LoadTest;

/// <summary>
/// <c>load</c>: starts the server with N synthetic owners, enrols each owner's software passkey
/// through sign-in, prepares and signs every ballot before the clock starts, then submits them with
/// a fixed number of concurrent clients for at most <c>--seconds</c>, measuring accepted ballots/s
/// and the latency to a durable receipt; afterwards checks every receipt's inclusion proof against
/// the log key. The bound, measured in the same run: ECDSA P-256 verifications/s on one core and
/// on all cores (each ballot costs the server one).
/// </summary>
internal static class LoadRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (Settings.Parse(args, owners: 1000) is not Settings settings)
        {
            return 2;
        }

        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(settings.Seconds + 900));
        string data = settings.Data is { } given ? Directory.CreateDirectory(given).FullName : Directory.CreateTempSubdirectory("ov-load-").FullName;
        string connection = settings.Connection ?? $"Data Source={Path.Combine(data, "ownersvote.db")}";
        Console.WriteLine($"date {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"{settings.Owners} owners, {settings.Concurrency} concurrent clients, {settings.Provider}, data in {data}");
        (double oneCore, double allCores) = EcdsaVerificationsPerSecond();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bound: {oneCore:N0} ECDSA P-256 verifications/s on one core, {allCores:N0}/s on {Environment.ProcessorCount}"));

        using var server = new ServerProcess(data, ServerProcess.FreePort(), settings.Provider, connection, settings.Owners);
        await server.StartAsync(TimeSpan.FromMinutes(3), budget.Token);
        Console.WriteLine($"server process {server.ProcessId}");
        List<OwnerClient> owners = await EnrolAsync(server, settings, budget.Token);
        try
        {
            long start = Stopwatch.GetTimestamp();
            // Round-major: every owner's first ballot, then every owner's second (the vote allows
            // changes), so one owner's ballots are rarely in flight together.
            var signed = new List<SignedBallot>();
            for (int round = 0; round < settings.BallotsPerOwner; round++)
            {
                int r = round;
                signed.AddRange(await ForAllAsync(owners, settings.Concurrency, (o, i, ct) => o.PrepareAndSignAsync((i + r) % 11 == 3 ? "no" : "yes", ct), budget.Token));
            }

            SignedBallot[] ballots = [.. signed];
            Console.WriteLine($"{ballots.Length} ballots prepared and signed in {Stopwatch.GetElapsedTime(start).TotalSeconds:0.0} s (untimed)");

            // Warm-up (untimed, --warmup seconds): the cast path's code is compiled and tiered up
            // by the JIT, as on a server that has been up for a while; the timed window then
            // measures the sustained rate. Warm-up receipts are verified too.
            var queue = new ConcurrentQueue<SignedBallot>(ballots);
            var warm = new ConcurrentBag<CastOutcome>();
            using (var warming = CancellationTokenSource.CreateLinkedTokenSource(budget.Token))
            {
                warming.CancelAfter(TimeSpan.FromSeconds(settings.Warmup));
                await CastFromAsync(queue, settings.Concurrency, warm, stopTaking: warming.Token, budget.Token);
            }

            Console.WriteLine($"warm-up: {warm.Count} ballots cast in {settings.Warmup} s (untimed)");
            using var timed = CancellationTokenSource.CreateLinkedTokenSource(budget.Token);
            timed.CancelAfter(TimeSpan.FromSeconds(settings.Seconds));
            TimeSpan serverCpu = server.CpuTime();
            TimeSpan clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
            int offered = queue.Count;
            start = Stopwatch.GetTimestamp();
            var outcomes = new ConcurrentBag<CastOutcome>();
            // Requests still in flight when the window ends get no receipt and count for nothing.
            await CastFromAsync(queue, settings.Concurrency, outcomes, stopTaking: timed.Token, timed.Token);
            TimeSpan wall = Stopwatch.GetElapsedTime(start);
            serverCpu = server.CpuTime() - serverCpu;
            clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpu;

            List<CastOutcome> accepted = [.. outcomes.Where(o => o.Accepted)];
            int refusedCount = outcomes.Count - accepted.Count + warm.Count(o => !o.Accepted);
            foreach (IGrouping<string, CastOutcome> refused in outcomes.Where(o => !o.Accepted).GroupBy(o => o.Problem).Take(5))
            {
                Console.WriteLine($"refused x{refused.Count()}: {refused.Key}");
            }

            double rate = accepted.Count / wall.TotalSeconds;
            double[] ms = [.. accepted.Select(o => o.Latency.TotalMilliseconds).Order()];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"accepted {accepted.Count} of {offered} in {wall.TotalSeconds:0.00} s ({offered - outcomes.Count} not answered within the window): {rate:0.0} ballots/s; latency to a durable receipt p50 {Pct(ms, 50):0.0} ms, p95 {Pct(ms, 95):0.0} ms, p99 {Pct(ms, 99):0.0} ms, max {ms.LastOrDefault():0.0} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ballots/s ÷ ECDSA verifications/s: {rate / oneCore:0.0000} (one core), {rate / allCores:0.0000} (all cores)"));
            double perBallot = accepted.Count == 0 ? double.NaN : 1e6 / accepted.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CPU in the window: server {serverCpu.TotalSeconds:0.00} s ({serverCpu.TotalSeconds * perBallot:0} µs per ballot = {serverCpu.TotalSeconds * perBallot * oneCore / 1e6:0.0} ECDSA verifications), load generator {clientCpu.TotalSeconds:0.00} s ({clientCpu.TotalSeconds * perBallot:0} µs per ballot); server {serverCpu.TotalSeconds / wall.TotalSeconds:0.00} cores busy; load {File.ReadAllText("/proc/loadavg").Trim()}"));

            List<CastOutcome> all = [.. accepted, .. warm.Where(o => o.Accepted)];
            int verified = await VerifyReceiptsAsync(server.BaseUrl, all, budget.Token);
            Console.WriteLine($"receipts verified: {verified} of {all.Count} (inclusion proof + checkpoint signature; warm-up included)");
            return verified == all.Count && refusedCount == 0 && accepted.Count > 0 ? 0 : 1;
        }
        finally
        {
            owners.ForEach(o => o.Dispose());
            server.Dispose();
            if (settings.Data is null)
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    /// <summary>Signs every synthetic owner in with their invitation code and registers a passkey.</summary>
    public static async Task<List<OwnerClient>> EnrolAsync(ServerProcess server, Settings settings, CancellationToken cancellationToken)
    {
        string[] lines = await File.ReadAllLinesAsync(server.CodesFile, cancellationToken);
        // Four owners per loopback address: the sign-in limiter allows five attempts per address.
        List<OwnerClient> owners = [.. lines.Take(settings.Owners).Select((line, i) =>
        {
            string[] parts = line.Split(' ');
            return new OwnerClient(server.BaseUrl, parts[0], parts[1], new IPAddress([127, 1, (byte)(i / 4 / 250), (byte)((i / 4 % 250) + 1)]));
        })];
        long start = Stopwatch.GetTimestamp();
        await ForAllAsync(owners, settings.Concurrency, async (o, _, ct) => { await o.EnrolAsync(ct); return o; }, cancellationToken);
        Console.WriteLine($"{owners.Count} owners signed in and enrolled a passkey in {Stopwatch.GetElapsedTime(start).TotalSeconds:0.0} s");
        return owners;
    }

    /// <summary>Checks each receipt (c2sp.org/tlog-proof): entry → leaf hash, inclusion proof, checkpoint signed by the log key.</summary>
    public static async Task<int> VerifyReceiptsAsync(string baseUrl, IEnumerable<CastOutcome> accepted, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        string key = (await http.GetStringAsync(new Uri(baseUrl + "/log/key"), cancellationToken)).Trim();
        var verifier = NoteVerifier.Parse(key);
        int verified = 0;
        foreach (CastOutcome o in accepted)
        {
            Receipt receipt = Receipt.Parse(Encoding.UTF8.GetBytes(o.Receipt));
            Hash leaf = Hash.FromBase64(o.LeafHash);
            bool ok = receipt.Index == o.Index
                && receipt.Extra is { } entry && Merkle.HashLeaf(entry) == leaf
                && receipt.Verify(leaf, verifier.Name, [verifier], [], 0).IsVerified;
            verified += ok ? 1 : 0;
        }

        return verified;
    }

    /// <summary>
    /// <paramref name="concurrency"/> clients each take the next ballot and cast it, until the
    /// queue is empty or <paramref name="stopTaking"/> fires; <paramref name="abort"/> cancels
    /// requests in flight (their outcome is not recorded).
    /// </summary>
    private static async Task CastFromAsync(ConcurrentQueue<SignedBallot> queue, int concurrency, ConcurrentBag<CastOutcome> outcomes, CancellationToken stopTaking, CancellationToken abort)
    {
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (!stopTaking.IsCancellationRequested && queue.TryDequeue(out SignedBallot? b))
            {
                try
                {
                    outcomes.Add(await b.Owner.CastAsync(b, abort));
                }
                catch (OperationCanceledException) when (abort.IsCancellationRequested)
                {
                    return;
                }
            }
        }));
    }

    public static async Task<T[]> ForAllAsync<T>(List<OwnerClient> owners, int concurrency, Func<OwnerClient, int, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var results = new T[owners.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, owners.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
            results[i] = await work(owners[i], i, ct));
        return results;
    }

    private static double Pct(double[] sorted, int percentile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1)];

    private static (double OneCore, double AllCores) EcdsaVerificationsPerSecond()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] data = RandomNumberGenerator.GetBytes(69);
        byte[] signature = key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        double Rate(int threads)
        {
            long count = 0;
            var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
            long start = Stopwatch.GetTimestamp();
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ =>
            {
                using var mine = ECDsa.Create(key.ExportParameters(false));
                long n = 0;
                while (Stopwatch.GetTimestamp() < until)
                {
                    n += mine.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence) ? 1 : 0;
                }

                Interlocked.Add(ref count, n);
            });
            return count / Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        return (Rate(1), Rate(Environment.ProcessorCount));
    }
}
