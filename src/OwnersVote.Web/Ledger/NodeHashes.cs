using OwnersVote.Ledger;

namespace OwnersVote.Web.Ledger;

/// <summary>
/// Every perfect-subtree hash of the log, in memory (the hashes c2sp.org/tlog-tiles hash tiles
/// store, at every level), so an inclusion proof for a receipt is read from memory instead of
/// loading tiles from disk and rehashing inside them. About 64 bytes per entry. Not thread-safe:
/// <see cref="EventLog"/> appends under its projection gate and reads under a lock.
/// </summary>
internal sealed class NodeHashes : IHashSource
{
    // _levels[l] holds node (l, i) at bytes [32·i, 32·i + 32); _counts[l] nodes are complete.
    private readonly List<byte[]> _levels = [];
    private readonly List<long> _counts = [];

    /// <summary>The number of leaves.</summary>
    public long Size => _counts.Count == 0 ? 0 : _counts[0];

    /// <summary>Appends the next leaf hash and every perfect subtree it completes (RFC 9162 §2.1.1).</summary>
    public void Append(Hash leafHash)
    {
        Span<byte> node = stackalloc byte[Hash.Size];
        leafHash.Bytes.CopyTo(node);
        int level = 0;
        while (true)
        {
            long index = Add(level, node);
            if ((index & 1) == 0)
            {
                return;
            }

            // A right child: its parent, node (level + 1, index / 2), is now complete.
            Hash parent = Merkle.HashChildren(Node(level, index - 1), Node(level, index));
            parent.Bytes.CopyTo(node);
            level++;
        }
    }

    /// <inheritdoc />
    public Hash GetNode(int level, long index)
    {
        if (level >= _counts.Count || index < 0 || index >= _counts[level])
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Node ({level}, {index}) is not a complete subtree of the {Size} leaves held.");
        }

        return Node(level, index);
    }

    private Hash Node(int level, long index) => Hash.FromBytes(_levels[level].AsSpan(checked((int)(index * Hash.Size)), Hash.Size));

    private long Add(int level, ReadOnlySpan<byte> node)
    {
        if (level == _levels.Count)
        {
            _levels.Add(new byte[Hash.Size * 64]);
            _counts.Add(0);
        }

        long index = _counts[level];
        int offset = checked((int)(index * Hash.Size));
        if (offset + Hash.Size > _levels[level].Length)
        {
            byte[] grown = new byte[checked(_levels[level].Length * 2)];
            _levels[level].CopyTo(grown, 0);
            _levels[level] = grown;
        }

        node.CopyTo(_levels[level].AsSpan(offset));
        _counts[level] = index + 1;
        return index;
    }
}
