namespace OwnersVote.Ledger;

/// <summary>
/// Reads a whole c2sp.org/tlog-tiles log back from a store and checks it: every entry bundle is
/// well formed, every hash tile of every level is byte for byte what the entries hash to, and the
/// tree hashes to the expected root. Each entry is hashed once and each tile's root once (about
/// two SHA-256 per entry), with no allocation per hash.
/// </summary>
public static class TileLogVerifier
{
    private const int TileBytes = TilePath.FullWidth * Hash.Size;

    /// <summary>Verifies the log of <paramref name="treeSize"/> entries against <paramref name="expectedRoot"/> and returns its entries in order.</summary>
    /// <exception cref="LogVerificationException">The first problem found, naming the path and what is wrong.</exception>
    public static async Task<IReadOnlyList<byte[]>> VerifyAsync(ITileStore store, long treeSize, Hash expectedRoot, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(treeSize, int.MaxValue);
        var entries = new List<byte[]>((int)treeSize);
        await VerifyAsync(store, treeSize, expectedRoot, (_, entry) => entries.Add(entry.ToArray()), cancellationToken).ConfigureAwait(false);
        return entries;
    }

    /// <summary>
    /// Verifies the log of <paramref name="treeSize"/> entries against
    /// <paramref name="expectedRoot"/>, passing each entry (index, bytes) to
    /// <paramref name="onEntry"/> as soon as its bundle matches its level-0 tile. Entries are
    /// only trustworthy once the method returns: the root is checked last.
    /// </summary>
    /// <exception cref="LogVerificationException">The first problem found, naming the path and what is wrong.</exception>
    public static async Task VerifyAsync(ITileStore store, long treeSize, Hash expectedRoot, Action<long, ReadOnlyMemory<byte>> onEntry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(onEntry);
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);

        // computed[L] collects the hashes at tree level 8·L recomputed from below, for the level-L
        // tile being assembled; stored[L] is the last level-L tile read, for the final root.
        var computed = new byte[TilePath.MaxLevel + 1][];
        var counts = new int[TilePath.MaxLevel + 1];
        var stored = new Dictionary<TilePath, ReadOnlyMemory<byte>>();
        for (int level = 0; level < computed.Length; level++)
        {
            computed[level] = new byte[TileBytes];
        }

        long bundles = (treeSize + TilePath.FullWidth - 1) / TilePath.FullWidth;
        for (long n = 0; n < bundles; n++)
        {
            int width = (int)Math.Min(TilePath.FullWidth, treeSize - (n * TilePath.FullWidth));
            TilePath bundlePath = TilePath.ForEntries(n, width);
            (TilePath readPath, byte[] bundle) = await ReadAsync(store, bundlePath, cancellationToken).ConfigureAwait(false);
            ReadOnlyMemory<byte>[] entries;
            try
            {
                entries = EntryBundle.Decode(bundle, readPath.Width);
            }
            catch (FormatException e)
            {
                throw Fail(readPath, e.Message, e);
            }

            bundlePath = readPath;

            for (int i = 0; i < width; i++)
            {
                Merkle.HashLeaf(entries[i].Span, computed[0].AsSpan(i * Hash.Size, Hash.Size));
            }

            counts[0] = width;
            TilePath tilePath = TilePath.ForHashes(0, n, width);
            byte[] tile = await CompareAsync(store, tilePath, computed[0], i => $"does not match entry {i} of {bundlePath}", cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < width; i++)
            {
                onEntry((n * TilePath.FullWidth) + i, entries[i]);
            }

            if (width == TilePath.FullWidth)
            {
                await CompletedAsync(store, computed, counts, 0, n, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                stored[tilePath] = tile;
            }
        }

        // The rightmost, partial tile of each higher level: "The partial tile at level l for a
        // tree of size s has floor(s / 256**l) mod 256 entries" (c2sp.org/tlog-tiles).
        for (int level = 1; level <= TilePath.MaxLevel; level++)
        {
            long hashes = treeSize >> (8 * level);
            int width = (int)(hashes % TilePath.FullWidth);
            if (width == 0)
            {
                continue;
            }

            if (counts[level] != width)
            {
                throw new InvalidOperationException($"Level {level} assembled {counts[level]} hashes, want {width}.");
            }

            TilePath path = TilePath.ForHashes(level, hashes / TilePath.FullWidth, width);
            int lower = level - 1;
            long first = path.Index * TilePath.FullWidth;
            stored[path] = await CompareAsync(store, path, computed[level], i => $"does not match the root of {TilePath.ForHashes(lower, first + i)}", cancellationToken).ConfigureAwait(false);
        }

        // The tree head from the right edge, which lies in those partial tiles.
        var source = new TileHashSource(treeSize, path => stored.TryGetValue(path, out ReadOnlyMemory<byte> t) ? t : (ReadOnlyMemory<byte>?)null);
        Hash root = Merkle.TreeRoot(treeSize, source);
        if (root != expectedRoot)
        {
            throw new LogVerificationException($"tree of {treeSize} entries has root {root.ToBase64()}, want {expectedRoot.ToBase64()}");
        }
    }

