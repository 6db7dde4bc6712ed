using BenchmarkDotNet.Attributes;
using OwnersVote.Ledger;

namespace OwnersVote.Benchmarks;

/// <summary>Building every tile and bundle for a batch of 64-byte entries (c2sp.org/tlog-tiles).</summary>
[MemoryDiagnoser]
public class TileBuildingBenchmarks
{
    private byte[][] _entries = [];

    [Params(256, 65_536)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup() => _entries = LogFixture.Entries(Entries);

    [Benchmark]
    public int Build_tiles()
    {
        var builder = new TileBuilder();
        foreach (byte[] entry in _entries)
        {
            builder.Append(entry);
        }

        return builder.TakeChangedTiles().Count;
    }
}

/// <summary>An inclusion proof made from in-memory tiles alone, then verified (RFC 9162 §2.1.3).</summary>
[MemoryDiagnoser]
public class InclusionProofBenchmarks
{
    private const long Size = 1_000_000;
    private MemoryTileStore _store = new();
    private Hash _root;
    private long _index;

    [GlobalSetup]
    public void Setup() => (_store, _root) = LogFixture.Build(Size);

    [Benchmark]
    public async Task<bool> Create_from_tiles_and_verify()
    {
        long index = _index = (_index + 7919) % Size;
        TileHashSource source = await TileHashSource.LoadAsync(_store, Size, s => InclusionProof.Create(index, Size, s), CancellationToken.None);
        IReadOnlyList<Hash> proof = InclusionProof.Create(index, Size, source);
        return InclusionProof.Verify(index, Size, Merkle.HashLeaf(LogFixture.Entry(index)), proof, _root);
    }
}

/// <summary>Reading back and checking a whole 1M-entry log, against the ~2M SHA-256 it must compute.</summary>
[MemoryDiagnoser]
public class LogVerificationBenchmarks
{
    private const int Size = 1_000_000;
    private MemoryTileStore _store = new();
    private Hash _root;
    private byte[][] _entries = [];

    [GlobalSetup]
    public void Setup()
    {
        (_store, _root) = LogFixture.Build(Size);
        _entries = LogFixture.Entries(Size);
    }

    [Benchmark(Baseline = true)]
    public byte Raw_hashing_of_1M_leaves_and_1M_nodes()
    {
        Span<byte> hash = stackalloc byte[32];
        Span<byte> node = stackalloc byte[65];
        foreach (byte[] entry in _entries)
        {
            System.Security.Cryptography.SHA256.HashData(entry, hash);
            System.Security.Cryptography.SHA256.HashData(node, hash);
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

internal static class LogFixture
{
    public static byte[] Entry(long index)
    {
        byte[] entry = new byte[64];
        BitConverter.TryWriteBytes(entry, index);
        return entry;
    }

    public static byte[][] Entries(int count) => [.. Enumerable.Range(0, count).Select(i => Entry(i))];

    public static (MemoryTileStore Store, Hash Root) Build(long size)
    {
        var store = new MemoryTileStore();
        var builder = new TileBuilder();
        for (long i = 0; i < size; i++)
        {
            builder.Append(Entry(i));
        }

        builder.WriteChangedTilesAsync(store, CancellationToken.None).GetAwaiter().GetResult();
        return (store, builder.Root);
    }
}
