namespace OwnersVote.Web.Data;

/// <summary>A matter put to the vote (表决事项).</summary>
public sealed class MatterRow
{
    public required string Id { get; set; }

    public required string CompoundId { get; set; }

    public required string Title { get; set; }

    public required string Text { get; set; }

    /// <summary>Which threshold applies: Ordinary (more than half) or Major (at least three quarters).</summary>
    public required string Threshold { get; set; }

    public DateTimeOffset OpensAt { get; set; }

    public DateTimeOffset ClosesAt { get; set; }

    /// <summary>When the vote was closed (VoteClosed), or null while it is open.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>When the result was published (TallyPublished), or null.</summary>
    public DateTimeOffset? ResultPublishedAt { get; set; }

    /// <summary>The published result, or null before TallyPublished.</summary>
    public bool? ResultPassed { get; set; }

    /// <summary>Whether a later ballot replaces an earlier one while the vote is open (MatterPublished.allowChange).</summary>
    public bool AllowChange { get; set; }

    /// <summary>Whether ballots carry a handwritten signature: <c>off</c>, <c>optional</c> or <c>required</c> (issue 11).</summary>
    public string Handwriting { get; set; } = "off";

    /// <summary>Every question id, sorted, one per line: a ballot answers exactly these.</summary>
    public required string Questions { get; set; }

    /// <summary>The answers offered (yes, no, abstain), one per line.</summary>
    public required string Options { get; set; }

    /// <summary>The question the pages count: the first by id (the demo's matters ask one).</summary>
    /// <summary>The questions' texts, a JSON array in the order of <see cref="Questions"/>.</summary>
    public required string QuestionTexts { get; set; }

    /// <summary>The attached documents, a JSON array of <c>{"name","sha256"}</c>, sorted by name.</summary>
    public required string Documents { get; set; }

    public required string Question { get; set; }

    /// <summary>The log's tree size just after TallyPublished (its index + 1), or null.</summary>
    public long? TallyTreeSize { get; set; }

    /// <summary>The log's root hash (base64) at <see cref="TallyTreeSize"/>, or null.</summary>
    public string? TallyRootHash { get; set; }

    /// <summary>When the system logged VoteOpened, or null (before it, or for logs without it).</summary>
    public DateTimeOffset? OpenedAt { get; set; }

    /// <summary>The objection period after the preliminary result in hours (MatterPublished.objectionHours), or null for none.</summary>
    public int? ObjectionHours { get; set; }

    /// <summary>Whether the silent-majority clause applies (off by default; DESIGN.md §1).</summary>
    public bool SilentMajority { get; set; }

    /// <summary>Reminder rounds, hours before the close, comma-separated.</summary>
    public string Reminders { get; set; } = "";

    /// <summary>Each question's own threshold class in the order of <see cref="Questions"/>, one per line; empty lines use the matter's.</summary>
    public string QuestionThresholds { get; set; } = "";

    /// <summary>The published TallyPublished event as logged (its canonical JSON), or null.</summary>
    public string? TallyJson { get; set; }

    /// <summary>
    /// The upheld objection (ObjectionResolved.upheld) that awaits a corrected preliminary result,
    /// or null: meanwhile the result cannot become final (VoteReplay).
    /// </summary>
    public string? CorrectionDue { get; set; }

    /// <summary>When ResultFinalised was logged, or null.</summary>
    public DateTimeOffset? FinalisedAt { get; set; }

    /// <summary>The log's tree size just after ResultFinalised, or null.</summary>
    public long? FinalTreeSize { get; set; }

    /// <summary>The log's root hash (base64) at <see cref="FinalTreeSize"/>, or null.</summary>
    public string? FinalRootHash { get; set; }
}
