using Microsoft.Extensions.Options;
using OwnersVote.Ledger;
using OwnersVote.Ledger.Sequencing;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Cluster;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Ballots;
using OwnersVote.Web.Hosting;
using OwnersVote.Web.Projections;

namespace OwnersVote.Web.Ledger;

/// <summary>
/// The web app's one sequencer (DESIGN.md §2 "The log is the source of truth"): a
/// <see cref="LogAppender"/> over <c>Log:Directory</c>. An event is encoded (EventCodec, RFC 8785),
/// appended, and only once its batch is durable applied to the projections, so the tables follow
/// the log and can be rebuilt from it (<see cref="CatchUpAsync"/>).
/// </summary>
/// <remarks>
/// Witnesses (DESIGN.md §2, c2sp.org/tlog-witness): once a batch is durable, the newest checkpoint
/// is sent to the configured witnesses (<see cref="LogWitnesses"/>) with a consistency proof from
/// the size each last cosigned, and <see cref="LatestCheckpoint"/> becomes that checkpoint with the
/// cosignatures that verified. Failure policy: an append stands once durable, whatever the
/// witnesses say. If fewer than k witnesses cosign (down, timed out, or refusing — a witness that
/// saw a fork answers 409), the checkpoint is served with the cosignatures obtained, a warning
/// names each failure, and the next append asks again (for its newer checkpoint). Appends that
/// arrive while witnesses are being asked are covered by the next request, so one round trip
/// serves many appends.
///
/// Several nodes (<c>Cluster:Enabled</c>, docs/operations.md): appends go through
/// <see cref="ClusterNode"/> to the PostgreSQL queue; only the node elected sequencer opens the
/// appender (<see cref="OpenSequencerAsync"/>), and every node serves the shared checkpoint and the
/// tiles of the shared log directory.
/// </remarks>
public sealed partial class EventLog(
    IServiceScopeFactory scopes,
    IOptions<LogOptions> options,
    IHostEnvironment environment,
    LogWitnesses witnesses,
    ILogger<EventLog> logger,
    ClusterNode? cluster = null,
    BallotReadCache? reads = null) : IAsyncDisposable
{
    /// <summary>How long the projector waits before it retries a failed run by itself (unless an append wakes it first).</summary>
    public static readonly TimeSpan FirstProjectionRetry = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between its own retries while the tables keep refusing.</summary>
    public static readonly TimeSpan MaxProjectionRetry = TimeSpan.FromSeconds(30);

    // Concurrent callers append at once, so the appender's group commit pools their entries into
    // one batch (one fsync); each call's entries are queued as one group (LogAppender.AppendAllAsync),
    // so they are consecutive and in one batch. Durable entries wait in _waiting until every earlier one has arrived, then are
    // projected in log order under _gate by the projector thread (ProjectLoop), which each
    // durable append wakes.
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Issue 10: the projection is the one serial stage every ballot passes. Run by whichever
    // caller took _gate next, each run first waited for its turn in the thread pool's queue,
    // behind every request's work; a thread of its own is woken directly.
    private readonly AutoResetEvent _projectWake = new(false);
    private readonly ProjectionConnection _projection = new();
    private readonly Lock _projectorStart = new();
    private Thread? _projector;
    private volatile bool _disposed;
    private readonly Lock _waitingLock = new();
    private readonly SortedDictionary<long, WaitingEntry> _waiting = [];
    private readonly List<WaitingEntry> _projecting = [];
    private long _nextToProject;
    private MerkleTree _tree = new();
    // Every projected entry's node hashes, for receipts' inclusion proofs (issue 10); appended
    // under _gate with _tree, read under _nodesLock. Entries are durable before they are added,
    // and the log is append-only, so a proof from here holds for any size up to Size — also on a
    // cluster node that stopped being the sequencer.
    private NodeHashes _nodes = new();
    private readonly Lock _nodesLock = new();
    private readonly List<LoggedEvent> _unprojected = [];
    private LogAppender? _appender;
    private NoteSigner? _signer;
    private NoteVerifier? _verifier;
    private readonly List<NoteSigner> _additionalSigners = [];
    private IReadOnlyList<NoteVerifier> _verifiers = [];
    private string? _origin;
    private string? _directory;
    private FileTileStore? _readStore;

    // The checkpoint served: the appender's newest one that witnesses were last asked to cosign,
    // with the cosignatures obtained. Replaced whole, under _cosignGate; read without a lock.
    private ServedCheckpoint? _served;
    private readonly SemaphoreSlim _cosignGate = new(1, 1);

    /// <summary>The checkpoint origin line.</summary>
    public string Origin => _origin ?? throw NotOpen();

    /// <summary>The log's verifier key (<c>name+keyid+base64</c>), served at <c>/log/key</c>.</summary>
    public string VerifierKey => (_verifier ?? throw NotOpen()).VerifierKey;

    /// <summary>The log's verifier.</summary>
    public NoteVerifier Verifier => _verifier ?? throw NotOpen();

    /// <summary>
    /// Every log key a checkpoint of this log may be signed by: <see cref="Verifier"/> first, then
    /// the keys signing beside it and the retired ones (<c>Log:AdditionalKeyFiles</c>,
    /// <c>Log:RetiredKeys</c>): served at <c>/log/key</c>, one per line.
    /// </summary>
    public IReadOnlyList<NoteVerifier> Verifiers => _verifier is null ? throw NotOpen() : _verifiers;

    /// <summary>
    /// The newest checkpoint (signed note bytes) with every witness cosignature obtained for it. When
    /// <see cref="AppendAsync"/> returns, it covers the appended entry and witnesses have been asked
    /// to cosign it (see the failure policy in the remarks).
    /// </summary>
    public byte[] LatestCheckpoint => cluster is not null ? cluster.LatestCheckpoint : Volatile.Read(ref _served)?.Note ?? throw NotOpen();

    /// <summary>The witnesses of this log and the quorum k (<c>/log/witnesses</c>).</summary>
    public LogWitnesses Witnesses => witnesses;

    /// <summary>The witnesses' cosignature verifiers (none when the log has no witnesses).</summary>
    public IReadOnlyList<INoteVerifier> WitnessVerifiers => [.. witnesses.All.Select(w => w.Key)];

    /// <summary>How many witness cosignatures a checkpoint of this log must carry (k; 0 without witnesses).</summary>
    public int WitnessQuorum => witnesses.Quorum;

    /// <summary>The number of entries in the log.</summary>
    public long TreeSize => cluster is not null ? cluster.TreeSize : Appender.TreeSize;

    /// <summary>The log's tiles, entry bundles and checkpoint (c2sp.org/tlog-tiles paths).</summary>
    public ITileStore Store => (ITileStore?)_appender?.Store ?? _readStore ?? throw NotOpen();

    /// <summary>The size of the log this process's appender holds (the cluster's sequencer only).</summary>
    internal long SequencedSize => Appender.TreeSize;

    /// <summary>The checkpoint this process's appender last had witnessed, with its size (the cluster's sequencer only).</summary>
    internal (byte[] Note, long Size) SequencerCheckpoint => Volatile.Read(ref _served) is { } served ? (served.Note, served.Size) : throw NotOpen();

    private LogAppender Appender => _appender ?? throw NotOpen();

    /// <summary>
    /// Opens the log (creating it, and the signer key, on first run), audits every stored entry
    /// against the checkpoint with the log key, and applies the entries the projections lack.
    /// </summary>
    /// <exception cref="LogVerificationException">The stored log does not verify.</exception>
    /// <exception cref="ProjectionException">The tables hold more entries than the log, or an entry cannot be projected.</exception>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        LogOptions o = options.Value;
        string directory = Path.GetFullPath(o.Directory, environment.ContentRootPath);
        string keyFile = Path.GetFullPath(o.KeyFile, environment.ContentRootPath);
        string origin = o.Origin is { Length: > 0 } given ? given : new Uri(o.PublicUrl).Host + "/log";
        string signerKey = await SecretFile.ReadOrCreateLineAsync(keyFile, () => NoteSigner.Generate(origin).SignerKey, cancellationToken);
        _signer = NoteSigner.Parse(signerKey);
        _verifier = _signer.Verifier;
        foreach (string file in o.AdditionalKeyFiles)
        {
            // Made by the operator (ov keygen) and never generated here: a typo must not mint a key.
            string line = (await File.ReadAllTextAsync(Path.GetFullPath(file, environment.ContentRootPath), cancellationToken)).Trim();
            _additionalSigners.Add(NoteSigner.Parse(line));
        }

        _verifiers = [_verifier, .. _additionalSigners.Select(s => s.Verifier), .. o.RetiredKeys.Select(NoteVerifier.Parse)];
        _origin = origin;
        _directory = directory;
        if (cluster is not null)
        {
            // Every node reads the shared directory; the elected one opens the appender.
            _readStore = new FileTileStore(directory);
            await witnesses.OpenAsync(origin, _verifier, cancellationToken);
            await cluster.JoinAsync(this, cancellationToken);
            return;
        }

        await OpenAppenderAsync(cancellationToken);

        // The stored checkpoint carries the log's signature only (the appender writes it), so the
        // witnesses are asked at once: a restarted server serves a cosigned checkpoint before any append.
        await witnesses.OpenAsync(origin, _verifier, cancellationToken);
        _served = new ServedCheckpoint(_appender!.LatestCheckpoint, -1);
        await CosignAtLeastAsync(_appender.TreeSize);
    }

    /// <summary>
    /// The cluster's sequencer opens the shared log (recovering from its predecessor's crash),
    /// catches the projections up and has the checkpoint witnessed.
    /// </summary>
    internal async Task OpenSequencerAsync(CancellationToken cancellationToken)
    {
        await OpenAppenderAsync(cancellationToken);
        _served = new ServedCheckpoint(_appender!.LatestCheckpoint, -1);
        await CosignAtLeastAsync(_appender.TreeSize);
    }

    /// <summary>The cluster's sequencer closes the appender (a clean sync) when it stops leading.</summary>
    internal async Task CloseSequencerAsync()
    {
        LogAppender? appender = Interlocked.Exchange(ref _appender, null);
        if (appender is not null)
        {
            await appender.DisposeAsync();
        }
    }

    /// <summary>The sequencer's fence file: <paramref name="configured"/>, else beside the log directory.</summary>
    internal string FenceFilePath(string? configured) =>
        configured is { Length: > 0 } path
            ? Path.GetFullPath(path, environment.ContentRootPath)
            : Path.TrimEndingDirectorySeparator(_directory ?? throw NotOpen()) + ".sequencer.lock";

    private async Task OpenAppenderAsync(CancellationToken cancellationToken)
    {
        _appender = await LogAppender.OpenAsync(
            _directory!, _origin!, _signer!, _verifier!, new LogAppenderOptions { BatchSequenced = OwnersVoteTelemetry.Batch, AdditionalSigners = _additionalSigners, Linger = options.Value.Linger }, cancellationToken: cancellationToken);
        LogOpened(logger, _origin!, _appender.TreeSize);
        await CatchUpAsync(cancellationToken);
    }

    /// <summary>
    /// Appends one event and applies it to the projections. Returns once the entry is durable,
    /// projected and witnesses were asked to cosign a checkpoint containing it: its index, leaf hash
    /// and that checkpoint (<see cref="LatestCheckpoint"/> at the time, with its cosignatures;
    /// <see cref="AppendResult.TreeSize"/> is its size, which later appends may have grown beyond
    /// the entry's own batch).
    /// </summary>
    /// <exception cref="ArgumentException">The event breaks its schema (EventCodec).</exception>
    /// <exception cref="EntryTooLargeException">The event's entry exceeds 65,535 bytes; nothing was logged.</exception>
    /// <exception cref="LogStorageException">The appender failed; nothing was logged.</exception>
    /// <exception cref="ProjectionException">The entry is logged but the tables could not apply it; the next append, or the projector after a pause, retries.</exception>
    public async Task<AppendResult> AppendAsync(LedgerEvent ledgerEvent, CancellationToken cancellationToken) =>
        (await AppendManyAsync([ledgerEvent], cancellationToken))[0];

    /// <summary>
    /// Appends events in the given order as one pooled batch (one fsync), then applies them to the
    /// projections in one transaction, then has the new checkpoint cosigned; each result carries
    /// the cosigned checkpoint as <see cref="AppendAsync"/> describes.
    /// </summary>
    /// <exception cref="ArgumentException">An event breaks its schema; nothing was logged.</exception>
    /// <exception cref="EntryTooLargeException">An event's entry exceeds 65,535 bytes; nothing was logged.</exception>
    /// <exception cref="LogStorageException">The appender failed.</exception>
    /// <exception cref="ProjectionException">The entries are logged but the tables could not apply them; the next append, or the projector after a pause, retries.</exception>
    public async Task<IReadOnlyList<AppendResult>> AppendManyAsync(IReadOnlyList<LedgerEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        // Encode all first: a schema error, or an entry too large, logs nothing.
        byte[][] entries = [.. events.Select(EncodeEntry)];
        IReadOnlyList<AppendResult> appended = cluster is not null
            ? await cluster.AppendAsync(entries, cancellationToken)
            : await AppendEncodedAsync(entries, events, cancellationToken);
        OwnersVoteTelemetry.Appended(events, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return appended;
    }

    /// <summary>
    /// Appends encoded entries (with their decoded events, for the projections) through this
    /// process's appender: the single node, or the cluster's sequencer.
    /// </summary>
    internal async Task<IReadOnlyList<AppendResult>> AppendEncodedAsync(IReadOnlyList<byte[]> entries, IReadOnlyList<LedgerEvent> events, CancellationToken cancellationToken) =>
        (await AppendAndProjectAsync(entries, events, cancellationToken)).Results;

    /// <summary>
    /// Appends one event as <see cref="AppendAsync"/> does, and also returns its logged bytes and,
    /// for a ballot this process projected, what the projection decided — so the caller need not
    /// read it back from the tables. On a cluster node the sequencer projects: <see cref="ProjectedAppend.Ballot"/> is null there.
    /// </summary>
    /// <exception cref="ArgumentException">The event breaks its schema (EventCodec).</exception>
    /// <exception cref="EntryTooLargeException">The event's entry exceeds 65,535 bytes; nothing was logged.</exception>
    /// <exception cref="LogStorageException">The appender failed; nothing was logged.</exception>
    /// <exception cref="ProjectionException">The entry is logged but the tables could not apply it; the next append, or the projector after a pause, retries.</exception>
    public async Task<ProjectedAppend> AppendProjectedAsync(LedgerEvent ledgerEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledgerEvent);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        byte[] entry = EncodeEntry(ledgerEvent);
        ProjectedAppend projected;
        if (cluster is not null)
        {
            projected = new ProjectedAppend((await cluster.AppendAsync([entry], cancellationToken))[0], entry, null);
        }
        else
        {
            (IReadOnlyList<AppendResult> results, WaitingEntry[] waiting) = await AppendAndProjectAsync([entry], [ledgerEvent], cancellationToken);
            projected = new ProjectedAppend(results[0], entry, waiting[0].Ballot);
        }

        OwnersVoteTelemetry.Appended([ledgerEvent], System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return projected;
    }

    private async Task<(IReadOnlyList<AppendResult> Results, WaitingEntry[] Waiting)> AppendAndProjectAsync(IReadOnlyList<byte[]> entries, IReadOnlyList<LedgerEvent> events, CancellationToken cancellationToken)
    {
        AppendResult[] results = [];
        var waiting = new WaitingEntry[entries.Count];
        try
        {
            LogAppender appender = Appender;
            // A caller's entries are one group: sequenced consecutively, in order and in one batch
            // (one journal record), so a crash keeps all of them or none — a roll's parts with the
            // vote's announcement, a correction with its tally.
            results = entries.Count == 1
                ? [await appender.AppendAsync(entries[0], CancellationToken.None)]
                : await appender.AppendAllAsync([.. entries.Select(e => new ReadOnlyMemory<byte>(e))], CancellationToken.None);
            lock (_waitingLock)
            {
                for (int i = 0; i < results.Length; i++)
                {
                    if (results[i].Index != results[0].Index + i)
                    {
                        throw new LogStorageException($"Entry {i} of the batch was sequenced at {results[i].Index}, not {results[0].Index + i}: another writer shares the log directory.");
                    }

                    waiting[i] = new WaitingEntry(results[i].Index, events[i], results[i].LeafHash);
                    _waiting.Add(waiting[i].Index, waiting[i]);
                }
            }

            WakeProjector();
            // Projected, or failed, by the projector thread's next run (never cancelled: the
            // entries are durable, and the run may hold other callers' entries).
            await Task.WhenAll(waiting.Select(w => w.Projected.Task));
        }
        finally
        {
            // Durable entries are witnessed even when projecting them failed: the checkpoint that
            // commits to them is public from now on. After the projection, not beside it: a round
            // begun at once covers fewer entries, and rounds cost CPU (measured: more CPU per
            // ballot and fewer ballots/s).
            if (results.Length > 0)
            {
                await CosignAtLeastAsync(results[^1].Index + 1);
            }
        }

        ServedCheckpoint served = Volatile.Read(ref _served)!;
        return ([.. results.Select(r => r with { Checkpoint = served.Note, TreeSize = served.Size })], waiting);
    }

    /// <summary>
    /// Reads the whole log back through the tile store, verifying checkpoint signature, tiles and
    /// root (<see cref="LogAuditor"/>) and every other file of the log directory
    /// (<see cref="LogDirectory"/>), and applies the entries beyond the projections' applied
    /// size: dropping the tables and restarting rebuilds them.
    /// </summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var entries = new List<byte[]>();
            AuditedLog audited = await LogAuditor.AuditAsync(Appender.Store, Verifier, [], 0, (_, entry) => entries.Add(entry.ToArray()), cancellationToken);
            // Also the files the audit does not read: partial tiles of earlier sizes (kept for
            // clients at older checkpoints) and anything else in the directory.
            await LogDirectory.CheckFilesAsync(Appender.Store.Root, audited.Checkpoint.Checkpoint.Size, cancellationToken);

            await using AsyncServiceScope scope = scopes.CreateAsyncScope();
            Projector projector = scope.ServiceProvider.GetRequiredService<Projector>();
            long applied = await projector.AppliedSizeAsync(cancellationToken);
            if (applied > entries.Count)
            {
                throw new ProjectionException(
                    $"The tables hold {applied} log entries but the log has {entries.Count}: they were built from another log. Drop them to rebuild from this one.");
            }

            _tree = new MerkleTree();
            var nodes = new NodeHashes();
            _unprojected.Clear();
            _nextToProject = entries.Count;
            for (int i = 0; i < entries.Count; i++)
            {
                Hash leaf = Merkle.HashLeaf(entries[i]);
                _tree.Append(leaf);
                nodes.Append(leaf);
                if (i >= applied)
                {
                    _unprojected.Add(new LoggedEvent(i, Decode(i, entries[i]), _tree.Root));
                }
            }

            if (_tree.Root != audited.Checkpoint.Checkpoint.Root)
            {
                throw new LogVerificationException($"The entries hash to another root than the checkpoint of size {entries.Count}.");
            }

            lock (_nodesLock)
            {
                _nodes = nodes;
            }

            LogCatchUp(logger, entries.Count, applied);
            await ProjectUnprojectedAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// An inclusion proof (RFC 9162 §2.1.3) for entry <paramref name="index"/> in the tree of
    /// <paramref name="treeSize"/>: from the node hashes in memory when this process projected the
    /// tree's entries, otherwise from the stored tiles.
    /// </summary>
    public async Task<IReadOnlyList<Hash>> ProveInclusionAsync(long index, long treeSize, CancellationToken cancellationToken)
    {
        lock (_nodesLock)
        {
            if (treeSize <= _nodes.Size)
            {
                return InclusionProof.Create(index, treeSize, _nodes);
            }
        }

        if (_appender is { } appender)
        {
            return await appender.ProveInclusionAsync(index, treeSize, cancellationToken);
        }

        // A cluster node that is not the sequencer reads the shared tiles.
        TileHashSource source = await TileHashSource.LoadAsync(Store, treeSize, s => InclusionProof.Create(index, treeSize, s), cancellationToken);
        return InclusionProof.Create(index, treeSize, source);
    }

    /// <summary>
    /// Whether <paramref name="entry"/> is the entry at <paramref name="index"/>, judged by its RFC
    /// 9162 leaf hash against the node hashes in memory; false when the index is not held there.
    /// </summary>
    public bool HoldsEntry(long index, ReadOnlySpan<byte> entry)
    {
        Hash leaf = Merkle.HashLeaf(entry);
        lock (_nodesLock)
        {
            return index >= 0 && index < _nodes.Size && _nodes.GetNode(0, index) == leaf;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _projectWake.Set();
        if (_projector is { } projector)
        {
            await Task.Run(projector.Join);
        }

        _projection.Dispose();

        _projectWake.Dispose();
        if (_appender is not null)
        {
            await _appender.DisposeAsync();
        }

        _signer?.Dispose();
        _additionalSigners.ForEach(s => s.Dispose());
        _gate.Dispose();
        _cosignGate.Dispose();
    }

    /// <summary>
    /// Makes <see cref="LatestCheckpoint"/> a checkpoint of at least <paramref name="size"/> entries
    /// that the witnesses were asked to cosign: unless a concurrent call already did, takes the
    /// appender's newest checkpoint and collects cosignatures on it. Never cancelled by a caller: the
    /// entries are durable, and each witness is bounded by <c>Witnesses:Timeout</c>.
    /// </summary>
    private async Task CosignAtLeastAsync(long size)
    {
        // Covered by a round that ended already: no turn at the gate, behind the callers of the
        // round still running.
        if (Volatile.Read(ref _served)!.Size >= size)
        {
            return;
        }

        await _cosignGate.WaitAsync(CancellationToken.None);
        try
        {
            if (Volatile.Read(ref _served)!.Size >= size)
            {
                return;
            }

            byte[] latest = Appender.LatestCheckpoint;
            long latestSize = Checkpoint.Parse(Note.Parse(latest).Text).Size;
            if (witnesses.Client is not WitnessClient client)
            {
                Volatile.Write(ref _served, new ServedCheckpoint(latest, latestSize));
                return;
            }

            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            WitnessedCheckpoint witnessed = await client.CollectAsync(latest, (from, ct) => ProveConsistencyAsync(from, latestSize, ct), CancellationToken.None);
            OwnersVoteTelemetry.WitnessRoundDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
            Volatile.Write(ref _served, new ServedCheckpoint(witnessed.SignedNote, latestSize));
            if (witnesses.Shortfall(string.Empty, witnessed) is { } shortfall)
            {
                LogWitnessShortfall(logger, latestSize, shortfall, string.Join("; ", witnessed.Failures));
            }
            else if (witnessed.Failures.Count > 0)
            {
                LogWitnessFailures(logger, latestSize, string.Join("; ", witnessed.Failures));
            }
        }
        finally
        {
            _cosignGate.Release();
        }
    }

    /// <summary>
    /// The newest checkpoint on which a receipt of <paramref name="compoundId"/> may be given: one
    /// cosigned by the deployment's quorum of witnesses and by the compound's own quorum
    /// (<see cref="LogWitnesses.Shortfall(string, byte[])"/>). When the served checkpoint lacks them, the witnesses
    /// are asked once more now (a witness back from an outage cosigns at once); if they still
    /// lack, the receipt is held: <see cref="ReceiptCheckpoint.Note"/> is null and
    /// <see cref="ReceiptCheckpoint.Shortfall"/> says what is missing. The entries stand either way.
    /// </summary>
    public async Task<ReceiptCheckpoint> CheckpointForReceiptAsync(string compoundId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(compoundId);
        byte[] latest = LatestCheckpoint;
        if (witnesses.Shortfall(compoundId, latest) is null)
        {
            return new ReceiptCheckpoint(latest, null);
        }

        await _cosignGate.WaitAsync(cancellationToken);
        try
        {
            latest = LatestCheckpoint;
            if (witnesses.Shortfall(compoundId, latest) is null)
            {
                return new ReceiptCheckpoint(latest, null);
            }

            WitnessClient client = witnesses.Client ?? throw new InvalidOperationException("A quorum is required but no witness is configured.");
            long size = Checkpoint.Parse(Note.Parse(latest).Text).Size;
            WitnessedCheckpoint witnessed = await client.CollectAsync(latest, (from, ct) => ProveConsistencyAsync(from, size, ct), CancellationToken.None);
            if (cluster is null && Volatile.Read(ref _served) is { } served && served.Size == size)
            {
                // The same checkpoint with the cosignatures obtained now: served from here on.
                Volatile.Write(ref _served, new ServedCheckpoint(witnessed.SignedNote, size));
            }

            if (witnesses.Shortfall(compoundId, witnessed) is { } shortfall)
            {
                string failures = string.Join("; ", witnessed.Failures);
                LogReceiptHeld(logger, compoundId, size, shortfall, failures);
                return new ReceiptCheckpoint(null, failures.Length == 0 ? shortfall : $"{shortfall} ({failures})");
            }

            return new ReceiptCheckpoint(witnessed.SignedNote, null);
        }
        finally
        {
            _cosignGate.Release();
        }
    }

    // RFC 9162 §2.1.4 consistency proof between two sizes: from the node hashes in memory when this
    // process projected the larger tree's entries (issue 10: each witness round read its tiles from
    // disk), otherwise from the appender's stored tiles (reads are safe while it appends; a deleted
    // partial tile falls back to its full tile).
    private async Task<IReadOnlyList<Hash>> ProveConsistencyAsync(long from, long to, CancellationToken cancellationToken)
    {
        lock (_nodesLock)
        {
            if (to <= _nodes.Size)
            {
                return ConsistencyProof.Create(from, to, _nodes);
            }
        }

        TileHashSource source = await TileHashSource.LoadAsync(Store, to, s => ConsistencyProof.Create(from, to, s), cancellationToken);
        return ConsistencyProof.Create(from, to, source);
    }

    // c2sp.org/tlog-tiles: an entry's length is 16 bits. Checked here, before anything is queued,
    // so the caller can say why instead of failing with the appender's ArgumentException.
    private static byte[] EncodeEntry(LedgerEvent ledgerEvent)
    {
        byte[] entry = EventCodec.Encode(ledgerEvent);
        return entry.Length <= EntryBundle.MaxEntrySize
            ? entry
            : throw new EntryTooLargeException(ledgerEvent.GetType().Name, entry.Length);
    }

    private static LedgerEvent Decode(long index, byte[] entry)
    {
        try
        {
            return EventCodec.Decode(entry);
        }
        catch (EventFormatException e)
        {
            throw new ProjectionException($"Log entry {index} is not an event this software reads: {e.Message}", e);
        }
    }

    private void WakeProjector()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_projector is null)
        {
            lock (_projectorStart)
            {
                if (_projector is null)
                {
                    var thread = new Thread(ProjectLoop) { IsBackground = true, Name = "OwnersVote projector" };
                    thread.Start();
                    _projector = thread;
                }
            }
        }

        _projectWake.Set();
    }

    private void ProjectLoop()
    {
        try
        {
            RunProjections();
        }
        finally
        {
            FailWaitingAtClose();
        }
    }

    // One wake may stand for many appends: each run takes every consecutive waiting entry. A run
    // that fails has handed its exception to the entries' callers; they stay in _unprojected, and
    // the next wake retries them: the next append, or, when none comes (the database was away and
    // the deadline's last ballot is in), the thread itself after a pause that doubles from
    // FirstProjectionRetry to MaxProjectionRetry while the tables keep refusing.
    private void RunProjections()
    {
        TimeSpan pause = Timeout.InfiniteTimeSpan;
        while (!_disposed)
        {
            try
            {
                _projectWake.WaitOne(pause);
            }
            catch (ObjectDisposedException)
            {
                // Started by an append that raced DisposeAsync.
                return;
            }

            if (_disposed)
            {
                return;
            }

            try
            {
                ProjectConsecutiveAsync().GetAwaiter().GetResult();
                pause = Timeout.InfiniteTimeSpan;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                pause = pause == Timeout.InfiniteTimeSpan ? FirstProjectionRetry : TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxProjectionRetry.Ticks));
                LogProjectionFailed(logger, pause, e);
            }
        }
    }

    // The log closed while appends waited for their projection: their wake came after the last
    // run. The entries are durable; CatchUpAsync projects them at the next start. Their callers
    // learn it now instead of waiting for good. An append that arrives later finds _disposed set
    // (WakeProjector throws).
    private void FailWaitingAtClose()
    {
        lock (_waitingLock)
        {
            foreach (WaitingEntry w in _waiting.Values)
            {
                w.Projected.TrySetException(new ObjectDisposedException(nameof(EventLog), $"The log closed before entry {w.Index} was projected; it is durable and is projected at the next start."));
            }

            _waiting.Clear();
        }
    }

    // Moves the waiting entries that continue the projected prefix into the tables, in log order.
    private async Task ProjectConsecutiveAsync()
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            lock (_waitingLock)
            {
                while (_waiting.Remove(_nextToProject, out WaitingEntry? next))
                {
                    _tree.Append(next.LeafHash);
                    lock (_nodesLock)
                    {
                        _nodes.Append(next.LeafHash);
                    }

                    _unprojected.Add(new LoggedEvent(next.Index, next.Event, _tree.Root));
                    _projecting.Add(next);
                    _nextToProject++;
                }
            }

            try
            {
                // Not cancelled by one caller: the batch may hold other callers' entries.
                IReadOnlyDictionary<long, BallotRow> ballots = await ProjectUnprojectedAsync(CancellationToken.None);
                foreach (WaitingEntry w in _projecting)
                {
                    if (ballots.TryGetValue(w.Index, out BallotRow? row))
                    {
                        w.Ballot = new ProjectedBallot(row.Counts, row.Rejection);
                    }

                    w.Projected.TrySetResult();
                }
            }
            catch (Exception e)
            {
                // The entries stay in _unprojected: the next run retries them (RunProjections).
                _projecting.ForEach(w => w.Projected.TrySetException(e));
                throw;
            }
            finally
            {
                _projecting.Clear();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    // Applies the entries waiting for the tables in one transaction; returns the ballot rows the run
    // added, by log index, as they stand at its end.
    private async Task<IReadOnlyDictionary<long, BallotRow>> ProjectUnprojectedAsync(CancellationToken cancellationToken)
    {
        if (_unprojected.Count == 0)
        {
            return new Dictionary<long, BallotRow>();
        }

        bool onlyBallots = _unprojected.TrueForAll(e => e.Event is BallotCast);
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        Projector projector = scope.ServiceProvider.GetRequiredService<Projector>();
        projector.UseConnection(_projection);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await projector.ApplyAsync(_unprojected, cancellationToken);
            OwnersVoteTelemetry.ProjectionRunSize.Record(_unprojected.Count);
            OwnersVoteTelemetry.ProjectionRunDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        finally
        {
            // After the commit (or a rollback): what the cast path keeps in memory is read again.
            if (!onlyBallots)
            {
                reads?.Invalidate();
            }
        }

        _unprojected.Clear();
        return projector.AddedBallots;
    }

    private static InvalidOperationException NotOpen() => new("The event log is not open yet (EventLog.OpenAsync runs at startup).");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint {TreeSize} has {Shortfall}; served as is, the next append asks again: {Failures}")]
    private static partial void LogWitnessShortfall(ILogger logger, long treeSize, string shortfall, string failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A receipt of compound {Compound} is held: checkpoint {TreeSize} has {Shortfall}: {Failures}")]
    private static partial void LogReceiptHeld(ILogger logger, string compound, long treeSize, string shortfall, string failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Checkpoint {TreeSize} cosigned by a quorum; some witnesses did not answer: {Failures}")]
    private static partial void LogWitnessFailures(ILogger logger, long treeSize, string failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "Projecting durable log entries failed; the next append retries them, or the projector itself in {Pause}")]
    private static partial void LogProjectionFailed(ILogger logger, TimeSpan pause, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Log {Origin} opened at size {TreeSize}")]
    private static partial void LogOpened(ILogger logger, string origin, long treeSize);

    [LoggerMessage(Level = LogLevel.Information, Message = "Log audited: {TreeSize} entries, {Applied} already in the tables")]
    private static partial void LogCatchUp(ILogger logger, int treeSize, long applied);

    /// <summary>The served checkpoint note and its tree size (-1 before witnesses were first asked).</summary>
    private sealed record ServedCheckpoint(byte[] Note, long Size);

    private sealed record WaitingEntry(long Index, LedgerEvent Event, Hash LeafHash)
    {
        public TaskCompletionSource Projected { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        // What the projection decided, for a ballot; set before Projected completes.
        public ProjectedBallot? Ballot { get; set; }
    }
}
