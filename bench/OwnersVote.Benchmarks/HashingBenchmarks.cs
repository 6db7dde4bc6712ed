using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using OwnersVote.Ledger;

namespace OwnersVote.Benchmarks;

/// <summary>RFC 9162 §2.1.1 leaf and node hashing against a bare SHA-256 of 64 bytes.</summary>
[MemoryDiagnoser]
public class HashingBenchmarks
{
    private readonly byte[] _input = new byte[65];
    private readonly byte[] _output = new byte[32];
    private Hash _left;
    private Hash _right;

    [GlobalSetup]
    public void Setup()
    {
        new Random(1).NextBytes(_input);
        _left = Merkle.HashLeaf(_input.AsSpan(0, 32));
        _right = Merkle.HashLeaf(_input.AsSpan(32, 32));
    }

    [Benchmark(Baseline = true)]
    public int Sha256_of_64_bytes() => SHA256.HashData(_input.AsSpan(0, 64), _output);

    [Benchmark]
    public int Sha256_of_65_bytes() => SHA256.HashData(_input, _output);

    [Benchmark]
    public Hash Leaf_hash_of_a_64_byte_entry() => Merkle.HashLeaf(_input.AsSpan(0, 64));

    [Benchmark]
    public Hash Node_hash() => Merkle.HashChildren(_left, _right);
}
