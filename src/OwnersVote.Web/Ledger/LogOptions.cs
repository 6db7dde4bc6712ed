namespace OwnersVote.Web.Ledger;

/// <summary>The <c>Log</c> configuration section: where the log lives and how it signs.</summary>
public sealed class LogOptions
{
    /// <summary>The section name.</summary>
    public const string Section = "Log";

    /// <summary>The log directory (c2sp.org/tlog-tiles layout plus the sequencer's journal), relative to the content root.</summary>
    public string Directory { get; set; } = "data/log";

    /// <summary>The checkpoint origin line; defaults to the public URL's host followed by <c>/log</c>.</summary>
    public string? Origin { get; set; }

    /// <summary>The log's signer key file (a note signer key, one line), generated on first run with mode 0600.</summary>
    public string KeyFile { get; set; } = "data/log.key";

    /// <summary>
    /// Log-key rotation (docs/operations.md "Key management"): further signer key files (one line
    /// each, never generated) whose keys sign every checkpoint beside <see cref="KeyFile"/>'s.
    /// </summary>
    public IList<string> AdditionalKeyFiles { get; } = [];

    /// <summary>
    /// Verifier keys that no longer sign but that older checkpoints, and so older receipts, carry:
    /// published at <c>/log/key</c> and accepted when checking a receipt.
    /// </summary>
    public IList<string> RetiredKeys { get; } = [];

    /// <summary>
    /// How long the sequencer waits for more entries once one is queued (group commit): every batch
    /// costs a journal fsync, a new partial tile per level, a signed checkpoint and a witness round,
    /// so under load a short wait pools many ballots into one. Only while busy (the previous batch
    /// or the queue holds more than one entry): a lone append is never held. Zero sequences each
    /// entry as soon as the previous batch is durable. Default 5 ms (issue 10, docs/benchmarks.md:
    /// 787 → 1,012 ballots/s, server CPU per ballot 1,976 → 1,523 µs).
    /// </summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The address the server is reached at; its host names the log when <see cref="Origin"/> is not set.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5000";
}
