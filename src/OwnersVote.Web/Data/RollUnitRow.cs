namespace OwnersVote.Web.Data;

/// <summary>
/// A unit on the compound's editable roll (issue 6 §1), from which each vote's roll is frozen
/// (<c>RollFrozen</c>). Not derived from the log; every change is recorded in <see cref="RollHistoryRow"/>.
/// </summary>
public sealed class RollUnitRow
{
    public required string CompoundId { get; set; }

    /// <summary>The unit id, unique in the compound, e.g. "57-101".</summary>
    public required string Id { get; set; }

    public required string BuildingId { get; set; }

    /// <summary>Exclusive area in 0.01 m² (JI art. 8).</summary>
    public long AreaHundredths { get; set; }

    /// <summary>registry, survey or contract (JI art. 8), as RollCsv writes it.</summary>
    public required string AreaSource { get; set; }

    /// <summary>
    /// The current owner who casts the unit's vote (<see cref="RollOwnerRow.Id"/>): the sole owner,
    /// the co-owner the co-owners chose (JI art. 9: a co-owned unit is one vote), or <c>DEVELOPER</c>.
    /// </summary>
    public required string OwnerId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
