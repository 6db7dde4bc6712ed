using System.Diagnostics;
using Npgsql;
using OwnersVote.Ledger;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Hosting;
using OwnersVote.Web.Projections;
using EventLog = OwnersVote.Web.Ledger.EventLog;

namespace OwnersVote.Web.Cluster;

/// <summary>
/// The leader election and the sequencer loop of one node (docs/operations.md "Several nodes").
/// A node that wins <c>pg_try_advisory_lock(Cluster:LockKey)</c> on its own connection takes the
/// fence file's exclusive lock, opens the shared log directory (crash recovery truncates a torn
/// journal tail), catches the projections up, reconciles the queue, and then appends queued
/// entries in batches until it stops. PostgreSQL releases the lock when the session ends — a
/// killed node's session ends with its TCP connection — and another node takes over.
/// </summary>
/// <remarks>
/// Reconciliation: a leader killed after its batch was durable but before it recorded the indexes
/// leaves entries in the log whose queue rows still look pending. The successor matches every log
/// entry past <c>cluster_state.reconciled_size</c> to a pending row with the same RFC 9162 leaf
/// hash and records its index, so no entry is appended twice and no acknowledged entry is lost.
/// </remarks>
internal sealed partial class ClusterSequencer(ClusterNode node, ClusterQueue queue, EventLog log, IHostApplicationLifetime lifetime, ILogger logger)
{
    private static readonly TimeSpan s_pruneEvery = TimeSpan.FromMinutes(1);
    private Task _running = Task.CompletedTask;
    private volatile bool _leading;

    /// <summary>Whether this node is the sequencer now.</summary>
    public bool IsLeading => _leading;

    /// <summary>Starts competing for the lock; the task faults only if this node won it but could not open the log.</summary>
    public Task StartAsync(CancellationToken stopping)
    {
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _running = Task.Run(() => RunAsync(opened, stopping), CancellationToken.None);
        return opened.Task;
    }

    /// <summary>Waits for the loop to end (after the node's stopping token was cancelled).</summary>
    public Task StopAsync() => _running;

