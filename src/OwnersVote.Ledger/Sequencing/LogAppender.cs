using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Win32.SafeHandles;

namespace OwnersVote.Ledger.Sequencing;

/// <summary>What a caller of <see cref="LogAppender.AppendAsync"/> learns once its batch is durable.</summary>
/// <param name="Index">The entry's index in the log.</param>
/// <param name="LeafHash">RFC 9162 §2.1.1 leaf hash of the entry.</param>
/// <param name="Checkpoint">The signed checkpoint (note bytes) of the first tree that contains it.</param>
public sealed record AppendResult(long Index, Hash LeafHash, byte[] Checkpoint)
{
    /// <summary>The size of the tree <see cref="Checkpoint"/> commits to.</summary>
    public required long TreeSize { get; init; }
}

/// <summary>Bounds of the sequencer's batches and sync points.</summary>
public sealed record LogAppenderOptions
{
    /// <summary>
    /// The most entries one batch (one journal fsync) takes; a group (<see cref="LogAppender.AppendAllAsync"/>)
    /// larger than this is a batch of its own.
    /// </summary>
    public int MaxBatchSize { get; init; } = 4096;

    /// <summary>
    /// How long the sequencer waits for more entries once one is queued, while it is busy: only when
    /// the previous batch or the entries queued now number more than one, so a lone append (a quiet
    /// log, a test) is never held. Zero (the default) means natural batching: a batch takes
    /// everything that queued while the previous one was syncing.
    /// </summary>
    public TimeSpan Linger { get; init; } = TimeSpan.Zero;

    /// <summary>How often tiles are made durable and the journal restarted.</summary>
    public TimeSpan SyncInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>At most this many entries are replayed from the journal after a crash.</summary>
    public long SyncEveryEntries { get; init; } = 1 << 20;

    /// <summary>
    /// Told, once a batch is durable and before its callers are answered, how many entries it held
    /// and how long sequencing it took (journal fsync, tiles, checkpoint). For metrics: it must be
    /// quick and must not throw.
    /// </summary>
    public Action<int, TimeSpan>? BatchSequenced { get; init; }

    /// <summary>
    /// Keys that sign every checkpoint besides the appender's own, for a log-key rotation: a
    /// c2sp.org/signed-note note may carry several signatures ("A note may have multiple
    /// signatures"), so during the transition each checkpoint verifies with the old key and with
    /// the new one, and receipts on either keep verifying.
    /// </summary>
    public IReadOnlyList<INoteSigner> AdditionalSigners { get; init; } = [];

    /// <summary>
    /// How long <see cref="LogAppender.OpenAsync"/> waits for another appender of the same directory
    /// to close (a server restarting while its predecessor still finishes its shutdown sync) before
    /// it refuses to open the log.
    /// </summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// The log's sequencer: concurrent <see cref="AppendAsync"/> calls are pooled into batches; each
/// batch is journalled with one fsync, its tiles and a new signed checkpoint are written, and only
/// then is each caller answered (DESIGN.md §2 "Sequencing"). Exactly one appender may run per log
/// directory: it holds an exclusive lock on <c>journal/appender.lock</c> from open to dispose.
/// </summary>
/// <remarks>
/// Crash safety: an entry is acknowledged only after the journal record holding it is on disk.
/// Tiles and the checkpoint are derived from journalled entries, so after a crash the same entries
/// rebuild the same tiles and, Ed25519 being deterministic, the same checkpoint bytes. A batch cut
/// short by a crash was never acknowledged and never reached a tile or checkpoint.
/// </remarks>
public sealed class LogAppender : IAsyncDisposable
{
    private readonly FileTileStore _store;
    private readonly SafeFileHandle _lock;
    private readonly LogJournal _journal;
    private readonly TileBuilder _builder;
    private readonly INoteSigner _signer;
    private readonly string _origin;
    private readonly LogAppenderOptions _options;
    private readonly TimeProvider _time;
    // Entries in the last batch collected (the sequencer's loop only).
    private int _previousBatch;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _sequencer;
    private readonly List<TilePath> _completedSinceSync = [];

