using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace OwnersVote.LoadTest;

/// <summary>What the timed window of <c>load</c> or <c>ceiling</c> measured.</summary>
/// <param name="Accepted">Accepted ballots of the window (open loop: and of its drain).</param>
/// <param name="WarmAccepted">Accepted ballots of the warm-up.</param>
/// <param name="Refused">Refused ballots, warm-up included.</param>
/// <param name="BallotsPerSecond">Accepted ballots per second within the window.</param>
/// <param name="P99">The 99th percentile latency, milliseconds.</param>
internal sealed record TimedResult(IReadOnlyList<CastOutcome> Accepted, IReadOnlyList<CastOutcome> WarmAccepted, int Refused, double BallotsPerSecond, double P99);

/// <summary>
/// The part <c>load</c> and <c>ceiling</c> share once their owners hold passkeys the server
/// knows: every ballot prepared and signed before the clock, an untimed warm-up, the timed window
/// (closed loop, or open loop at <c>--rate</c>), and the report — rate, latency percentiles, and
/// the CPU time the server and this load generator spent per accepted ballot.
/// </summary>
internal static class TimedCasting
{
    /// <summary>How long an open-loop phase waits, after its window, for the answers still in flight.</summary>
    private static readonly TimeSpan s_drainLimit = TimeSpan.FromSeconds(30);

