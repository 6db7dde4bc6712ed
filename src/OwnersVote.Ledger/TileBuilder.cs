using System.Buffers.Binary;

namespace OwnersVote.Ledger;

/// <summary>
/// Grows a c2sp.org/tlog-tiles log: appends entries and yields every hash tile (all levels, full
/// and partial) and entry bundle that changed, to be written before a checkpoint for the new size
/// is published. It keeps only the rightmost (partial) tile of each level and the partial bundle
/// in memory, so it can resume from a store at any size.
/// </summary>
public sealed class TileBuilder
{
    private const int TileBytes = TilePath.FullWidth * Hash.Size;

    // _levels[L] holds the first _counts[L] hashes of the rightmost level-L tile: hashes at tree
    // level 8·L. A level-L tile that fills up is emitted and its root becomes the next hash at
    // level L + 1 ("each hash in a tile is the Merkle Tree Hash of a full tile at the level below").
    private readonly byte[][] _levels = new byte[TilePath.MaxLevel + 1][];
    private readonly int[] _counts = new int[TilePath.MaxLevel + 1];
    private readonly bool[] _dirty = new bool[TilePath.MaxLevel + 1];
    private readonly List<Tile> _pending = [];
    private byte[] _bundle = new byte[4096];
    private int _bundleLength;
    private int _bundleCount;
    private bool _bundleDirty;
    private Hash? _root;

    /// <summary>A builder for an empty log.</summary>
    public TileBuilder()
    {
        for (int level = 0; level < _levels.Length; level++)
        {
            _levels[level] = new byte[TileBytes];
        }
    }

    /// <summary>The number of entries appended so far, including those of the loaded log.</summary>
    public long TreeSize { get; private set; }

    /// <summary>The root of the tree of <see cref="TreeSize"/> entries (RFC 9162 §2.1.1 MTH).</summary>
    public Hash Root => _root ??= Merkle.TreeRoot(TreeSize, new TileHashSource(TreeSize, ReadPartialTile));

    /// <summary>
    /// Resumes a log of <paramref name="treeSize"/> entries from <paramref name="store"/>, reading
    /// its rightmost partial tile at each level and its partial entry bundle.
    /// </summary>
    /// <exception cref="LogVerificationException">A partial tile or bundle is missing or malformed.</exception>
    public static async Task<TileBuilder> LoadAsync(ITileStore store, long treeSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        var builder = new TileBuilder { TreeSize = treeSize };
        for (int level = 0; level <= TilePath.MaxLevel; level++)
        {
            // c2sp.org/tlog-tiles: "The partial tile at level l for a tree of size s has
            // floor(s / 256**l) mod 256 entries."
            long hashes = treeSize >> (8 * level);
            int width = (int)(hashes % TilePath.FullWidth);
            if (width == 0)
            {
                continue;
            }

            TilePath path = TilePath.ForHashes(level, hashes / TilePath.FullWidth, width);
            byte[] tile = await ReadRequiredAsync(store, path, cancellationToken).ConfigureAwait(false);
            if (tile.Length != width * Hash.Size)
            {
                throw new LogVerificationException($"{path}: tile is {tile.Length} bytes, want {width * Hash.Size}") { Path = path };
            }

            tile.CopyTo(builder._levels[level], 0);
            builder._counts[level] = width;
        }

        int entries = (int)(treeSize % TilePath.FullWidth);
        if (entries > 0)
        {
            TilePath path = TilePath.ForEntries(treeSize / TilePath.FullWidth, entries);
            byte[] bundle = await ReadRequiredAsync(store, path, cancellationToken).ConfigureAwait(false);
            try
            {
                EntryBundle.Decode(bundle, entries);
            }
            catch (FormatException e)
            {
                throw new LogVerificationException($"{path}: {e.Message}", e) { Path = path };
            }

            builder.EnsureBundleCapacity(bundle.Length);
            bundle.CopyTo(builder._bundle, 0);
            builder._bundleLength = bundle.Length;
            builder._bundleCount = entries;
        }

        return builder;
    }

    /// <summary>Appends an entry and returns its index.</summary>
    /// <exception cref="ArgumentException">The entry is longer than 65,535 bytes.</exception>
    /// <exception cref="InvalidOperationException">The log is full (2^63 - 1 entries).</exception>
    public long Append(ReadOnlySpan<byte> entry) => Append(entry, out _);

