namespace OwnersVote.Web.Data;

/// <summary>
/// A further co-owner of a unit (共有人) besides <see cref="RollUnitRow.OwnerId"/>, who casts the
/// unit's one vote (JI art. 9). Cleared when the unit is transferred.
/// </summary>
public sealed class RollCoOwnerRow
{
    public required string CompoundId { get; set; }

    public required string UnitId { get; set; }

    /// <summary>The co-owner (<see cref="RollOwnerRow.Id"/>).</summary>
    public required string OwnerId { get; set; }
}
