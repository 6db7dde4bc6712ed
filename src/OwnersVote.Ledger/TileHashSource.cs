namespace OwnersVote.Ledger;

/// <summary>
/// Serves the node hashes of a tree of a given size from its c2sp.org/tlog-tiles hash tiles,
/// hashing up to 7 levels inside a tile for nodes between tile levels, so that roots and proofs
/// can be computed from tiles alone.
/// </summary>
public sealed class TileHashSource : IHashSource
{
    private readonly Func<TilePath, ReadOnlyMemory<byte>?> _readTile;
    private readonly Dictionary<TilePath, ReadOnlyMemory<byte>> _cache = [];

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
        ReadOnlySpan<byte> tile = Read(path).Span;
        byte[] result = new byte[Hash.Size];
        TileHashing.PerfectRoot(tile.Slice(first * Hash.Size, count * Hash.Size), count, result);
        return Hash.Wrap(result);
    }

    private ReadOnlyMemory<byte> Read(TilePath path)
    {
        if (_cache.TryGetValue(path, out ReadOnlyMemory<byte> cached))
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

        tile = tile[..expected];
        _cache[path] = tile;
        return tile;
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
