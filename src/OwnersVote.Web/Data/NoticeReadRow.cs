namespace OwnersVote.Web.Data;

/// <summary>
/// A read receipt: an owner opened a notice. Not a log event (reading changes no outcome), so like
/// <see cref="InvitationRow"/> it is kept across a rebuild rather than replayed.
/// </summary>
public sealed class NoticeReadRow
{
    public required string CompoundId { get; set; }

    public required string NoticeId { get; set; }

    /// <summary>The owner's keyed hash (never a name).</summary>
    public required string OwnerHash { get; set; }

    /// <summary>When the owner first opened it.</summary>
    public DateTimeOffset ReadAt { get; set; }
}
