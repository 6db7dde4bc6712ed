namespace OwnersVote.Web.Data;

/// <summary>An objection to a preliminary result (Objection) and its answer (ObjectionResolved).</summary>
public sealed class ObjectionRow
{
    public required string MatterId { get; set; }

    public required string Id { get; set; }

    /// <summary>The filing owner's keyed hash.</summary>
    public required string OwnerHash { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset FiledAt { get; set; }

    /// <summary>The entry's index in the log.</summary>
    public long LogIndex { get; set; }

    public string? Answer { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    public string? AnsweredBy { get; set; }

    /// <summary>The committee upheld it (ObjectionResolved.upheld): the result had to be corrected and published again.</summary>
    public bool Upheld { get; set; }
}