    // Deleting the partial tiles a sync point made redundant runs beside the sequencer (issue 10:
    // on ext4 an unlink cost ~1 ms, and a second of small batches leaves hundreds, so doing it
    // inline stalled every append for that long once a second). One deletion runs at a time; a
    // failure is a storage failure, raised by the next batch.
    private Task _cleanup = Task.CompletedTask;
    private long _lastSync;
    private long _syncedSize;
    private Exception? _fatal;
    private int _disposed;

    private LogAppender(FileTileStore store, SafeFileHandle directoryLock, LogJournal journal, TileBuilder builder, INoteSigner signer, string origin, byte[] checkpoint, LogAppenderOptions options, TimeProvider time)
    {
        _store = store;
        _lock = directoryLock;
        _journal = journal;
        _builder = builder;
        _signer = signer;
        _origin = origin;
        _options = options;
        _time = time;
        LatestCheckpoint = checkpoint;
        _lastSync = time.GetTimestamp();
        _syncedSize = journal.DurableSize;
        _sequencer = Task.Run(RunAsync);
    }

    /// <summary>The checkpoint origin line of this log.</summary>
    public string Origin => _origin;

    /// <summary>The size of the newest checkpoint.</summary>
    public long TreeSize => Volatile.Read(ref _treeSize);

    private long _treeSize;

    /// <summary>The newest signed checkpoint (note bytes), as stored at <c>checkpoint</c>.</summary>
    public byte[] LatestCheckpoint { get; private set; }

    /// <summary>The store the log's tiles are written to (reads are safe at any time).</summary>
    public FileTileStore Store => _store;

