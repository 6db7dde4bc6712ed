namespace OwnersVote.Web.Cluster;

/// <summary>
/// The <c>Cluster</c> section: several web nodes on one PostgreSQL, one of them the sequencer
/// (docs/operations.md "Several nodes"). Off by default: a single node on SQLite or PostgreSQL
/// appends in process exactly as before.
/// </summary>
public sealed class ClusterOptions
{
    /// <summary>The section name.</summary>
    public const string Section = "Cluster";

    /// <summary>
    /// The advisory-lock key the sequencer holds (<c>pg_try_advisory_lock</c>): "OVSEQ" in ASCII.
    /// Two deployments on one PostgreSQL database would need different keys; use one database per deployment.
    /// </summary>
    public const long DefaultLockKey = 0x4F_56_53_45_51;

    /// <summary>Run as one node of several (PostgreSQL only).</summary>
    public bool Enabled { get; set; }

    /// <summary>This node's name in logs and in <c>cluster_state.sequencer</c>; defaults to the host name and process id.</summary>
    public string? NodeName { get; set; }

    /// <summary>The advisory-lock key; every node of a deployment must use the same one.</summary>
    public long LockKey { get; set; } = DefaultLockKey;

    /// <summary>
    /// A file on the shared log volume that the sequencer holds an exclusive lock on (flock) while it
    /// appends: a fence, so a leader that lost its database session but still runs cannot write
    /// beside its successor. Defaults to <c>&lt;Log:Directory&gt;.sequencer.lock</c> (beside the log
    /// directory, whose every file must be a log file).
    /// </summary>
    public string? FenceFile { get; set; }

    /// <summary>How often a follower tries to become the sequencer, and how long any wait for a notification lasts before polling.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a request waits for its entries to be sequenced before it fails (the entries may still be appended later).</summary>
    public TimeSpan AppendTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a starting node waits for a sequencer to be known (its own or another node's).</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The most queued entries the sequencer appends as one batch.</summary>
    public int MaxBatch { get; set; } = 1024;

    /// <summary>How long sequenced queue rows are kept (the waiting node reads its result from them).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromMinutes(15);
}
