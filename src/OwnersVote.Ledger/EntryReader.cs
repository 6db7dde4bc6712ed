namespace OwnersVote.Ledger;

/// <summary>
/// Reads one entry of a tiled log back from its entry bundle (c2sp.org/tlog-tiles
/// <c>tile/entries/&lt;N&gt;[.p/&lt;W&gt;]</c>), as a receipt or an auditor needs it.
/// </summary>
public static class EntryReader
{
    /// <summary>
    /// The entry at <paramref name="index"/> of a tree of <paramref name="treeSize"/> entries, or
    /// null when neither the bundle of that size nor its full successor is stored.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not below the tree size.</exception>
    /// <exception cref="FormatException">The stored bundle is not a valid bundle of that width.</exception>
    public static async Task<byte[]?> ReadAsync(ITileStore store, long index, long treeSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, treeSize);
        long n = index / TilePath.FullWidth;
        int width = (int)Math.Min(TilePath.FullWidth, treeSize - (n * TilePath.FullWidth));
        // c2sp.org/tlog-tiles: a log "MAY delete any partial tile once the corresponding full tile
        // is ... available", so the full bundle is tried first and the partial one second.
        TilePath full = TilePath.ForEntries(n);
        if (await store.ReadAsync(full.ToString(), cancellationToken).ConfigureAwait(false) is { } fullBundle)
        {
            return EntryBundle.Decode(fullBundle, TilePath.FullWidth)[(int)(index - (n * TilePath.FullWidth))].ToArray();
        }

        if (width == TilePath.FullWidth
            || await store.ReadAsync(TilePath.ForEntries(n, width).ToString(), cancellationToken).ConfigureAwait(false) is not { } partial)
        {
            return null;
        }

        return EntryBundle.Decode(partial, width)[(int)(index - (n * TilePath.FullWidth))].ToArray();
    }
}
