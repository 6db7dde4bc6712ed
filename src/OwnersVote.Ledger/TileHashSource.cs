using System.Numerics;

namespace OwnersVote.Ledger;

/// <summary>
/// Serves the node hashes of a tree of a given size from its c2sp.org/tlog-tiles hash tiles,
/// hashing up to 7 levels inside a tile for nodes between tile levels, so that roots and proofs
/// can be computed from tiles alone. Tiles read and node hashes computed are kept for the source's
/// lifetime, so one source serving many proofs of one tree size hashes each node once. An instance
/// is not safe for concurrent use.
/// </summary>
public sealed class TileHashSource : IHashSource
{
    private readonly Func<TilePath, ReadOnlyMemory<byte>?> _readTile;
    private readonly Dictionary<TilePath, TileNodes> _cache = [];

    /// <summary>
    /// A source for a tree of <paramref name="treeSize"/> leaves that reads the tiles it needs
    /// through <paramref name="readTile"/> (null when absent) and caches them.
    /// </summary>
    public TileHashSource(long treeSize, Func<TilePath, ReadOnlyMemory<byte>?> readTile)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        ArgumentNullException.ThrowIfNull(readTile);
        TreeSize = treeSize;
        _readTile = readTile;
    }

    /// <summary>The tree size the tile widths are computed for.</summary>
    public long TreeSize { get; }

    /// <summary>
    /// Reads from <paramref name="store"/> exactly the tiles that <paramref name="plan"/> asks for
    /// (e.g. <c>s =&gt; InclusionProof.Create(i, size, s)</c>), then returns a source that serves
    /// them. The plan runs once against placeholder hashes, so it must not branch on hash values.
    /// </summary>
    /// <exception cref="LogVerificationException">A needed tile is missing or has the wrong length.</exception>
    public static async Task<TileHashSource> LoadAsync(ITileStore store, long treeSize, Action<IHashSource> plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(plan);
        var recorder = new Recorder(treeSize);
        plan(recorder);
        var tiles = new Dictionary<TilePath, ReadOnlyMemory<byte>>();
        foreach (TilePath path in recorder.Paths)
        {
            byte[]? content = await store.ReadAsync(path.ToString(), cancellationToken).ConfigureAwait(false);
            // c2sp.org/tlog-tiles: a log "MAY delete any partial tile once the corresponding full
            // tile is ... available", and clients "MAY fetch the full tile ... as a fallback".
            if (content is null && path.IsPartial)
            {
                content = await store.ReadAsync(path.Full.ToString(), cancellationToken).ConfigureAwait(false);
            }

            if (content is not null)
            {
                tiles[path] = content;
            }
        }

        return new TileHashSource(treeSize, path => tiles.TryGetValue(path, out ReadOnlyMemory<byte> content) ? content : (ReadOnlyMemory<byte>?)null);
    }

    /// <inheritdoc />
    /// <exception cref="LogVerificationException">The tile is missing or has the wrong length.</exception>
    public Hash GetNode(int level, long index)
    {
        (TilePath path, int first, int count) = TileHashing.Locate(level, index, TreeSize);
        int height = BitOperations.Log2((uint)count);
        byte[] result = new byte[Hash.Size];
        Read(path).Node(height, first >> height).CopyTo(result);
        return Hash.Wrap(result);
    }

    private TileNodes Read(TilePath path)
    {
        if (_cache.TryGetValue(path, out TileNodes? cached))
        {
            return cached;
        }

        ReadOnlyMemory<byte>? content = _readTile(path);
        if (content is null && path.IsPartial)
        {
            content = _readTile(path.Full);
        }

        if (content is not { } tile)
        {
            throw new LogVerificationException($"{path}: tile is missing") { Path = path };
        }

        // A full tile read in place of a partial one is truncated to the partial width.
        int expected = path.Width * Hash.Size;
        if (tile.Length != expected && !(path.IsPartial && tile.Length == TilePath.FullWidth * Hash.Size))
        {
            throw new LogVerificationException($"{path}: tile is {tile.Length} bytes, want {expected}") { Path = path };
        }

        var nodes = new TileNodes(tile[..expected]);
        _cache[path] = nodes;
        return nodes;
    }

    // The hashes of one tile and the nodes above them inside it (heights 1–7), each hashed on first
    // use and kept, so a source that serves many proofs hashes each node once: an inclusion proof
    // from warm tiles costs lookups, not the up to 2 × 255 node hashes of recomputing its siblings
    // (RFC 9162 §2.1.1: MTH(D[n]) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n]))).
    private sealed class TileNodes(ReadOnlyMemory<byte> hashes)
    {
        // Height h ≥ 1 holds 256 >> h nodes, stored after those of the heights below it.
        private const int Slots = (TilePath.FullWidth / 2) + (TilePath.FullWidth / 4) + 32 + 16 + 8 + 4 + 2;
        private readonly byte[] _nodes = new byte[Slots * Hash.Size];
        private readonly bool[] _known = new bool[Slots];

        // Node `index` at `height` covers hashes [index·2^height, (index+1)·2^height) of the tile;
        // TileHashing.Locate only asks for nodes that lie inside the tile's width.
        public ReadOnlySpan<byte> Node(int height, int index)
        {
            if (height == 0)
            {
                return hashes.Span.Slice(index * Hash.Size, Hash.Size);
            }

            int slot = TilePath.FullWidth - (TilePath.FullWidth >> (height - 1)) + index;
            Span<byte> node = _nodes.AsSpan(slot * Hash.Size, Hash.Size);
            if (!_known[slot])
            {
                Merkle.HashChildren(Node(height - 1, 2 * index), Node(height - 1, (2 * index) + 1), node);
                _known[slot] = true;
            }

            return node;
        }
    }

    private sealed class Recorder(long treeSize) : IHashSource
    {
        public HashSet<TilePath> Paths { get; } = [];

        public Hash GetNode(int level, long index)
        {
            Paths.Add(TileHashing.Locate(level, index, treeSize).Tile);
            return default;
        }
    }
}
