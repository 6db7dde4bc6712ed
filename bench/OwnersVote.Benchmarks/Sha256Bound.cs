using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;

namespace OwnersVote.Benchmarks;

/// <summary>
/// The bound every ledger figure is a ratio to, measured in the same run: one SHA-256 of a 65-byte
/// input, the size of every leaf (0x00 ‖ 64-byte entry) and node (0x01 ‖ left ‖ right) hash input
/// of RFC 9162 §2.1.1. A class deriving from this reports each benchmark's Ratio in SHA-256s.
/// </summary>
public abstract class Sha256Bound
{
    private readonly byte[] _input = new byte[65];
    private readonly byte[] _digest = new byte[32];

    /// <summary>One SHA-256 of 65 bytes (two compression blocks, like 64 bytes).</summary>
    [Benchmark(Baseline = true)]
    public int Sha256_of_65_bytes() => SHA256.HashData(_input, _digest);
}
