namespace OwnersVote.Web.Data;

/// <summary>
/// A change of a unit's owner (a sale, 过户), effective at <see cref="EffectiveAt"/>: a vote that
/// opens at or after it is frozen with the new owner, one that opened before with the old one.
/// </summary>
public sealed class RollTransferRow
{
    public long Id { get; set; }

    public required string CompoundId { get; set; }

    public required string UnitId { get; set; }

    public required string FromOwnerId { get; set; }

    public required string ToOwnerId { get; set; }

    /// <summary>When ownership passed (the registration date of the transfer).</summary>
    public DateTimeOffset EffectiveAt { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The officer who recorded it.</summary>
    public required string RecordedBy { get; set; }
}
