namespace OwnersVote.Voting;

/// <summary>
/// One exclusive unit (专有部分) on the roll: its building, its owner (the headcount principal,
/// JI art. 9), its exclusive area and where that figure comes from (JI art. 8).
/// </summary>
public sealed record Unit
{
    /// <summary>Creates a unit.</summary>
    /// <exception cref="VotingDataException">The area is zero (<see cref="VotingDataError.ZeroArea"/>)
    /// or the source is not a defined <see cref="Voting.AreaSource"/>
    /// (<see cref="VotingDataError.UnknownAreaSource"/>).</exception>
    public Unit(UnitId id, BuildingId building, OwnerId owner, Area area, AreaSource areaSource)
    {
        if (id.Value is null || building.Value is null || owner.Value is null)
        {
            throw new VotingDataException(VotingDataError.MalformedId, "a unit needs a unit id, a building id and an owner id");
        }

        // JI art. 8 weighs each unit by its exclusive area; a unit of no area cannot be weighed
        // and is almost always a typing error on the roll.
        if (area == Area.Zero)
        {
            throw new VotingDataException(VotingDataError.ZeroArea, $"unit {id} has area 0.00", [id]);
        }

        if (!Enum.IsDefined(areaSource))
        {
            throw new VotingDataException(VotingDataError.UnknownAreaSource, $"unit {id} has unknown area source {(int)areaSource}", [id]);
        }

        Id = id;
        Building = building;
        Owner = owner;
        Area = area;
        AreaSource = areaSource;
    }

    /// <summary>The unit id, unique on the roll.</summary>
    public UnitId Id { get; }

    /// <summary>The building the unit belongs to (scope, Shanghai art. 69).</summary>
    public BuildingId Building { get; }

    /// <summary>
    /// The owner id. It is also the headcount principal (JI art. 9): one head per distinct owner
    /// id, so several units of one owner count once, a co-owned unit counts once, and all units
    /// of <see cref="OwnerId.Developer"/> count together as one.
    /// </summary>
    public OwnerId Owner { get; }

    /// <summary>The exclusive area (专有部分面积).</summary>
    public Area Area { get; }

    /// <summary>Where <see cref="Area"/> comes from (JI art. 8 order).</summary>
    public AreaSource AreaSource { get; }
}