    /// <summary>Appends an entry and returns its index and its RFC 9162 §2.1.1 leaf hash.</summary>
    /// <exception cref="ArgumentException">The entry is longer than 65,535 bytes.</exception>
    /// <exception cref="InvalidOperationException">The log is full (2^63 - 1 entries).</exception>
    public long Append(ReadOnlySpan<byte> entry, out Hash leafHash)
    {
        EntryBundle.CheckEntrySize(entry.Length);
        if (TreeSize == long.MaxValue)
        {
            throw new InvalidOperationException("The log holds the maximum number of entries.");
        }

        long index = TreeSize;
        // c2sp.org/tlog-tiles: "Entry bundles are sequences of big-endian uint16 length-prefixed
        // log entries."
        EnsureBundleCapacity(_bundleLength + 2 + entry.Length);
        BinaryPrimitives.WriteUInt16BigEndian(_bundle.AsSpan(_bundleLength), (ushort)entry.Length);
        entry.CopyTo(_bundle.AsSpan(_bundleLength + 2));
        _bundleLength += 2 + entry.Length;
        _bundleCount++;
        _bundleDirty = true;
        if (_bundleCount == TilePath.FullWidth)
        {
            _pending.Add(new Tile(TilePath.ForEntries(index / TilePath.FullWidth), _bundle.AsSpan(0, _bundleLength).ToArray()));
            _bundleLength = 0;
            _bundleCount = 0;
        }

        // "Each entry in a bundle hashes to the corresponding entry in the corresponding level 0
        // Merkle Tree tile" (RFC 6962 §2.1 leaf hash).
        Span<byte> leaf = _levels[0].AsSpan(_counts[0] * Hash.Size, Hash.Size);
        Merkle.HashLeaf(entry, leaf);
        leafHash = Hash.FromBytes(leaf);
        AddedHash(0, TreeSize);
        TreeSize = index + 1;
        _root = null;
        return index;
    }

    /// <summary>
    /// The tiles and bundles that changed since the last call (or since loading): every full tile
    /// completed meanwhile and the current partial tile of each level that grew, lowest level
    /// first, each full tile before the partial ones. Write them all before publishing a
    /// checkpoint of <see cref="TreeSize"/>.
    /// </summary>
    public IReadOnlyList<Tile> TakeChangedTiles()
    {
        var tiles = new List<Tile>(_pending);
        _pending.Clear();
        if (_bundleDirty && _bundleCount > 0)
        {
            tiles.Add(new Tile(TilePath.ForEntries(TreeSize / TilePath.FullWidth, _bundleCount), _bundle.AsSpan(0, _bundleLength).ToArray()));
        }

        _bundleDirty = false;
        for (int level = 0; level < _levels.Length; level++)
        {
            if (_dirty[level] && _counts[level] > 0)
            {
                long hashes = TreeSize >> (8 * level);
                tiles.Add(new Tile(TilePath.ForHashes(level, hashes / TilePath.FullWidth, _counts[level]), _levels[level].AsSpan(0, _counts[level] * Hash.Size).ToArray()));
            }

            _dirty[level] = false;
        }

        return tiles;
    }

    /// <summary>
    /// Writes <see cref="TakeChangedTiles"/> to <paramref name="store"/>, concurrently; returns how
    /// many were written. If a write fails, the builder is ahead of the store: discard it and
    /// <see cref="LoadAsync"/> again at the last published size (rewriting identical full tiles
    /// is a no-op, so the retry is safe).
    /// </summary>
    public async Task<int> WriteChangedTilesAsync(ITileStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        IReadOnlyList<Tile> tiles = TakeChangedTiles();
        await Task.WhenAll(tiles.Select(t => store.WriteAsync(t.Path.ToString(), t.Content, cancellationToken))).ConfigureAwait(false);
        return tiles.Count;
    }

    // A hash was written at slot _counts[level] of the level's rightmost tile; oldSize is the tree
    // size before the entry that caused it.
    private void AddedHash(int level, long oldSize)
    {
        _dirty[level] = true;
        if (++_counts[level] < TilePath.FullWidth)
        {
            return;
        }

        long tileIndex = (oldSize >> (8 * level)) / TilePath.FullWidth;
        _pending.Add(new Tile(TilePath.ForHashes(level, tileIndex), _levels[level].ToArray()));
        _counts[level] = 0;
        // A full tile at the top level of a long-sized tree cannot happen (2^64 leaves).
        TileHashing.PerfectRoot(_levels[level], TilePath.FullWidth, _levels[level + 1].AsSpan(_counts[level + 1] * Hash.Size, Hash.Size));
        AddedHash(level + 1, oldSize);
    }

    private ReadOnlyMemory<byte>? ReadPartialTile(TilePath path)
    {
        // The root needs only the right edge, which lies in the rightmost tile of each level.
        long hashes = TreeSize >> (8 * path.Level);
        return !path.IsEntryBundle && path.Index == hashes / TilePath.FullWidth && path.Width == _counts[path.Level]
            ? _levels[path.Level].AsMemory(0, _counts[path.Level] * Hash.Size)
            : (ReadOnlyMemory<byte>?)null;
    }

    private void EnsureBundleCapacity(int length)
    {
        if (length > _bundle.Length)
        {
            Array.Resize(ref _bundle, Math.Max(length, _bundle.Length * 2));
        }
    }

    private static async Task<byte[]> ReadRequiredAsync(ITileStore store, TilePath path, CancellationToken cancellationToken) =>
        await store.ReadAsync(path.ToString(), cancellationToken).ConfigureAwait(false)
            ?? throw new LogVerificationException($"{path}: missing from the store") { Path = path };
}
