namespace OwnersVote.Web.Data;

/// <summary>A building (楼栋) of a compound.</summary>
public sealed class BuildingRow
{
    public required string CompoundId { get; set; }

    /// <summary>The building id as on the roll, e.g. "57".</summary>
    public required string Id { get; set; }
}