    /// <summary>
    /// Opens the log in <paramref name="directory"/> (creating an empty one), recovering from a
    /// crash: entries journalled after the last sync point are re-sequenced into tiles, a fresh
    /// checkpoint is signed, and everything is made durable before the appender accepts entries.
    /// </summary>
    /// <exception cref="LogStorageException">The stored log disagrees with itself or with the key.</exception>
    public static async Task<LogAppender> OpenAsync(
        string directory, string origin, INoteSigner signer, INoteVerifier verifier,
        LogAppenderOptions? options = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentException.ThrowIfNullOrEmpty(origin);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(verifier);
        options ??= new LogAppenderOptions();
        if (options.MaxBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxBatchSize must be at least 1.");
        }

        var store = new FileTileStore(directory, deferSync: true);
        SafeFileHandle directoryLock = await LockAsync(store.Root, options.LockTimeout, cancellationToken).ConfigureAwait(false);
        try
        {
            return await OpenLockedAsync(store, directoryLock, origin, signer, verifier, options, time, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            directoryLock.Dispose();
            throw;
        }
    }

    // Exactly one appender per directory: a second one would delete the first one's unfinished
    // writes (DeleteInterruptedWrites) and race it on journal segments. A crash frees the lock.
    private static async Task<SafeFileHandle> LockAsync(string root, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string directory = Directory.CreateDirectory(Path.Combine(root, LogJournal.DirectoryName)).FullName;
        return await FileLock.TryAcquireAsync(Path.Combine(directory, LogJournal.LockFileName), timeout, TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false)
            ?? throw new LogStorageException(
                $"{root}: another appender (a running OwnersVote server or ov command) holds {LogJournal.DirectoryName}/{LogJournal.LockFileName}; stop it before opening this log");
    }

    private static async Task<LogAppender> OpenLockedAsync(
        FileTileStore store, SafeFileHandle directoryLock, string origin, INoteSigner signer, INoteVerifier verifier,
        LogAppenderOptions options, TimeProvider? time, CancellationToken cancellationToken)
    {
        store.DeleteInterruptedWrites();
        byte[]? stored = await store.ReadAsync(LogAuditor.CheckpointPath, cancellationToken).ConfigureAwait(false);
        bool hasJournal = Directory.Exists(Path.Combine(store.Root, LogJournal.DirectoryName))
            && Directory.EnumerateFiles(Path.Combine(store.Root, LogJournal.DirectoryName), "*.wal").Any();
        Checkpoint? existing = null;
        if (stored is not null)
        {
            try
            {
                existing = Checkpoint.Open(stored, verifier).Checkpoint;
            }
            catch (Exception e) when (hasJournal && e is FormatException or NoteVerificationException)
            {
                // The checkpoint is rewritten without fsync between sync points, so a crash may
                // leave it torn; the journal rebuilds it.
                Trace.TraceWarning($"checkpoint unreadable after a crash ({e.Message}); rebuilding from the journal");
            }
            catch (Exception e) when (e is FormatException or NoteVerificationException)
            {
                throw new LogStorageException($"checkpoint: {e.Message}", e);
            }
        }

        if (existing is not null && existing.Origin != origin)
        {
            throw new LogStorageException($"checkpoint: origin is '{existing.Origin}', not '{origin}'");
        }

        LogJournal journal = LogJournal.Open(store.Root, existing?.Size ?? 0, out IReadOnlyList<byte[]> pending);
        try
        {
            TileBuilder builder;
            try
            {
                builder = await TileBuilder.LoadAsync(store, journal.DurableSize, cancellationToken).ConfigureAwait(false);
            }
            catch (LogVerificationException e)
            {
                throw new LogStorageException($"cannot resume at size {journal.DurableSize}: {e.Message}", e);
            }

            if (!hasJournal && existing is not null && builder.Root != existing.Root)
            {
                throw new LogStorageException($"checkpoint: root of size {existing.Size} does not match the tiles");
            }

            foreach (byte[] entry in pending)
            {
                builder.Append(entry);
            }

            var recovering = new Checkpoint(origin, builder.TreeSize, builder.Root);
            byte[] checkpoint = recovering.Sign([signer, .. options.AdditionalSigners]);
            if (pending.Count > 0 || stored is null || !stored.AsSpan().SequenceEqual(checkpoint))
            {
                await builder.WriteChangedTilesAsync(store, cancellationToken).ConfigureAwait(false);
                await store.WriteAsync(LogAuditor.CheckpointPath, checkpoint, cancellationToken).ConfigureAwait(false);
            }

            await store.FlushAsync(cancellationToken).ConfigureAwait(false);
            journal.Rotate();
            var appender = new LogAppender(store, directoryLock, journal, builder, signer, origin, checkpoint, options, time ?? TimeProvider.System);
            appender._treeSize = builder.TreeSize;
            return appender;
        }
        catch
        {
            journal.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Appends one entry. Completes once the batch holding it is durable and a checkpoint that
    /// includes it is written. Cancelling stops waiting, not the append: an entry already queued
    /// is still sequenced.
    /// </summary>
    /// <exception cref="ArgumentException">The entry is longer than 65,535 bytes (c2sp.org/tlog-tiles bundles).</exception>
    /// <exception cref="LogStorageException">The appender failed; no entry after the failure is accepted.</exception>
    public Task<AppendResult> AppendAsync(ReadOnlyMemory<byte> entry, CancellationToken cancellationToken = default)
    {
        EntryBundle.CheckEntrySize(entry.Length);
        if (_fatal is not null)
        {
            throw new LogStorageException("the appender has stopped after a storage failure", _fatal);
        }

        var pending = new Pending(entry.ToArray());
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(LogAppender));
        }

        return pending.Completion!.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Appends <paramref name="entries"/> in order as one unit: they are sequenced consecutively
    /// and in one batch, so they share one journal record and one checkpoint, and after a crash the
    /// log holds all of them or none (a vote's roll in parts with its announcement). A batch takes
    /// a group whole: it may exceed <see cref="LogAppenderOptions.MaxBatchSize"/> only when the
    /// group alone does. Completes, with one result per entry in order, as <see cref="AppendAsync(ReadOnlyMemory{byte}, CancellationToken)"/> does.
    /// </summary>
    /// <exception cref="ArgumentException">The group is empty, or an entry is longer than 65,535 bytes; nothing was queued.</exception>
    /// <exception cref="LogStorageException">The appender failed; no entry after the failure is accepted.</exception>
    public Task<AppendResult[]> AppendAllAsync(IReadOnlyList<ReadOnlyMemory<byte>> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            throw new ArgumentException("a group has at least one entry", nameof(entries));
        }

        foreach (ReadOnlyMemory<byte> entry in entries)
        {
            EntryBundle.CheckEntrySize(entry.Length);
        }

        if (_fatal is not null)
        {
            throw new LogStorageException("the appender has stopped after a storage failure", _fatal);
        }

        var pending = new Pending([.. entries.Select(e => e.ToArray())]);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(LogAppender));
        }

