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

    /// <summary>The address the server is reached at; its host names the log when <see cref="Origin"/> is not set.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5000";
}
