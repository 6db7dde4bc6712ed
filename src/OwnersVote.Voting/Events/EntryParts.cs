namespace OwnersVote.Voting.Events;

/// <summary>
/// An event too large for one log entry (c2sp.org/tlog-tiles: at most 65,535 bytes) is logged as
/// parts 1 to n, each with a run of its items: a roll's units (<see cref="RollFrozen.Split"/>), a
/// statement's lines (<see cref="StatementPublished.Split"/>).
/// </summary>
internal static class EntryParts
{
    /// <summary>
    /// <paramref name="whole"/> as the entries to log: itself when its encoding fits in
    /// <paramref name="maxEntryBytes"/>, otherwise the fewest equal runs of its
    /// <paramref name="items"/> items that each fit, made by <paramref name="part"/> (first item,
    /// number of items, part number, number of parts); null when one item per part does not fit.
    /// </summary>
    public static IReadOnlyList<T>? Split<T>(T whole, int items, Func<int, int, int, int, T> part, int maxEntryBytes)
        where T : LedgerEvent
    {
        int size = EventCodec.Encode(whole).Length;
        if (size <= maxEntryBytes)
        {
            return [whole];
        }

        // Items are of nearly one size, so equal runs are close to the fewest; a run that still
        // does not fit means one more part. Bounded: n never exceeds the items.
        for (int parts = Math.Max(2, (int)Math.Ceiling(size / (double)maxEntryBytes)); parts <= items; parts++)
        {
            T[] split = [.. Enumerable.Range(0, parts).Select(i =>
            {
                int first = i * items / parts;
                return part(first, ((i + 1) * items / parts) - first, i + 1, parts);
            })];
            if (split.All(p => EventCodec.Encode(p).Length <= maxEntryBytes))
            {
                return split;
            }
        }

        return null;
    }
}
