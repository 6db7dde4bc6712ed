namespace OwnersVote.Web.Data;

/// <summary>
/// An exclusive unit (专有部分) on the roll frozen for one vote (RollFrozen), with its area
/// (JI art. 8) and headcount principal (JI art. 9).
/// </summary>
public sealed class UnitRow
{
    public required string CompoundId { get; set; }

    /// <summary>The vote whose frozen roll this row is on.</summary>
    public required string VoteId { get; set; }

    /// <summary>The unit id as on the roll, e.g. "57-101".</summary>
    public required string Id { get; set; }

    public required string BuildingId { get; set; }

    /// <summary>Exclusive area in 0.01 m².</summary>
    public long AreaHundredths { get; set; }

    /// <summary>Where the area figure comes from (registry, survey or contract; JI art. 8).</summary>
    public required string AreaSource { get; set; }

    /// <summary>The headcount principal who casts this unit's vote: a keyed-hash id, or the developer.</summary>
    public required string OwnerId { get; set; }

    /// <summary>The owner's keyed hash (OwnerKey.Hash): only a credential enrolled for it may sign for the unit.</summary>
    public required string OwnerHash { get; set; }
}