    // The level-L tile at index n was completed (256 hashes matched the store): its root is the
    // next hash of level L + 1, whose tile is compared when it fills up in turn.
    private static async Task CompletedAsync(ITileStore store, byte[][] computed, int[] counts, int level, long n, CancellationToken cancellationToken)
    {
        while (true)
        {
            int next = level + 1;
            TileHashing.PerfectRoot(computed[level], TilePath.FullWidth, computed[next].AsSpan(counts[next] * Hash.Size, Hash.Size));
            counts[level] = 0;
            if (++counts[next] < TilePath.FullWidth)
            {
                return;
            }

            int lower = level;
            long first = n / TilePath.FullWidth * TilePath.FullWidth;
            TilePath upper = TilePath.ForHashes(next, n / TilePath.FullWidth);
            await CompareAsync(store, upper, computed[next], i => $"does not match the root of {TilePath.ForHashes(lower, first + i)}", cancellationToken).ConfigureAwait(false);
            level = next;
            n /= TilePath.FullWidth;
        }
    }

    // Reads a hash tile and checks it against the recomputed hashes; `what(i)` completes
    // "hash i ..." for the first mismatch.
    private static async Task<byte[]> CompareAsync(ITileStore store, TilePath path, byte[] expected, Func<int, string> what, CancellationToken cancellationToken)
    {
        (TilePath readPath, byte[] tile) = await ReadAsync(store, path, cancellationToken).ConfigureAwait(false);
        if (tile.Length != readPath.Width * Hash.Size)
        {
            throw Fail(readPath, $"tile is {tile.Length} bytes, want {readPath.Width * Hash.Size} ({readPath.Width} hashes)");
        }

        // Only the hashes of the tree being verified are checked; a full tile read in place of
        // a partial one holds later hashes too.
        int length = path.Width * Hash.Size;
        if (!tile.AsSpan(0, length).SequenceEqual(expected.AsSpan(0, length)))
        {
            for (int i = 0; i < path.Width; i++)
            {
                if (!tile.AsSpan(i * Hash.Size, Hash.Size).SequenceEqual(expected.AsSpan(i * Hash.Size, Hash.Size)))
                {
                    throw Fail(readPath, $"hash {i} {what(i)}");
                }
            }
        }

        return tile[..length];
    }

    // c2sp.org/tlog-tiles: a log "MAY delete any partial tile once the corresponding full tile is
    // ... available", so a missing partial tile or bundle is read from its full successor.
    private static async Task<(TilePath Path, byte[] Content)> ReadAsync(ITileStore store, TilePath path, CancellationToken cancellationToken)
    {
        byte[]? content = await store.ReadAsync(path.ToString(), cancellationToken).ConfigureAwait(false);
        if (content is not null)
        {
            return (path, content);
        }

        if (path.IsPartial && await store.ReadAsync(path.Full.ToString(), cancellationToken).ConfigureAwait(false) is { } full)
        {
            return (path.Full, full);
        }

        throw Fail(path, "missing from the store");
    }

    private static LogVerificationException Fail(TilePath path, string reason, Exception? inner = null) =>
        inner is null
            ? new LogVerificationException($"{path}: {reason}") { Path = path }
            : new LogVerificationException($"{path}: {reason}", inner) { Path = path };
}