        return pending.GroupCompletion!.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// An inclusion proof (RFC 9162 §2.1.3) for <paramref name="index"/> in the tree of
    /// <paramref name="treeSize"/>, read from the stored tiles.
    /// </summary>
    public async Task<IReadOnlyList<Hash>> ProveInclusionAsync(long index, long treeSize, CancellationToken cancellationToken = default)
    {
        TileHashSource source = await TileHashSource.LoadAsync(_store, treeSize, s => InclusionProof.Create(index, treeSize, s), cancellationToken).ConfigureAwait(false);
        return InclusionProof.Create(index, treeSize, source);
    }

    /// <summary>
    /// Stops accepting entries, sequences those queued, makes everything durable and removes the
    /// journal (a clean shutdown).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        try
        {
            await _sequencer.ConfigureAwait(false);
            if (_fatal is null)
            {
                await SyncAsync(CancellationToken.None).ConfigureAwait(false);

                // If the deletion failed, the journal stays, as after a crash: the next open replays it.
                await _cleanup.ConfigureAwait(false);
                _journal.Close(delete: true);
            }
            else
            {
                // The failure that stopped the appender was raised to its callers; a deletion still
                // running is let finish before the journal closes, whatever it meets.
                await _cleanup.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        finally
        {
            // The directory is another appender's only once this one wrote its last byte.
            _journal.Dispose();
            _lock.Dispose();
        }
    }

    /// <summary>
    /// Drops the directory lock and nothing else, as the kernel does when a process is killed: a
    /// test's "crashed" appender in the same process. Entries it still sequences are the test's doing.
    /// </summary>
    internal void ReleaseLockAsIfKilled() => _lock.Dispose();

    private async Task RunAsync()
    {
        var batch = new List<Pending>(_options.MaxBatchSize);
        ChannelReader<Pending> reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            await CollectAsync(reader, batch).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await SequenceAsync(batch).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or LogStorageException or TileConflictException)
            {
                // Storage is broken: nothing later may be acknowledged out of order, so fail this
                // batch and everything still queued, and refuse new entries (sunlight's fatal errors).
                _fatal = e;
                _queue.Writer.TryComplete();
                var error = new LogStorageException($"append failed at tree size {_journal.Size}: {e.Message}", e);
                foreach (Pending p in batch)
                {
                    p.Fail(error);
                }

                while (reader.TryRead(out Pending? p))
                {
                    p.Fail(error);
                }

                return;
            }
        }
    }

