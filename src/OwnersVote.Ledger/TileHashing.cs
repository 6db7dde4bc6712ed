namespace OwnersVote.Ledger;

/// <summary>Hashing inside a tile without per-hash allocations.</summary>
internal static class TileHashing
{
    /// <summary>
    /// The Merkle root of <paramref name="count"/> consecutive 32-byte hashes (count a power of
    /// two, at most 256): the node 8 levels (or log2 count levels) above them (RFC 9162 §2.1.1).
    /// </summary>
    public static void PerfectRoot(ReadOnlySpan<byte> hashes, int count, Span<byte> destination)
    {
        if (count == 1)
        {
            hashes[..Hash.Size].CopyTo(destination);
            return;
        }

        Span<byte> scratch = stackalloc byte[count / 2 * Hash.Size];
        for (int i = 0; i < count / 2; i++)
        {
            Merkle.HashChildren(hashes.Slice(2 * i * Hash.Size, Hash.Size), hashes.Slice(((2 * i) + 1) * Hash.Size, Hash.Size), scratch.Slice(i * Hash.Size, Hash.Size));
        }

        // Each pass halves the run in place: slot i is written after slots 2i and 2i+1 are read.
        for (int width = count / 2; width > 1; width /= 2)
        {
            for (int i = 0; i < width / 2; i++)
            {
                Merkle.HashChildren(scratch.Slice(2 * i * Hash.Size, Hash.Size), scratch.Slice(((2 * i) + 1) * Hash.Size, Hash.Size), scratch.Slice(i * Hash.Size, Hash.Size));
            }
        }

        scratch[..Hash.Size].CopyTo(destination);
    }

    /// <summary>
    /// The hash tile that holds what node (<paramref name="level"/>, <paramref name="index"/>) is
    /// made of in a tree of <paramref name="treeSize"/> leaves, and the node's first hash position
    /// and hash count inside that tile.
    /// </summary>
    public static (TilePath Tile, int First, int Count) Locate(int level, long index, long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        // The node covers leaves [index·2^level, (index+1)·2^level), which must be in the tree.
        if (level > 62 || index >= (treeSize >> level))
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Node ({level}, {index}) is not a complete subtree of a tree of {treeSize} leaves.");
        }

        // c2sp.org/tlog-tiles: the level-L tile hashes are at tree level 8·L; the levels between
        // "are reconstructed by hashing the leaves".
        int tileLevel = level / 8;
        int height = level % 8;
        long first = index << height;
        long tileIndex = first >> 8;
        long available = treeSize >> (8 * tileLevel);
        int width = (int)Math.Min(TilePath.FullWidth, available - (tileIndex * TilePath.FullWidth));
        return (TilePath.ForHashes(tileLevel, tileIndex, width), (int)(first & 0xff), 1 << height);
    }
}
