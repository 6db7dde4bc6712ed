using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using OwnersVote.Ledger;
using OwnersVote.Ledger.Sequencing;

namespace OwnersVote.Benchmarks;

/// <summary>
/// Durable group-commit appends (DESIGN.md §2 "Sequencing"), which BenchmarkDotNet cannot time:
/// a <see cref="LogAppender"/> in a fresh directory on a real disk with real fsync, many concurrent
/// writers appending entries as fast as acknowledgements return, for a fixed time and at most a
/// fixed count. In the same run it measures the two bounds: SHA-256/s of 65-byte inputs and
/// fsyncs/s of 4 KiB appends to a file in the same directory. After the run the log is read back
/// and verified, so every acknowledged entry is known to be there.
/// </summary>
/// <remarks>
/// <c>taskset -c 0 dotnet bench/OwnersVote.Benchmarks/bin/Release/net10.0/OwnersVote.Benchmarks.dll appender --seconds 10 --writers 1024</c>
/// </remarks>
internal static class AppenderLoad
{
    private const string KeyName = "bench.ownersvote.example";
    private const string Origin = KeyName + "/appender";

    // The Ledger issue's target: durable appends ≥ 100,000 entries/s on one core.
    private const double TargetEntriesPerSecond = 100_000;
    private const double IssueSha256PerSecond = 2_400_000;

    public static async Task<int> RunAsync(string[] args)
    {
        if (!Settings.TryParse(args, out Settings? settings, out string? error))
        {
            await Console.Error.WriteLineAsync($"{error}\nusage: appender [--seconds 10] [--warmup 1] [--writers 1024] [--max-entries 10000000] [--entry-bytes 100] [--dir PATH]");
            return 2;
        }

        string directory = Path.Combine(settings.Parent, $"ov-appender-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            Describe(settings, directory);
            (double sha256PerSecond, double sha256PerCpuSecond) = Sha256PerSecond(TimeSpan.FromSeconds(1));
            Print("SHA-256/s, 65-byte inputs, one thread", sha256PerSecond);
            Print("SHA-256 per CPU-second (the same loop)", sha256PerCpuSecond);
            double fsyncsPerSecond = FsyncsPerSecond(directory, TimeSpan.FromSeconds(2));
            Print("fsyncs/s, 4 KiB append + fsync, same directory", fsyncsPerSecond);

            LoadResult load = await AppendAsync(settings, Path.Combine(directory, "log"));
            Report(settings, load, sha256PerSecond, sha256PerCpuSecond, fsyncsPerSecond);
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Describe(Settings settings, string directory)
    {
        Console.WriteLine($"appender load: {settings.Writers} writers, {settings.EntryBytes}-byte entries, {settings.Warmup.TotalSeconds:0.#} s warm-up + {settings.Duration.TotalSeconds:0.#} s measured, at most {settings.MaxEntries:N0} entries");
        Console.WriteLine($"directory: {directory} ({new DriveInfo(directory).DriveFormat})");
        string affinity = OperatingSystem.IsLinux() || OperatingSystem.IsWindows()
            ? $"0x{(long)Process.GetCurrentProcess().ProcessorAffinity:x}"
            : "n/a";
        Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} processor(s) usable, affinity mask {affinity}, server GC {System.Runtime.GCSettings.IsServerGC}");
    }

    // The bound of every ratio (the Ledger issue: "SHA-256 of 64-byte inputs per second on this
    // machine"); 65 bytes is the leaf and node input of RFC 9162 §2.1.1 and costs the same two blocks.
    // Also per CPU-second, the unit CPU per entry is converted with: on a shared core the wall-clock
    // rate falls with the load while the CPU-time rate does not.
    private static (double PerSecond, double PerCpuSecond) Sha256PerSecond(TimeSpan duration)
    {
        Span<byte> input = stackalloc byte[65];
        Span<byte> digest = stackalloc byte[32];
        long count = 0;
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            for (int i = 0; i < 1_000; i++)
            {
                SHA256.HashData(input, digest);
                digest.CopyTo(input[1..]);
            }

            count += 1_000;
        }

        TimeSpan elapsed = clock.Elapsed;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        return (count / elapsed.TotalSeconds, count / cpu.TotalSeconds);
    }

