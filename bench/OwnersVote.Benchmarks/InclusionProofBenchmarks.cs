using BenchmarkDotNet.Attributes;
using OwnersVote.Ledger;

namespace OwnersVote.Benchmarks;

/// <summary>
/// Inclusion proofs (RFC 9162 §2.1.3) in a 1M-entry log whose tiles are in memory, as a server
/// answers them: one <see cref="TileHashSource"/> for the published tree size, kept warm across
/// requests. Ratio is the cost of one operation in SHA-256s of 65 bytes. Indexes step by a prime
/// so successive proofs touch different tiles. Target: create + verify ≥ 100,000/s.
/// </summary>
[MemoryDiagnoser]
public class InclusionProofBenchmarks : Sha256Bound
{
    private const long Size = 1_000_000;
    private const long Step = 7_919;
    private const int Proofs = 1_024;
    private MemoryTileStore _store = new();
    private TileHashSource _warm = new(0, _ => null);
    private Hash _root;
    private long _index;
    private IReadOnlyList<Hash>[] _proofs = [];
    private Hash[] _leaves = [];
    private long[] _indexes = [];
    private int _next;

    [GlobalSetup(Targets = [nameof(Create), nameof(Verify), nameof(Create_and_verify), nameof(Load_tiles_then_create_and_verify)])]
    public async Task SetupAsync()
    {
        (_store, _root) = await LogFixture.BuildAsync(Size);
        var tiles = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (string path in _store.Paths)
        {
            tiles[path] = (await _store.ReadAsync(path, CancellationToken.None))!;
        }

        _warm = new TileHashSource(Size, path => tiles.TryGetValue(path.ToString(), out byte[]? tile) ? tile : null);
        _indexes = [.. Enumerable.Range(0, Proofs).Select(i => i * Step % Size)];
        _leaves = [.. _indexes.Select(i => Merkle.HashLeaf(LogFixture.Entry(i)))];
        _proofs = [.. _indexes.Select(i => InclusionProof.Create(i, Size, _warm))];
    }

    /// <summary>Making the proof from the warm tiles.</summary>
    [Benchmark]
    public IReadOnlyList<Hash> Create() => InclusionProof.Create(NextIndex(), Size, _warm);

    /// <summary>Checking a proof against the root, given the leaf hash (what a receipt holder does).</summary>
    [Benchmark]
    public bool Verify()
    {
        int i = _next = (_next + 1) % Proofs;
        return InclusionProof.Verify(_indexes[i], Size, _leaves[i], _proofs[i], _root);
    }

    /// <summary>The target's operation: hash the entry, make its proof from the warm tiles, check it.</summary>
    [Benchmark]
    public bool Create_and_verify()
    {
        long index = NextIndex();
        IReadOnlyList<Hash> proof = InclusionProof.Create(index, Size, _warm);
        return InclusionProof.Verify(index, Size, Merkle.HashLeaf(LogFixture.Entry(index)), proof, _root);
    }

    /// <summary>
    /// What <c>LogAppender.ProveInclusionAsync</c> does per call: a fresh source that reads (copies)
    /// the few tiles the proof needs from the store, then create and verify.
    /// </summary>
    [Benchmark]
    public async Task<bool> Load_tiles_then_create_and_verify()
    {
        long index = NextIndex();
        TileHashSource source = await TileHashSource.LoadAsync(_store, Size, s => InclusionProof.Create(index, Size, s), CancellationToken.None);
        IReadOnlyList<Hash> proof = InclusionProof.Create(index, Size, source);
        return InclusionProof.Verify(index, Size, Merkle.HashLeaf(LogFixture.Entry(index)), proof, _root);
    }

    private long NextIndex() => _index = (_index + Step) % Size;
}
