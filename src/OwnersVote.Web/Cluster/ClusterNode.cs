using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using OwnersVote.Ledger;
using OwnersVote.Ledger.Sequencing;
using OwnersVote.Web.Hosting;
using OwnersVote.Web.Projections;
using EventLog = OwnersVote.Web.Ledger.EventLog;

namespace OwnersVote.Web.Cluster;

/// <summary>
/// This process as one node of several (<c>Cluster:Enabled</c>, docs/operations.md "Several
/// nodes"). Every node accepts requests; <see cref="EventLog"/> hands each append here: the
/// encoded entries are written durably to the PostgreSQL queue under fresh tickets and the request
/// waits until the sequencer — whichever node holds the advisory lock (<see cref="ClusterSequencer"/>)
/// — has appended, projected and witnessed them and recorded their indexes. The shared state row
/// carries the newest cosigned checkpoint, which every node serves; the tiles are read from the
/// shared log directory.
/// </summary>
public sealed partial class ClusterNode(
    ClusterQueue queue,
    IOptions<ClusterOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<ClusterNode> logger) : IHostedService, IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<QueueOutcome>> _waiting = new();
    private readonly CancellationTokenSource _stopping = new();
    private ClusterState? _state;
    private long _lastRefresh;
    private Task _listener = Task.CompletedTask;
    private ClusterSequencer? _sequencer;
    private int _disposed;

    /// <summary>This node's name (<c>Cluster:NodeName</c>, else host and process id).</summary>
    public string Name { get; } = options.Value.NodeName is { Length: > 0 } name ? name : $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>The settings.</summary>
    public ClusterOptions Options => options.Value;

    /// <summary>Whether this node holds the sequencer lock now.</summary>
    public bool IsSequencer => _sequencer?.IsLeading ?? false;

    /// <summary>The shared state as last read, or null before a sequencer published one.</summary>
    public ClusterState? State => Volatile.Read(ref _state);

    /// <summary>Whether a sequencer is known and this node heard from the database within the last five poll intervals (or five seconds).</summary>
    public bool IsConnected =>
        State is not null
        && Stopwatch.GetElapsedTime(Volatile.Read(ref _lastRefresh)) < TimeSpan.FromTicks(Math.Max(options.Value.PollInterval.Ticks * 5, TimeSpan.FromSeconds(5).Ticks));

    /// <summary>The newest cosigned checkpoint published by the sequencer.</summary>
    public byte[] LatestCheckpoint => (State ?? throw NotJoined()).Checkpoint;

    /// <summary>The size of <see cref="LatestCheckpoint"/>.</summary>
    public long TreeSize => (State ?? throw NotJoined()).CheckpointSize;

    /// <summary>
    /// Joins the cluster: creates the cluster tables if missing, starts listening for sequenced
    /// entries and competing for the sequencer lock, and returns once a sequencer is known.
    /// </summary>
    /// <exception cref="TimeoutException">No sequencer became known within <c>Cluster:StartTimeout</c>.</exception>
    internal async Task JoinAsync(EventLog log, CancellationToken cancellationToken)
    {
        ClusterOptions o = options.Value;
        if (o.PollInterval <= TimeSpan.Zero || o.AppendTimeout <= TimeSpan.Zero || o.StartTimeout <= TimeSpan.Zero || o.MaxBatch < 1)
        {
            throw new InvalidOperationException("Cluster:PollInterval, AppendTimeout and StartTimeout must be positive and Cluster:MaxBatch at least 1.");
        }

        await queue.EnsureSchemaAsync(o.LockKey, cancellationToken);
        CancellationToken stopping = _stopping.Token;
        _listener = Task.Run(() => ListenAsync(stopping), CancellationToken.None);
        _sequencer = new ClusterSequencer(this, queue, log, lifetime, logger);
        Task sequencing = _sequencer.StartAsync(stopping);
        LogJoined(logger, Name);

        long start = Stopwatch.GetTimestamp();
        while (State is null)
        {
            if (sequencing.IsFaulted)
            {
                await sequencing; // Rethrows why this node could not open the log as its sequencer.
            }

            if (Stopwatch.GetElapsedTime(start) > o.StartTimeout)
            {
                throw new TimeoutException($"No sequencer became known within Cluster:StartTimeout ({o.StartTimeout}).");
            }

            await Task.Delay(o.PollInterval, cancellationToken);
        }
    }

    /// <summary>
    /// Queues encoded entries (in order) and waits until the sequencer appended them. Cancelling
    /// stops waiting, not the append: queued entries are still sequenced.
    /// </summary>
    /// <exception cref="LogStorageException">The sequencer did not append them within <c>Cluster:AppendTimeout</c>, or refused them.</exception>
    /// <exception cref="ProjectionException">They are logged but the tables could not apply them.</exception>
    public async Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<byte[]> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using Activity? activity = OwnersVoteTelemetry.Source.StartActivity("cluster.append");
        activity?.SetTag("ownersvote.entries", entries.Count);
        Hash[] leaves = [.. entries.Select(e => Merkle.HashLeaf(e))];
        Guid[] tickets = [.. entries.Select(_ => Guid.NewGuid())];
        TaskCompletionSource<QueueOutcome>[] waits = [.. tickets.Select(t => _waiting[t] = new TaskCompletionSource<QueueOutcome>(TaskCreationOptions.RunContinuationsAsynchronously))];
        QueueOutcome[] outcomes;
        try
        {
            // Registered before queuing: an outcome recorded at once is still seen by the listener.
            await queue.EnqueueAsync(tickets, entries, [.. leaves.Select(l => l.Bytes.ToArray())], Name, cancellationToken);
            outcomes = await Task.WhenAll(waits.Select(w => w.Task)).WaitAsync(options.Value.AppendTimeout, cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new LogStorageException($"The sequencer did not append {entries.Count} queued entries within {options.Value.AppendTimeout}; they stay queued and may still be appended.", e);
        }
        finally
        {
            foreach (Guid ticket in tickets)
            {
                _waiting.TryRemove(ticket, out _);
            }
        }

        foreach (QueueOutcome outcome in outcomes)
        {
            if (outcome.Failure is { } failure)
            {
                throw outcome.Index is long index
                    ? new ProjectionException($"Log entry {index} is logged but the tables could not apply it: {failure}")
                    : new LogStorageException($"The sequencer refused the entry: {failure}");
            }
        }

        long last = outcomes.Max(o => o.Index!.Value);
        ClusterState state = await StateCoveringAsync(last + 1, cancellationToken);
        return [.. outcomes.Select((o, i) => new AppendResult(o.Index!.Value, leaves[i], state.Checkpoint) { TreeSize = state.CheckpointSize })];
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stops competing and listening; a sequencer finishes its batch and closes the log.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _listener;
        if (_sequencer is not null)
        {
            await _sequencer.StopAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Registered as a singleton and as a hosted service (a factory returning the singleton),
        // the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync(CancellationToken.None);
        _stopping.Dispose();
    }

    /// <summary>Publishes state this node's sequencer just wrote (no need to wait for the notification).</summary>
    internal void Observe(ClusterState state)
    {
        ClusterState? current = Volatile.Read(ref _state);
        while (current is null || state.CheckpointSize >= current.CheckpointSize)
        {
            ClusterState? seen = Interlocked.CompareExchange(ref _state, state, current);
            if (ReferenceEquals(seen, current))
            {
                return;
            }

            current = seen;
        }
    }

    // The state row is written in the same transaction as the outcomes, so it normally covers them
    // already; re-read it (bounded) if the listener has not yet.
    private async Task<ClusterState> StateCoveringAsync(long size, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            if (State is { } state && state.CheckpointSize >= size)
            {
                return state;
            }

            if (attempt == 50)
            {
                throw new LogStorageException($"The shared checkpoint does not reach size {size} although the entries were sequenced.");
            }

            if (await queue.ReadStateAsync(cancellationToken) is { } read)
            {
                Observe(read);
            }

            if (State is not { } fresh || fresh.CheckpointSize < size)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
            }
        }
    }

    // One connection listens for ov_appended; on each notification (or every poll interval) it
    // reads the state row and the outcomes of this node's waiting tickets.
    private async Task ListenAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using NpgsqlConnection connection = await queue.OpenAsync(stopping);
                await ClusterQueue.ListenAsync(connection, ClusterQueue.AppendedChannel, stopping);
                while (!stopping.IsCancellationRequested)
                {
                    if (await ClusterQueue.ReadStateAsync(connection, stopping) is { } state)
                    {
                        Observe(state);
                    }

                    Guid[] tickets = [.. _waiting.Keys];
                    if (tickets.Length > 0)
                    {
                        foreach (QueueOutcome outcome in await ClusterQueue.OutcomesAsync(connection, tickets, stopping))
                        {
                            if (_waiting.TryGetValue(outcome.Ticket, out TaskCompletionSource<QueueOutcome>? wait))
                            {
                                wait.TrySetResult(outcome);
                            }
                        }
                    }

                    Volatile.Write(ref _lastRefresh, Stopwatch.GetTimestamp());
                    await connection.WaitAsync(options.Value.PollInterval, stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
            {
                // The database went away: waiting requests keep waiting (bounded by AppendTimeout).
                LogListenerFailed(logger, Name, e.Message);
                await Task.Delay(options.Value.PollInterval, CancellationToken.None);
            }
        }
    }

    private static InvalidOperationException NotJoined() => new("This node has not joined the cluster yet (EventLog.OpenAsync joins it at startup).");

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster node {Node} joined; competing for the sequencer lock")]
    private static partial void LogJoined(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster node {Node} lost its listening connection ({Reason}); reconnecting")]
    private static partial void LogListenerFailed(ILogger logger, string node, string reason);
}
