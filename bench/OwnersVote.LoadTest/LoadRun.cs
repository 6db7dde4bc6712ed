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
/// a fixed number of concurrent clients, or at <c>--rate</c> ballots/s on a fixed schedule
/// (<see cref="OpenLoop"/>), for at most <c>--seconds</c> (<see cref="TimedCasting"/>), measuring
/// accepted ballots/s and the latency to a durable receipt; afterwards checks every receipt's
/// inclusion proof against the log key. The bound, measured in the same run: ECDSA P-256
/// verifications/s on one core and on all cores (each ballot costs the server one).
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
        Console.WriteLine($"{settings.Owners} owners, {(settings.Rate is int r ? $"{r} ballots/s offered (open loop), at most {settings.Concurrency} in flight" : $"{settings.Concurrency} concurrent clients")}, {settings.Provider}, data in {data}");
        (double oneCore, double allCores) = EcdsaVerificationsPerSecond();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bound: {oneCore:N0} ECDSA P-256 verifications/s on one core, {allCores:N0}/s on {Environment.ProcessorCount}"));

        int perOwner = settings.Rate is int rate ? settings.BallotsPerOwnerFor(rate) : settings.BallotsPerOwner ?? 1;
        // Every ballot of the run is prepared before the timed phase: the server must hold them all
        // (Ballots:MaxPrepared), or a 60 s run stops for want of ballots.
        long prepared = (long)settings.Owners * perOwner;
        var serverSettings = new Dictionary<string, string>
        {
            ["Ballots__MaxPrepared"] = Math.Max(OwnersVote.Web.Features.Ballots.BallotSessions.DefaultMaxPrepared, prepared).ToString(CultureInfo.InvariantCulture),
        };
        if (settings.CompoundSize is int size)
        {
            serverSettings["Demo__Synthetic__OwnersPerCompound"] = size.ToString(CultureInfo.InvariantCulture);
        }

        using var server = new ServerProcess(data, ServerProcess.FreePort(), settings.Provider, connection, settings.Owners, serverSettings);
        await server.StartAsync(TimeSpan.FromMinutes(3), budget.Token);
        Console.WriteLine($"server process {server.ProcessId}");
        List<OwnerClient> owners = await EnrolAsync(server, settings, budget.Token);
        try
        {
            TimedResult result = await TimedCasting.RunAsync(server, owners, settings, perOwner, oneCore, allCores, "a durable receipt", budget.Token);
            List<CastOutcome> all = [.. result.Accepted, .. result.WarmAccepted];
            int verified = await VerifyReceiptsAsync(server.BaseUrl, all, budget.Token);
            Console.WriteLine($"receipts verified: {verified} of {all.Count} (inclusion proof + checkpoint signature; warm-up included)");
            return verified == all.Count && result.Refused == 0 && result.Accepted.Count > 0 ? 0 : 1;
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
        // Four owners per loopback address, as a few households' phones; the sign-in limiter counts
        // only refused codes per address, so sign-ins do not need the spread (kept so that load
        // figures compare with earlier runs).
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

    public static async Task<T[]> ForAllAsync<T>(List<OwnerClient> owners, int concurrency, Func<OwnerClient, int, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var results = new T[owners.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, owners.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
            results[i] = await work(owners[i], i, ct));
        return results;
    }

    /// <summary>The bound: ECDSA P-256 verifications/s for one second on one core, then on all cores.</summary>
    public static (double OneCore, double AllCores) EcdsaVerificationsPerSecond()
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
