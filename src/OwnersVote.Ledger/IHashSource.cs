namespace OwnersVote.Ledger;

/// <summary>
/// Serves the hashes of perfect subtrees: node (<c>level</c>, <c>index</c>) is the root of the
/// 2^level leaves starting at leaf index·2^level. These are the hashes that c2sp.org/tlog-tiles
/// hash tiles store.
/// </summary>
public interface IHashSource
{
    /// <summary>The hash of the perfect subtree of 2^<paramref name="level"/> leaves starting at leaf <paramref name="index"/>·2^<paramref name="level"/>.</summary>
    public Hash GetNode(int level, long index);
}
