namespace OwnersVote.Web.Data;

/// <summary>
/// A vote being prepared by the committee or an officer (issue 7 part 1). Drafts are private and
/// change nothing until announced, so they are not log entries: announcing appends the frozen roll
/// and the matter (<c>RollFrozen</c>, <c>MatterPublished</c>) and the log takes over. Like
/// invitations, this table is not derived from the log; a rebuilt store has no drafts.
/// </summary>
public sealed class VoteDraftRow
{
    /// <summary>The vote id it will be announced under.</summary>
    public required string Id { get; set; }

    public required string CompoundId { get; set; }

    public required string Title { get; set; }

    public required string Text { get; set; }

    /// <summary>The questions, a JSON array of <c>{"id","text","threshold"}</c> (threshold <c>Ordinary</c> or <c>Major</c>).</summary>
    public required string Questions { get; set; }

    /// <summary>The buildings in scope, comma-separated; empty for the whole compound.</summary>
    public string Scope { get; set; } = "";

    public DateTimeOffset OpensAt { get; set; }

    public DateTimeOffset ClosesAt { get; set; }

    /// <summary>The objection period in hours, or null for none.</summary>
    public int? ObjectionHours { get; set; }

    /// <summary>Reminder rounds, hours before the close, comma-separated.</summary>
    public string Reminders { get; set; } = "";

    public bool AllowChange { get; set; }

    public bool SilentMajority { get; set; }

    /// <summary>Who last saved it (staff id or committee actor).</summary>
    public required string UpdatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