    // What the journal does per batch: append a record to a file and fsync it.
    private static double FsyncsPerSecond(string directory, TimeSpan duration)
    {
        string path = Path.Combine(directory, "fsync-probe");
        byte[] block = new byte[4096];
        RandomNumberGenerator.Fill(block);
        long count = 0;
        using (SafeFileHandle handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite))
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration)
            {
                RandomAccess.Write(handle, block, count * block.Length);
                RandomAccess.FlushToDisk(handle);
                count++;
            }

            duration = clock.Elapsed;
        }

        File.Delete(path);
        return count / duration.TotalSeconds;
    }

    private static async Task<LoadResult> AppendAsync(Settings settings, string directory)
    {
        using NoteSigner signer = NoteSigner.FromSeed(KeyName, RandomNumberGenerator.GetBytes(32));
        NoteVerifier verifier = signer.Verifier;
        LogAppender appender = await LogAppender.OpenAsync(directory, Origin, signer, verifier);
        long submitted = 0;
        var writers = new Writer[settings.Writers];
        long start = Stopwatch.GetTimestamp();
        long measureFrom = start + Ticks(settings.Warmup);
        long measureTo = measureFrom + Ticks(settings.Duration);
        TimeSpan cpuBefore = TimeSpan.Zero;
        var cpuWatch = Task.Run(async () =>
        {
            TimeSpan untilWindow = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), measureFrom);
            if (untilWindow > TimeSpan.Zero)
            {
                await Task.Delay(untilWindow).ConfigureAwait(false);
            }

            cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        });

        await using (appender.ConfigureAwait(false))
        {
            Task[] running = new Task[settings.Writers];
            for (int w = 0; w < settings.Writers; w++)
            {
                var writer = writers[w] = new Writer(w, settings.EntryBytes);
                running[w] = Task.Run(async () =>
                {
                    while (Stopwatch.GetTimestamp() < measureTo && Interlocked.Increment(ref submitted) <= settings.MaxEntries)
                    {
                        long sent = Stopwatch.GetTimestamp();
                        AppendResult result = await appender.AppendAsync(writer.NextEntry()).ConfigureAwait(false);
                        long acknowledged = Stopwatch.GetTimestamp();
                        if (acknowledged >= measureFrom && acknowledged < measureTo)
                        {
                            writer.Record(acknowledged - sent, result.TreeSize);
                        }
                    }
                });
            }

            await Task.WhenAll(running).ConfigureAwait(false);
            await cpuWatch.ConfigureAwait(false);
        }

        long stopped = Stopwatch.GetTimestamp();
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        TimeSpan measured = Stopwatch.GetElapsedTime(measureFrom, Math.Min(stopped, measureTo));
        long total = Math.Min(Interlocked.Read(ref submitted), settings.MaxEntries);
        (long verified, TimeSpan verifyTime) = await VerifyAsync(directory, verifier);
        if (verified != total)
        {
            throw new InvalidOperationException($"{total} entries were acknowledged but the log holds {verified}.");
        }

        long[] latencies = [.. writers.SelectMany(w => w.Latencies)];
        Array.Sort(latencies);
        int batches = writers.SelectMany(w => w.TreeSizes).Distinct().Count();
        return new LoadResult(latencies, batches, measured, cpu, total, verifyTime);
    }

    // Reads the log back from disk as a client would and checks every tile against the signed root.
    private static async Task<(long Size, TimeSpan Time)> VerifyAsync(string directory, NoteVerifier verifier)
    {
        var clock = Stopwatch.StartNew();
        var store = new FileTileStore(directory);
        byte[] note = await store.ReadAsync(LogAuditor.CheckpointPath, CancellationToken.None).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The appender left no checkpoint.");
        Checkpoint checkpoint = Checkpoint.Open(note, verifier).Checkpoint;
        await TileLogVerifier.VerifyAsync(store, checkpoint.Size, checkpoint.Root, (_, _) => { }, CancellationToken.None).ConfigureAwait(false);
        return (checkpoint.Size, clock.Elapsed);
    }

    private static void Report(Settings settings, LoadResult load, double sha256PerSecond, double sha256PerCpuSecond, double fsyncsPerSecond)
    {
        double seconds = load.Measured.TotalSeconds;
        double entriesPerSecond = load.Latencies.Length / seconds;
        double batchesPerSecond = load.Batches / seconds;
        Print("entries acknowledged in the measured window", load.Latencies.Length);
        Print("entries/s (durable, acknowledged)", entriesPerSecond);
        Print("batches (journal fsyncs) in the window", load.Batches);
        Print("batches/s", batchesPerSecond);
        Print("entries per batch, mean", load.Latencies.Length / (double)Math.Max(1, load.Batches), "0.0");
        Console.WriteLine($"{"latency to acknowledgement, ms",-48} p50 {Milliseconds(load.Latencies, 0.50)}  p95 {Milliseconds(load.Latencies, 0.95)}  p99 {Milliseconds(load.Latencies, 0.99)}  max {Milliseconds(load.Latencies, 1.0)}");
        Print("CPU seconds per wall second in the window", load.Cpu.TotalSeconds / seconds, "0.00");
        double cpuPerEntry = load.Cpu.TotalSeconds / Math.Max(1, load.Latencies.Length);
        Print("CPU µs per entry (whole process)", cpuPerEntry * 1e6, "0.0");
        Console.WriteLine($"{"log read back and verified",-48} {load.Total:N0} entries in {load.VerifyTime.TotalSeconds:0.00} s");
        Console.WriteLine();
        Console.WriteLine("ratios (same run):");
        Print("entries/s ÷ SHA-256/s", entriesPerSecond / sha256PerSecond, "0.0000");
        Print("SHA-256s of time per entry", sha256PerSecond / entriesPerSecond, "0.0");
        Print("batches/s ÷ fsyncs/s", batchesPerSecond / fsyncsPerSecond, "0.000");
        // What one whole core would sustain if the appender were CPU-bound: on a shared machine the
        // pinned core is not all ours, so this is reported beside the measured rate, not instead.
        Print("CPU per entry in SHA-256s (per CPU-second)", cpuPerEntry * sha256PerCpuSecond, "0.0");
        Print("entries per CPU-second", 1 / cpuPerEntry);
        Console.WriteLine($"target: ≥ {TargetEntriesPerSecond:N0} entries/s on one core: {(entriesPerSecond >= TargetEntriesPerSecond ? "met" : "missed")} ({entriesPerSecond / TargetEntriesPerSecond:0.00}× target, {settings.Writers} writers)");
        // The issue states the target for a machine doing ~2.4M SHA-256/s per core; as a ratio it
        // carries over to a machine (or a moment) that hashes slower.
        double targetRatio = TargetEntriesPerSecond / IssueSha256PerSecond;
        double ratio = entriesPerSecond / sha256PerSecond;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"target as a ratio: {TargetEntriesPerSecond:N0} / {IssueSha256PerSecond:N0} = {targetRatio:0.0000} entries per SHA-256: {(ratio >= targetRatio ? "met" : "missed")} ({ratio / targetRatio:0.00}×)"));
    }

    private static string Milliseconds(long[] sorted, double quantile)
    {
        if (sorted.Length == 0)
        {
            return "n/a";
        }

        long ticks = sorted[(int)Math.Round(quantile * (sorted.Length - 1))];
        return (ticks * 1000.0 / Stopwatch.Frequency).ToString("0.00", CultureInfo.InvariantCulture);
    }

    private static void Print(string what, double value, string format = "N0") =>
        Console.WriteLine($"{what,-48} {value.ToString(format, CultureInfo.InvariantCulture)}");

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private sealed record LoadResult(long[] Latencies, int Batches, TimeSpan Measured, TimeSpan Cpu, long Total, TimeSpan VerifyTime);

    // One writer's entries (its id and a sequence number, then filler) and what it observed.
    private sealed class Writer(int id, int entryBytes)
    {
        private long _sequence;

        public List<long> Latencies { get; } = new(4096);

        public List<long> TreeSizes { get; } = new(4096);

        public byte[] NextEntry()
        {
            byte[] entry = new byte[entryBytes];
            entry.AsSpan().Fill((byte)'.');
            BitConverter.TryWriteBytes(entry, id);
            BitConverter.TryWriteBytes(entry.AsSpan(4), _sequence++);
            return entry;
        }

        public void Record(long latency, long treeSize)
        {
            Latencies.Add(latency);
            TreeSizes.Add(treeSize);
        }
    }

    private sealed record Settings(TimeSpan Duration, TimeSpan Warmup, int Writers, long MaxEntries, int EntryBytes, string Parent)
    {
        public static bool TryParse(string[] args, [NotNullWhen(true)] out Settings? settings, [NotNullWhen(false)] out string? error)
        {
            var current = new Settings(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), 1024, 10_000_000, 100, Path.GetTempPath());
            settings = null;
            for (int i = 1; i < args.Length; i += 2)
            {
                string option = args[i];
                string value = i + 1 < args.Length ? args[i + 1] : string.Empty;
                Settings? next = option switch
                {
                    "--seconds" when Number(value) is > 0 and var s => current with { Duration = TimeSpan.FromSeconds(s) },
                    "--warmup" when Number(value) is >= 0 and var s => current with { Warmup = TimeSpan.FromSeconds(s) },
                    "--writers" when Number(value) is >= 1 and <= 1_000_000 and var n => current with { Writers = (int)n },
                    "--max-entries" when Number(value) is >= 1 and var n => current with { MaxEntries = (long)n },
                    // An entry holds the writer id and a sequence number; tlog-tiles bundles cap it at 65,535 bytes.
                    "--entry-bytes" when Number(value) is >= 12 and <= ushort.MaxValue and var n => current with { EntryBytes = (int)n },
                    "--dir" when Directory.Exists(value) => current with { Parent = value },
                    _ => null,
                };
                if (next is null)
                {
                    error = $"bad option: {option} {value}";
                    return false;
                }

                current = next;
            }

            settings = current;
            error = null;
            return true;
        }

        private static double Number(string text) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) && value == Math.Floor(value) ? value : double.NaN;
    }
}
