using OwnersVote.Ledger.Sequencing;

namespace OwnersVote.Ledger;

/// <summary>
/// Checks what <see cref="TileLogVerifier"/> does not read in a log directory: that every file is
/// one a log holds, that the partial tiles of earlier sizes (kept for clients holding older
/// checkpoints) agree with the verified tree, and that the sequencer's journal is intact and
/// already part of the tree. With both, a change to any byte of the directory is detected.
/// </summary>
public static class LogDirectory
{
    /// <summary>Checks the directory of a log already verified at <paramref name="treeSize"/>.</summary>
    /// <exception cref="LogVerificationException">The first problem found, naming the file.</exception>
    public static async Task CheckFilesAsync(string root, long treeSize, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        var store = new FileTileStore(root);
        string full = Path.GetFullPath(root);
        // Each earlier partial tile is compared with its tile at the current size; read that once.
        var currentTiles = new Dictionary<TilePath, byte[]>();
        foreach (string file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string relative = Path.GetRelativePath(full, file).Replace(Path.DirectorySeparatorChar, '/');
            if (relative == LogAuditor.CheckpointPath || relative.StartsWith(LogJournal.DirectoryName + "/", StringComparison.Ordinal))
            {
                continue;
            }

            if (!TilePath.TryParse(relative, out TilePath tile))
            {
                throw new LogVerificationException($"{relative}: not a file of a tiled log");
            }

            await CheckEarlierTileAsync(store, currentTiles, relative, tile, treeSize, cancellationToken).ConfigureAwait(false);
        }

        CheckJournal(full, treeSize);
    }

    private static async Task CheckEarlierTileAsync(ITileStore store, Dictionary<TilePath, byte[]> currentTiles, string relative, TilePath tile, long treeSize, CancellationToken cancellationToken)
    {
        // c2sp.org/tlog-tiles: the level-L tile N of a tree of size s has
        // min(256, floor(s / 256**L) - 256·N) entries; anything wider is beyond the tree.
        long available = (tile.IsEntryBundle ? treeSize : treeSize >> (8 * tile.Level)) - (tile.Index * TilePath.FullWidth);
        int current = (int)Math.Clamp(available, 0, TilePath.FullWidth);
        if (tile.Width > current)
        {
            throw new LogVerificationException($"{relative}: beyond the checkpoint's tree size {treeSize}") { Path = tile };
        }

        if (tile.Width == current)
        {
            return; // The tile of the current tree: TileLogVerifier checked it byte for byte.
        }

        TilePath currentPath = tile.IsEntryBundle ? TilePath.ForEntries(tile.Index, current) : TilePath.ForHashes(tile.Level, tile.Index, current);
        if (!currentTiles.TryGetValue(currentPath, out byte[]? verified))
        {
            verified = await store.ReadAsync(currentPath.ToString(), cancellationToken).ConfigureAwait(false)
                ?? throw new LogVerificationException($"{currentPath}: missing") { Path = currentPath };
            currentTiles.Add(currentPath, verified);
        }

        byte[] earlier = await store.ReadAsync(relative, cancellationToken).ConfigureAwait(false)
            ?? throw new LogVerificationException($"{relative}: vanished while reading") { Path = tile };

        // A smaller tree's tile is a prefix of the larger tree's: the first W hashes, or the first
        // W length-prefixed entries of the bundle.
        int prefix = tile.IsEntryBundle ? BundlePrefixLength(verified, tile.Width) : tile.Width * Hash.Size;
        if (earlier.Length != prefix || !earlier.AsSpan().SequenceEqual(verified.AsSpan(0, prefix)))
        {
            throw new LogVerificationException($"{relative}: does not match the first {tile.Width} of {currentPath}") { Path = tile };
        }
    }

    private static int BundlePrefixLength(byte[] bundle, int entries)
    {
        int offset = 0;
        for (int i = 0; i < entries; i++)
        {
            offset += 2 + ((bundle[offset] << 8) | bundle[offset + 1]);
        }

        return offset;
    }

    private static void CheckJournal(string root, long treeSize)
    {
        (long DurableSize, IReadOnlyList<byte[]> Entries)? journal;
        try
        {
            journal = LogJournal.Inspect(root);
        }
        catch (LogStorageException e)
        {
            throw new LogVerificationException(e.Message, e);
        }

        if (journal is { } j && j.DurableSize + j.Entries.Count > treeSize)
        {
            throw new LogVerificationException(
                $"{LogJournal.DirectoryName}: holds entries up to {j.DurableSize + j.Entries.Count} beyond the checkpoint's {treeSize}; restart the appender to recover");
        }
    }
}