    /// <summary>Prepares and signs the ballots, warms up, runs the timed window and prints the report.</summary>
    /// <param name="server">The server under test (for its CPU time).</param>
    /// <param name="owners">Owners whose passkeys the server knows.</param>
    /// <param name="settings">Window, warm-up, concurrency and rate.</param>
    /// <param name="ballotsPerOwner">Ballots each owner prepares and signs before the clock.</param>
    /// <param name="oneCore">ECDSA P-256 verifications/s on one core, measured in this run.</param>
    /// <param name="allCores">The same on all cores.</param>
    /// <param name="answer">What the latency runs to, for the report ("a durable receipt").</param>
    /// <param name="cancellationToken">The run's overall budget.</param>
    public static async Task<TimedResult> RunAsync(ServerProcess server, List<OwnerClient> owners, Settings settings, int ballotsPerOwner, double oneCore, double allCores, string answer, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        // Round-major: every owner's first ballot, then every owner's second (the vote allows
        // changes), so one owner's ballots are rarely in flight together.
        var signed = new List<SignedBallot>();
        for (int round = 0; round < ballotsPerOwner; round++)
        {
            int r = round;
            signed.AddRange(await LoadRun.ForAllAsync(owners, settings.Concurrency, (o, i, ct) => o.PrepareAndSignAsync((i + r) % 11 == 3 ? "no" : "yes", ct), cancellationToken));
        }

        Console.WriteLine($"{signed.Count} ballots prepared and signed in {Stopwatch.GetElapsedTime(start).TotalSeconds:0.0} s (untimed)");
        if (settings.Rate is int due && (long)due * (settings.Warmup + settings.Seconds) > signed.Count)
        {
            Console.WriteLine($"only {signed.Count} ballots for the {(long)due * (settings.Warmup + settings.Seconds)} the schedule needs: the window will run out (raise --ballots-per-owner or --owners)");
        }

        var queue = new ConcurrentQueue<SignedBallot>(signed);
        signed.Clear();

        // Warm-up (untimed, --warmup seconds, at --rate if given): the cast path's code is
        // compiled and tiered up by the JIT, as on a server that has been up for a while; the timed
        // window then measures the sustained rate. Warm-up answers are checked too.
        List<CastOutcome> warm;
        if (settings.Rate is int warmRate)
        {
            OpenLoopResult w = settings.Warmup == 0
                ? new OpenLoopResult(warmRate, TimeSpan.Zero, 0, 0, 0, 0, 0, 0, 0, 0, TimeSpan.Zero, [], [])
                : await OpenLoop.RunAsync(queue, warmRate, settings.Concurrency, TimeSpan.FromSeconds(settings.Warmup), s_drainLimit, cancellationToken);
            warm = [.. w.Outcomes];
            Console.WriteLine($"warm-up: {warm.Count} ballots cast in {settings.Warmup} s at {warmRate}/s (untimed; kept up: {(w.KeptUp ? "yes" : "no")})");
        }
        else
        {
            var bag = new ConcurrentBag<CastOutcome>();
            using (var warming = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                warming.CancelAfter(TimeSpan.FromSeconds(settings.Warmup));
                await ClosedLoop.CastAsync(queue, settings.Concurrency, bag, stopTaking: warming.Token, cancellationToken);
            }

            warm = [.. bag];
            Console.WriteLine($"warm-up: {warm.Count} ballots cast in {settings.Warmup} s (untimed)");
        }

        TimeSpan serverCpu = server.CpuTime();
        TimeSpan clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
        start = Stopwatch.GetTimestamp();
        List<CastOutcome> outcomes;
        double rate;
        if (settings.Rate is int offeredRate)
        {
            OpenLoopResult r = await OpenLoop.RunAsync(queue, offeredRate, settings.Concurrency, TimeSpan.FromSeconds(settings.Seconds), s_drainLimit, cancellationToken);
            outcomes = [.. r.Outcomes];
            rate = r.AcceptedPerSecond;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"offered {r.Rate} ballots/s for {r.Window.TotalSeconds:0} s (open loop, at most {settings.Concurrency} in flight): {r.Offered} due, {r.Issued} sent; {r.WaitedForSlot} waited for a free slot, {r.NotIssued} could not be issued on time, {r.RanOut} not sent for want of pre-signed ballots; sent after due p50 {Pct(r.DispatchLag, 50):0.0} ms, p99 {Pct(r.DispatchLag, 99):0.0} ms, max {r.DispatchLag.LastOrDefault():0.0} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"accepted within the window {r.AcceptedInWindow} of {r.Offered}: {rate:0.0} ballots/s ({rate / r.Rate:0.000} × offered); at its end {r.InFlightAtEnd} in flight, answered within {r.Drained.TotalSeconds:0.00} s ({r.Unanswered} unanswered after {s_drainLimit.TotalSeconds:0} s, cancelled)"));
            Console.WriteLine($"kept up: {(r.KeptUp ? "yes" : "no")} (accepted within the window ≥ 0.99 × offered, none left waiting for a slot or a ballot)");
        }
        else
        {
            using var timed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timed.CancelAfter(TimeSpan.FromSeconds(settings.Seconds));
            int offered = queue.Count;
            var bag = new ConcurrentBag<CastOutcome>();
            // Requests still in flight when the window ends get no answer and count for nothing.
            await ClosedLoop.CastAsync(queue, settings.Concurrency, bag, stopTaking: timed.Token, timed.Token);
            outcomes = [.. bag];
            TimeSpan window = Stopwatch.GetElapsedTime(start);
            rate = outcomes.Count(o => o.Accepted) / window.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"closed loop, {settings.Concurrency} clients: accepted {outcomes.Count(o => o.Accepted)} of {offered} pre-signed in {window.TotalSeconds:0.00} s ({queue.Count} left unsent at the window's end, {offered - outcomes.Count - queue.Count} in flight and cut off by it): {rate:0.0} ballots/s"));
        }

        TimeSpan wall = Stopwatch.GetElapsedTime(start);
        serverCpu = server.CpuTime() - serverCpu;
        clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpu;

        List<CastOutcome> accepted = [.. outcomes.Where(o => o.Accepted)];
        int refusedCount = outcomes.Count - accepted.Count + warm.Count(o => !o.Accepted);
        foreach (IGrouping<string, CastOutcome> refused in outcomes.Where(o => !o.Accepted).GroupBy(o => o.Problem).Take(5))
        {
            Console.WriteLine($"refused x{refused.Count()}: {refused.Key}");
        }

        double[] ms = [.. accepted.Select(o => o.Latency.TotalMilliseconds).Order()];
        string from = settings.Rate is null ? "from the send" : "from the scheduled send time";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rate:0.0} ballots/s; latency {from} to {answer} ({ms.Length} accepted) p50 {Pct(ms, 50):0.0} ms, p95 {Pct(ms, 95):0.0} ms, p99 {Pct(ms, 99):0.0} ms, max {ms.LastOrDefault():0.0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ballots/s ÷ ECDSA verifications/s: {rate / oneCore:0.0000} (one core), {rate / allCores:0.0000} (all cores)"));
        double perBallot = accepted.Count == 0 ? double.NaN : 1e6 / accepted.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU in the window{(settings.Rate is null ? "" : " and its drain")} ({wall.TotalSeconds:0.00} s): server {serverCpu.TotalSeconds:0.00} s ({serverCpu.TotalSeconds * perBallot:0} µs per ballot = {serverCpu.TotalSeconds * perBallot * oneCore / 1e6:0.0} ECDSA verifications), load generator {clientCpu.TotalSeconds:0.00} s ({clientCpu.TotalSeconds * perBallot:0} µs per ballot); cores busy: server {serverCpu.TotalSeconds / wall.TotalSeconds:0.00}, load generator {clientCpu.TotalSeconds / wall.TotalSeconds:0.00}, of {Environment.ProcessorCount}; load {File.ReadAllText("/proc/loadavg").Trim()}"));
        return new TimedResult(accepted, [.. warm.Where(o => o.Accepted)], refusedCount, rate, Pct(ms, 99));
    }

    public static double Pct(double[] sorted, int percentile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1)];
}
