using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using OwnersVote.Ledger;

namespace OwnersVote.Benchmarks;

/// <summary>
/// Reading back and checking a whole 1M-entry log held in memory (<see cref="TileLogVerifier"/>:
/// every bundle, every hash tile of every level, the root), against the pure hashing it cannot
/// avoid: 1M leaf hashes and 1M − 1 node hashes, each a SHA-256 of 65 bytes (RFC 9162 §2.1.1).
/// Target: Ratio ≤ 2.
/// </summary>
[MemoryDiagnoser]
public class LogVerificationBenchmarks
{
    private const int Size = 1_000_000;
    private MemoryTileStore _store = new();
    private Hash _root;

    [GlobalSetup(Target = nameof(Verify_1M_entry_log))]
    public async Task SetupAsync() => (_store, _root) = await LogFixture.BuildAsync(Size);

    [Benchmark(Baseline = true)]
    public byte Sha256_of_65_bytes_2M_times()
    {
        Span<byte> input = stackalloc byte[65];
        Span<byte> hash = stackalloc byte[32];
        for (int i = 0; i < 2 * Size; i++)
        {
            // Chain the digests so no call can be skipped or hoisted.
            SHA256.HashData(input, hash);
            hash.CopyTo(input[1..]);
        }

        return hash[0];
    }

    [Benchmark]
    public async Task<long> Verify_1M_entry_log()
    {
        long count = 0;
        await TileLogVerifier.VerifyAsync(_store, Size, _root, (_, _) => count++, CancellationToken.None);
        return count;
    }
}
