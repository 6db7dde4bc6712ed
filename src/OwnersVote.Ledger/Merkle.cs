using System.Buffers;
using System.Numerics;
using System.Security.Cryptography;

namespace OwnersVote.Ledger;

/// <summary>RFC 9162 §2.1 Merkle tree hashing (identical to RFC 6962 §2.1).</summary>
public static class Merkle
{
    private static readonly Hash s_emptyRoot = Hash.Sha256([]);

    /// <summary>The root of the empty tree: MTH({}) = SHA-256() (RFC 9162 §2.1.1).</summary>
    public static Hash EmptyRoot => s_emptyRoot;

    /// <summary>The leaf hash of an entry: SHA-256(0x00 ‖ entry) (RFC 9162 §2.1.1).</summary>
    public static Hash HashLeaf(ReadOnlySpan<byte> entry)
    {
        byte[] result = new byte[Hash.Size];
        HashLeaf(entry, result);
        return Hash.Wrap(result);
    }

    /// <summary>The hash of an interior node: SHA-256(0x01 ‖ left ‖ right) (RFC 9162 §2.1.1).</summary>
    public static Hash HashChildren(Hash left, Hash right)
    {
        byte[] result = new byte[Hash.Size];
        HashChildren(left.Bytes, right.Bytes, result);
        return Hash.Wrap(result);
    }

    /// <summary>The root of a tree whose leaf hashes are given, in order (RFC 9162 §2.1.1 MTH).</summary>
    public static Hash Root(IReadOnlyList<Hash> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        var tree = new MerkleTree();
        for (int i = 0; i < leafHashes.Count; i++)
        {
            tree.Append(leafHashes[i]);
        }

        return tree.Root;
    }

    /// <summary>
    /// The root of the tree of <paramref name="treeSize"/> leaves, composed from the perfect subtrees
    /// that <paramref name="source"/> serves: the subtrees of the binary decomposition of the size,
    /// largest (leftmost) first, hashed together from the right.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The size is negative.</exception>
    public static Hash TreeRoot(long treeSize, IHashSource source)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        ArgumentNullException.ThrowIfNull(source);
        if (treeSize == 0)
        {
            return EmptyRoot;
        }

        Hash? root = null;
        // The lowest set bit is the rightmost (smallest) perfect subtree.
        long remaining = treeSize;
        while (remaining != 0)
        {
            int level = BitOperations.TrailingZeroCount(remaining);
            long start = remaining - (1L << level);
            Hash node = source.GetNode(level, start >> level);
            root = root is { } right ? HashChildren(node, right) : node;
            remaining = start;
        }

        return root!.Value;
    }

    /// <summary>The hash of the subtree of leaves [start, end) as RFC 9162 §2.1.1 MTH defines it.</summary>
    internal static Hash SubtreeHash(long start, long end, IHashSource source)
    {
        long count = end - start;
        if (BitOperations.IsPow2(count) && start % count == 0)
        {
            int level = BitOperations.Log2((ulong)count);
            return source.GetNode(level, start >> level);
        }

        // RFC 9162 §2.1.1: k is the largest power of two smaller than n.
        long k = LargestPowerOfTwoBelow(count);
        return HashChildren(SubtreeHash(start, start + k, source), SubtreeHash(start + k, end, source));
    }

    /// <summary>The largest power of two strictly smaller than <paramref name="n"/> (n &gt; 1).</summary>
    internal static long LargestPowerOfTwoBelow(long n) => 1L << BitOperations.Log2((ulong)(n - 1));

    internal static void HashLeaf(ReadOnlySpan<byte> entry, Span<byte> destination)
    {
        // RFC 9162 §2.1.1: MTH({d(0)}) = HASH(0x00 || d(0)).
        if (entry.Length <= 1024)
        {
            Span<byte> buffer = stackalloc byte[entry.Length + 1];
            buffer[0] = 0x00;
            entry.CopyTo(buffer[1..]);
            SHA256.HashData(buffer, destination);
        }
        else
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(entry.Length + 1);
            buffer[0] = 0x00;
            entry.CopyTo(buffer.AsSpan(1));
            SHA256.HashData(buffer.AsSpan(0, entry.Length + 1), destination);
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal static void HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        // RFC 9162 §2.1.1: MTH(D[n]) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n])).
        Span<byte> buffer = stackalloc byte[1 + (2 * Hash.Size)];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Hash.Size)..]);
        SHA256.HashData(buffer, destination);
    }
}
