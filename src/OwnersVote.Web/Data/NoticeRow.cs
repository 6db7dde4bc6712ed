namespace OwnersVote.Web.Data;

/// <summary>A published notice (NoticePublished).</summary>
public sealed class NoticeRow
{
    public required string CompoundId { get; set; }

    public required string Id { get; set; }

    public required string Title { get; set; }

    public required string Body { get; set; }

    /// <summary>The buildings it concerns, sorted, one per line; empty for the whole compound.</summary>
    public required string Scope { get; set; }

    /// <summary>The attachments, a JSON array of <c>{"name","sha256"}</c>, sorted by name.</summary>
    public required string Attachments { get; set; }

    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>Who published it (the event's actor).</summary>
    public required string Actor { get; set; }

    /// <summary>The log entry that published it.</summary>
    public long LogIndex { get; set; }
}
