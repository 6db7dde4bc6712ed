namespace OwnersVote.Web.Features.Privacy;

/// <summary>The <c>Privacy</c> configuration section (PIPL: minimum data, kept no longer than needed).</summary>
public sealed class PrivacyOptions
{
    /// <summary>The section name.</summary>
    public const string Section = "Privacy";

    /// <summary>How long each kind of personal data is kept (<c>Privacy:Retention:*</c>).</summary>
    public RetentionOptions Retention { get; set; } = new();
}

/// <summary>
/// Retention periods, enforced by <see cref="RetentionService"/>. A period of zero or less keeps
/// that kind of data for ever (the sweep skips it).
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>Notices in the outbox file, counted from when they were raised.</summary>
    public TimeSpan Outbox { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Invitation codes (their hashes and who issued them), counted from their use, or from their expiry if never used.</summary>
    public TimeSpan Invitations { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Scanned paper ballots, counted from the publication of the vote's result (the vote is final).</summary>
    public TimeSpan Scans { get; set; } = TimeSpan.FromDays(180);

    /// <summary>
    /// The folder of scanned paper ballots, each file named by the SHA-256 the log records
    /// (<c>&lt;sha256&gt;</c> or <c>&lt;sha256&gt;.&lt;ext&gt;</c>), relative to the content root; null: no scans are kept here.
    /// </summary>
    public string? ScanDirectory { get; set; }

    /// <summary>How often the sweep runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The most rows, notices or files one sweep removes of each kind; the rest waits for the next run.</summary>
    public int BatchLimit { get; set; } = 1000;

    /// <summary>How long one sweep may take before it is cancelled (the next run continues).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);
}