    private async Task RunAsync(TaskCompletionSource opened, CancellationToken stopping)
    {
        ClusterOptions o = node.Options;
        while (!stopping.IsCancellationRequested)
        {
            NpgsqlConnection? connection = null;
            try
            {
                connection = await queue.OpenAsync(stopping);
                // Bounded by the stopping token; one cheap query per poll interval while following.
                while (!await ClusterQueue.TryLockAsync(connection, o.LockKey, stopping))
                {
                    await Task.Delay(o.PollInterval, stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                await DisposeAsync(connection);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
            {
                LogElectionFailed(logger, node.Name, e.Message);
                await DisposeAsync(connection);
                await Task.Delay(o.PollInterval, CancellationToken.None);
                continue;
            }

            try
            {
                await LeadAsync(connection, opened, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                // Lost the session (and so the lock), or the log failed: stop appending at once and
                // stop the process; its supervisor restarts it as a follower. Exit is safer than
                // staying up with an appender whose directory another node may now own.
                LogLeadershipLost(logger, e, node.Name);
                opened.TrySetException(e);
                lifetime.StopApplication();
                return;
            }
            finally
            {
                await DisposeAsync(connection);
            }
        }
    }

    private async Task LeadAsync(NpgsqlConnection connection, TaskCompletionSource opened, CancellationToken stopping)
    {
        ClusterOptions o = node.Options;
        LogLockWon(logger, node.Name);
        using FileStream fence = await FenceAsync(o, stopping);
        await log.OpenSequencerAsync(stopping);
        _leading = true;
        OwnersVoteTelemetry.Leader(true);
        try
        {
            await ReconcileAsync(failure: null, stopping);
            opened.TrySetResult();
            LogLeading(logger, node.Name, log.SequencedSize);
            await ClusterQueue.ListenAsync(connection, ClusterQueue.QueuedChannel, stopping);
            long lastPing = Stopwatch.GetTimestamp();
            long lastPrune = 0;
            while (!stopping.IsCancellationRequested)
            {
                List<QueuedEntry> pending = await queue.PendingAsync(o.MaxBatch, CancellationToken.None);
                OwnersVoteTelemetry.QueueLength(pending.Count < o.MaxBatch ? pending.Count : await queue.PendingCountAsync(CancellationToken.None));
                if (pending.Count == 0)
                {
                    // Also proves the session (and the lock) alive: a broken connection throws here.
                    try
                    {
                        await connection.WaitAsync(o.PollInterval, stopping);
                    }
                    catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                    {
                        return;
                    }

                    lastPing = Stopwatch.GetTimestamp();
                }
                else
                {
                    if (Stopwatch.GetElapsedTime(lastPing) > o.PollInterval)
                    {
                        await ClusterQueue.PingAsync(connection, CancellationToken.None);
                        lastPing = Stopwatch.GetTimestamp();
                    }

                    // Never cancelled midway: a started batch is finished and recorded.
                    await AppendAsync(pending, CancellationToken.None);
                }

                if (lastPrune == 0 || Stopwatch.GetElapsedTime(lastPrune) > s_pruneEvery)
                {
                    await queue.PruneAsync(o.Retention, CancellationToken.None);
                    lastPrune = Stopwatch.GetTimestamp();
                }
            }
        }
        finally
        {
            _leading = false;
            OwnersVoteTelemetry.Leader(false);
            await log.CloseSequencerAsync();
        }
    }

    // The fence: an exclusive flock on a file of the shared volume (FileShare.None takes LOCK_EX on
    // Unix), released by the kernel when this process dies. Waits while a predecessor that lost its
    // database session still holds it.
    private async Task<FileStream> FenceAsync(ClusterOptions o, CancellationToken stopping)
    {
        string path = log.FenceFilePath(o.FenceFile);
        for (long attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (!stopping.IsCancellationRequested)
            {
                if (attempt % 40 == 0)
                {
                    LogFenceBusy(logger, node.Name, path);
                }

                await Task.Delay(o.PollInterval, stopping);
            }
        }
    }

    private async Task AppendAsync(List<QueuedEntry> pending, CancellationToken cancellationToken)
    {
        using Activity? activity = OwnersVoteTelemetry.Source.StartActivity("sequencer.batch");
        activity?.SetTag("ownersvote.entries", pending.Count);
        var entries = new List<QueuedEntry>(pending.Count);
        var events = new List<LedgerEvent>(pending.Count);
        foreach (QueuedEntry q in pending)
        {
            try
            {
                events.Add(EventCodec.Decode(q.Entry));
                entries.Add(q);
            }
            catch (EventFormatException e)
            {
                // A node of another version queued what this one cannot read: nothing is logged.
                await queue.RefuseAsync([q.Id], $"entry {q.Id} is not an event this sequencer reads: {e.Message}", cancellationToken);
            }
        }

        if (entries.Count == 0)
        {
            return;
        }

        IReadOnlyList<OwnersVote.Ledger.Sequencing.AppendResult> results;
        try
        {
            results = await log.AppendEncodedAsync([.. entries.Select(e => e.Entry)], events, cancellationToken);
        }
        catch (ProjectionException e)
        {
            // Logged but not projected (EventLog retries the projection on the next append): the
            // indexes are found by leaf hash, as after a crash, and the waiting nodes told.
            await ReconcileAsync(e.Message, cancellationToken);
            return;
        }

        (byte[] checkpoint, long size) = log.SequencerCheckpoint;
        var state = new ClusterState(results[^1].Index + 1, checkpoint, size, node.Name, DateTimeOffset.UtcNow);
        await queue.CompleteAsync([.. entries.Select(e => e.Id)], [.. results.Select(r => r.Index)], null, state, cancellationToken);
        node.Observe(state);
    }

    // Matches the log entries past the reconciled size to pending queue rows by leaf hash (see the
    // remarks) and publishes the state. The first sequencer of a deployment finds no state: the
    // entries already in the log predate the queue.
    private async Task ReconcileAsync(string? failure, CancellationToken cancellationToken)
    {
        long size = log.SequencedSize;
        ClusterState? previous = await queue.ReadStateAsync(cancellationToken);
        long from = previous?.ReconciledSize ?? size;
        if (from > size)
        {
            throw new LogStorageException(
                $"The queue records {from} log entries but the log directory holds {size}: the shared log directory is not the one this database belongs to.");
        }

        var ids = new List<long>();
        var indexes = new List<long>();
        if (from < size)
        {
            List<QueuedEntry> pending = await queue.PendingAsync(int.MaxValue, cancellationToken);
            var unmatched = pending.ToList();
            for (long i = from; i < size; i++)
            {
                byte[] entry = await EntryReader.ReadAsync(log.Store, i, size, cancellationToken)
                    ?? throw new LogStorageException($"Log entry {i} of {size} cannot be read back.");
                byte[] leaf = Merkle.HashLeaf(entry).Bytes.ToArray();
                int match = unmatched.FindIndex(q => q.LeafHash.AsSpan().SequenceEqual(leaf));
                if (match < 0)
                {
                    throw new LogStorageException($"Log entry {i} matches no queued entry: something other than the cluster's sequencer appended to the log.");
                }

                ids.Add(unmatched[match].Id);
                indexes.Add(i);
                unmatched.RemoveAt(match);
            }

            LogReconciled(logger, node.Name, ids.Count, from, size);
        }

        (byte[] checkpoint, long checkpointSize) = log.SequencerCheckpoint;
        var state = new ClusterState(size, checkpoint, checkpointSize, node.Name, DateTimeOffset.UtcNow);
        await queue.CompleteAsync(ids, indexes, failure, state, cancellationToken);
        node.Observe(state);
    }

    private static async Task DisposeAsync(NpgsqlConnection? connection)
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} holds the sequencer lock; opening the shared log")]
    private static partial void LogLockWon(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} is the sequencer at log size {TreeSize}")]
    private static partial void LogLeading(ILogger logger, string node, long treeSize);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} reconciled {Count} queued entries found in the log between {From} and {To}")]
    private static partial void LogReconciled(ILogger logger, string node, int count, long from, long to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} waits for the fence {Path}: a previous sequencer still holds it")]
    private static partial void LogFenceBusy(ILogger logger, string node, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} could not compete for the sequencer lock ({Reason}); retrying")]
    private static partial void LogElectionFailed(ILogger logger, string node, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Node {Node} stopped sequencing; the process stops so that another node takes over")]
    private static partial void LogLeadershipLost(ILogger logger, Exception exception, string node);
}
