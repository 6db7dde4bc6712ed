using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using OwnersVote.Ledger;

namespace OwnersVote.Benchmarks;

/// <summary>
/// Full verification of a 1M-entry log against its hashing bound, timed in pairs in one process:
/// each round hashes 2M inputs of 65 bytes (RFC 9162 §2.1.1 leaf and node inputs), then verifies the
/// whole log with <see cref="TileLogVerifier"/>, and the ratio of each pair is reported. On a shared
/// machine the load changes between BenchmarkDotNet's separate processes; adjacent pairs see nearly
/// the same load, so their ratios are the steadier figure. Target: ratio ≤ 2.
/// </summary>
internal static class VerificationPairs
{
    private const int Size = 1_000_000;

    public static async Task<int> RunAsync(string[] args)
    {
        int rounds = 5;
        if (args.Length == 3 && args[1] == "--rounds" && int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out int r) && r is >= 1 and <= 100)
        {
            rounds = r;
        }
        else if (args.Length != 1)
        {
            await Console.Error.WriteLineAsync("usage: verify [--rounds 5]");
            return 2;
        }

        Console.WriteLine($"building a {Size:N0}-entry log of 64-byte entries in memory");
        (MemoryTileStore store, Hash root) = await LogFixture.BuildAsync(Size);
        _ = HashTwoMillion();
        await VerifyAsync(store, root);

        var ratios = new List<double>(rounds);
        Console.WriteLine($"{"round",5} {"2M SHA-256 s",13} {"verify s",9} {"ratio",6}");
        for (int round = 1; round <= rounds; round++)
        {
            TimeSpan hashing = HashTwoMillion();
            TimeSpan verifying = await VerifyAsync(store, root);
            double ratio = verifying / hashing;
            ratios.Add(ratio);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{round,5} {hashing.TotalSeconds,13:0.000} {verifying.TotalSeconds,9:0.000} {ratio,6:0.00}"));
        }

        ratios.Sort();
        double median = ratios[ratios.Count / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median ratio {median:0.00} (min {ratios[0]:0.00}, max {ratios[^1]:0.00}); target ≤ 2: {(median <= 2 ? "met" : "missed")}"));
        return 0;
    }

    private static TimeSpan HashTwoMillion()
    {
        Span<byte> input = stackalloc byte[65];
        Span<byte> hash = stackalloc byte[32];
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < 2 * Size; i++)
        {
            SHA256.HashData(input, hash);
            hash.CopyTo(input[1..]);
        }

        return Stopwatch.GetElapsedTime(start);
    }

    private static async Task<TimeSpan> VerifyAsync(MemoryTileStore store, Hash root)
    {
        long start = Stopwatch.GetTimestamp();
        long count = 0;
        await TileLogVerifier.VerifyAsync(store, Size, root, (_, _) => count++, CancellationToken.None);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        return count == Size ? elapsed : throw new InvalidOperationException($"verified {count} entries, want {Size}");
    }
}
