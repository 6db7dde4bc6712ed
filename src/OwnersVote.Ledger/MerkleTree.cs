using System.Numerics;

namespace OwnersVote.Ledger;

/// <summary>
/// An append-only RFC 9162 Merkle tree that keeps only its right edge: the roots of the perfect
/// subtrees of the binary decomposition of its size. Append is O(log n) (amortised O(1) hashes).
/// </summary>
public sealed class MerkleTree
{
    // _edge[i] is the root of a perfect subtree; sizes strictly decrease from left to right and
    // are exactly the set bits of Size (largest first).
    private readonly List<Hash> _edge = [];
    private Hash? _root;

    /// <summary>An empty tree.</summary>
    public MerkleTree()
    {
    }

    /// <summary>The number of leaves.</summary>
    public long Size { get; private set; }

    /// <summary>The tree head MTH(D[Size]) (RFC 9162 §2.1.1).</summary>
    public Hash Root => _root ??= ComputeRoot();

    /// <summary>
    /// Resumes a tree of <paramref name="treeSize"/> leaves from the perfect-subtree hashes along
    /// its right edge, read from <paramref name="source"/>.
    /// </summary>
    public static MerkleTree FromHashSource(long treeSize, IHashSource source)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        ArgumentNullException.ThrowIfNull(source);
        var tree = new MerkleTree { Size = treeSize };
        long start = 0;
        for (int level = 62; level >= 0; level--)
        {
            if ((treeSize & (1L << level)) != 0)
            {
                tree._edge.Add(source.GetNode(level, start >> level));
                start += 1L << level;
            }
        }

        return tree;
    }

    /// <summary>Appends a leaf hash and returns its index.</summary>
    public long Append(Hash leafHash)
    {
        long index = Size;
        _edge.Add(leafHash);
        // Each trailing one bit of the old size is a perfect subtree of the new leaf's size that
        // now has a right sibling: merge them (RFC 9162 §2.1.1, k = largest power of two < n).
        int merges = BitOperations.TrailingZeroCount(~index);
        for (int i = 0; i < merges; i++)
        {
            Hash right = _edge[^1];
            Hash left = _edge[^2];
            _edge.RemoveAt(_edge.Count - 1);
            _edge[^1] = Merkle.HashChildren(left, right);
        }

        Size = index + 1;
        _root = null;
        return index;
    }

    private Hash ComputeRoot()
    {
        if (_edge.Count == 0)
        {
            return Merkle.EmptyRoot;
        }

        Hash root = _edge[^1];
        for (int i = _edge.Count - 2; i >= 0; i--)
        {
            root = Merkle.HashChildren(_edge[i], root);
        }

        return root;
    }
}
