namespace OwnersVote.Ledger.Tests;

/// <summary>
/// Every node of a tree, computed level by level with the naive MTH of RFC 9162 §2.1.1 written
/// out in <see cref="NaiveMth"/>, independent of the library's incremental code.
/// </summary>
internal sealed class TreeFixture : IHashSource
{
    private readonly List<Hash[]> _levels = [];

    public TreeFixture(IReadOnlyList<Hash> leaves)
    {
        Leaves = leaves;
        Hash[] level = [.. leaves];
        while (level.Length > 0)
        {
            _levels.Add(level);
            var next = new Hash[level.Length / 2];
            for (int i = 0; i < next.Length; i++)
            {
                next[i] = Merkle.HashChildren(level[2 * i], level[(2 * i) + 1]);
            }

            level = next;
        }
    }

    public IReadOnlyList<Hash> Leaves { get; }

    public static TreeFixture WithEntries(int size) =>
        new([.. Enumerable.Range(0, size).Select(i => Merkle.HashLeaf(Entry(i)))]);

    /// <summary>The test log's entry <paramref name="index"/>: varied lengths, including empty.</summary>
    public static byte[] Entry(long index) =>
        index % 97 == 3 ? [] : System.Text.Encoding.UTF8.GetBytes($"entry {index}" + new string('x', (int)(index % 41)));

    public Hash GetNode(int level, long index) => _levels[level][index];

    /// <summary>RFC 9162 §2.1.1, literally: MTH({}) = HASH(), MTH({d}) = leaf, else split at the largest power of two k &lt; n.</summary>
    public static Hash NaiveMth(IReadOnlyList<Hash> leaves, int start, int end)
    {
        int n = end - start;
        if (n == 0)
        {
            return Hash.Sha256([]);
        }

        if (n == 1)
        {
            return leaves[start];
        }

        int k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        byte[] buffer = [0x01, .. NaiveMth(leaves, start, start + k).Bytes, .. NaiveMth(leaves, start + k, end).Bytes];
        return Hash.Sha256(buffer);
    }
}
