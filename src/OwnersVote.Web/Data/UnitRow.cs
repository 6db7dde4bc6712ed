namespace OwnersVote.Web.Data;

/// <summary>An exclusive unit (专有部分) with its area (JI art. 8) and headcount principal (JI art. 9).</summary>
public sealed class UnitRow
{
    public required string CompoundId { get; set; }

    /// <summary>The unit id as on the roll, e.g. "57-101".</summary>
    public required string Id { get; set; }

    public required string BuildingId { get; set; }

    /// <summary>Exclusive area in 0.01 m².</summary>
    public long AreaHundredths { get; set; }

    /// <summary>Where the area figure comes from (registry, survey or contract; JI art. 8).</summary>
    public required string AreaSource { get; set; }

    /// <summary>The owner who casts this unit's vote: a keyed-hash id, or the developer.</summary>
    public required string OwnerId { get; set; }
}
