namespace OwnersVote.Web.Data;

/// <summary>
/// One scanned page in the officers' review queue (DESIGN.md §2 "Paper ballots"; issue 5). Not
/// derived from the log: an upload is not a log event. What counts is the <c>PaperBallotRecorded</c>
/// appended once two different officers confirmed it (two-person rule, DESIGN.md §3), naming the
/// stored image by <see cref="ImageSha256"/>.
/// </summary>
public sealed class PaperScanRow
{
    /// <summary>A random id, lowercase hex.</summary>
    public required string Id { get; set; }

    public required string CompoundId { get; set; }

    public required string MatterId { get; set; }

    /// <summary>The uploaded file's name as the browser sent it, and the page within it (from 1).</summary>
    public required string FileName { get; set; }

    public int Page { get; set; }

    /// <summary>SHA-256 (lowercase hex) of the page image as read (a grey PNG in the scan store): what the log names.</summary>
    public required string ImageSha256 { get; set; }

    /// <summary>SHA-256 of the uploaded file the page came from.</summary>
    public required string UploadSha256 { get; set; }

    public int ImageWidth { get; set; }

    public int ImageHeight { get; set; }

    public required string UploadedBy { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    /// <summary><c>pending</c>, <c>confirmed</c>, <c>recording</c>, <c>recorded</c>, <c>duplicate</c> or <c>refused</c> (<c>PaperScanStates</c>).</summary>
    public required string State { get; set; }

    /// <summary>The scanner read every step clearly (<c>SheetStatus.Accepted</c>).</summary>
    public bool ReadClearly { get; set; }

    /// <summary>Why the sheet can never be recorded (a forged or foreign QR code, no code at all), or null.</summary>
    public string? Refusal { get; set; }

    /// <summary>The unit and serial of the authenticated QR code, or null.</summary>
    public string? UnitId { get; set; }

    public string? Serial { get; set; }

    /// <summary>The scanner's reading as JSON: per question the value and the three boxes' ink, the signature, the reasons, the outlines.</summary>
    public required string Reading { get; set; }

    /// <summary>The first officer, who confirmed or corrected the reading.</summary>
    public string? ConfirmedBy { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>The confirmed answers, one <c>question=choice</c> per line (yes, no, abstain, invalid), in question order.</summary>
    public string? Answers { get; set; }

    /// <summary>The first officer saw a signature.</summary>
    public bool? Signed { get; set; }

    /// <summary>The second officer, who approved.</summary>
    public string? ApprovedBy { get; set; }

    /// <summary>
    /// The serial this row records, set by the one approval that claims it. Unique per matter
    /// (a unique index), so of two approvals of the same serial — of one sheet or of two copies,
    /// on one server or several — the database lets exactly one through.
    /// </summary>
    public string? ClaimedSerial { get; set; }

    /// <summary>The log index of the <c>PaperBallotRecorded</c>, once appended.</summary>
    public long? LogIndex { get; set; }

    /// <summary>Why the recorded sheet does not count (e.g. <c>online-wins-over-paper</c>), or null.</summary>
    public string? Superseded { get; set; }
}