    private async Task CollectAsync(ChannelReader<Pending> reader, List<Pending> batch)
    {
        int entries = Take(reader, batch, 0);

        // Group commit waits only under concurrency: one entry now after a batch of one is a quiet log.
        bool busy = entries > 1 || _previousBatch > 1;
        if (_options.Linger <= TimeSpan.Zero || entries >= _options.MaxBatchSize || !busy)
        {
            _previousBatch = entries;
            return;
        }

        using var linger = new CancellationTokenSource(_options.Linger, _time);
        try
        {
            while (entries < _options.MaxBatchSize && await reader.WaitToReadAsync(linger.Token).ConfigureAwait(false))
            {
                int before = entries;
                entries = Take(reader, batch, entries);
                if (entries == before)
                {
                    // The next queued group does not fit: it starts the next batch.
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (linger.IsCancellationRequested)
        {
            // The linger time is over: sequence what we have.
        }

        _previousBatch = entries;
    }

    // Moves queued appends into the batch while they fit under MaxBatchSize; a group is taken
    // whole, and one larger than the bound only into an empty batch. Returns the batch's entries.
    private int Take(ChannelReader<Pending> reader, List<Pending> batch, int entries)
    {
        while (entries < _options.MaxBatchSize
            && reader.TryPeek(out Pending? next)
            && (entries == 0 || entries + next.Count <= _options.MaxBatchSize)
            && reader.TryRead(out Pending? p))
        {
            batch.Add(p);
            entries += p.Count;
        }

        return entries;
    }

    private async Task SequenceAsync(List<Pending> batch)
    {
        if (_cleanup.IsFaulted)
        {
            // A partial tile that could not be deleted: the directory is not what it should be.
            await _cleanup.ConfigureAwait(false);
        }

        // 1. The one durable write of the batch.
        long started = _time.GetTimestamp();
        int count = 0;
        foreach (Pending p in batch)
        {
            count += p.Count;
        }

        var entries = new ReadOnlyMemory<byte>[count];
        int n = 0;
        foreach (Pending p in batch)
        {
            if (p.Group is { } group)
            {
                foreach (byte[] entry in group)
                {
                    entries[n++] = entry;
                }
            }
            else
            {
                entries[n++] = p.Entry!;
            }
        }

        _journal.Append(entries);

        // 2. Tiles and bundles for the new size, then the checkpoint that commits to them.
        var leaves = new (long Index, Hash Leaf)[count];
        for (int i = 0; i < count; i++)
        {
            long index = _builder.Append(entries[i].Span, out Hash leaf);
            leaves[i] = (index, leaf);
        }

        foreach (Tile tile in _builder.TakeChangedTiles())
        {
            await _store.WriteAsync(tile.Path.ToString(), tile.Content, CancellationToken.None).ConfigureAwait(false);
            if (!tile.Path.IsPartial)
            {
                _completedSinceSync.Add(tile.Path);
            }
        }

        byte[] checkpoint = new Checkpoint(_origin, _builder.TreeSize, _builder.Root).Sign([_signer, .. _options.AdditionalSigners]);
        await _store.WriteAsync(LogAuditor.CheckpointPath, checkpoint, CancellationToken.None).ConfigureAwait(false);
        LatestCheckpoint = checkpoint;
        Volatile.Write(ref _treeSize, _builder.TreeSize);

        // 3. Sync point, when due: tiles durable, journal restarted.
        if (_time.GetElapsedTime(_lastSync) >= _options.SyncInterval || _builder.TreeSize - _syncedSize >= _options.SyncEveryEntries)
        {
            await SyncAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _options.BatchSequenced?.Invoke(count, _time.GetElapsedTime(started));
        long size = _builder.TreeSize;
        n = 0;
        foreach (Pending p in batch)
        {
            if (p.Group is { } group)
            {
                var results = new AppendResult[group.Length];
                for (int i = 0; i < results.Length; i++, n++)
                {
                    results[i] = new AppendResult(leaves[n].Index, leaves[n].Leaf, checkpoint) { TreeSize = size };
                }

                p.GroupCompletion!.TrySetResult(results);
            }
            else
            {
                p.Completion!.TrySetResult(new AppendResult(leaves[n].Index, leaves[n].Leaf, checkpoint) { TreeSize = size });
                n++;
            }
        }
    }

    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        await _store.FlushAsync(cancellationToken).ConfigureAwait(false);
        _journal.Rotate();

        // Each batch leaves a partial tile per level under a new name (.p/<width>); once the full
        // tile is durable they are redundant, so the directory holds at most one tile's partials
        // per level instead of growing by every batch. Readers at an older size fall back to the
        // full tile; no batch writes a partial of a full tile again.
        if (_completedSinceSync.Count > 0)
        {
            TilePath[] redundant = [.. _completedSinceSync];
            Task previous = _cleanup;
            _cleanup = Task.Run(async () =>
            {
                await previous.ConfigureAwait(false);
                foreach (TilePath full in redundant)
                {
                    _store.DeletePartialTiles(full);
                }
            }, CancellationToken.None);
        }

        _completedSinceSync.Clear();
        _syncedSize = _builder.TreeSize;
        _lastSync = _time.GetTimestamp();
    }

    // One queued append: a single entry (the hot path: no array) or a group sequenced together.
    private sealed class Pending
    {
        public Pending(byte[] entry)
        {
            Entry = entry;
            Completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public Pending(byte[][] group)
        {
            Group = group;
            GroupCompletion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public byte[]? Entry { get; }

        public byte[][]? Group { get; }

        public int Count => Group?.Length ?? 1;

        public TaskCompletionSource<AppendResult>? Completion { get; }

        public TaskCompletionSource<AppendResult[]>? GroupCompletion { get; }

        public void Fail(Exception error)
        {
            Completion?.TrySetException(error);
            GroupCompletion?.TrySetException(error);
        }
    }
}
