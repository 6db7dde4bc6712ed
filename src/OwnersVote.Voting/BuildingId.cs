namespace OwnersVote.Voting;

/// <summary>The id of a building (楼栋) as written on the roll, e.g. <c>57</c>; the unit of scope under Shanghai art. 69.</summary>
public readonly record struct BuildingId
{
    /// <summary>Creates the id.</summary>
    /// <exception cref="VotingDataException">The value is empty, has leading or trailing white space or a control character.</exception>
    public BuildingId(string value)
    {
        Value = Identifier.Check(value, "building");
    }

    /// <summary>The id text.</summary>
    public string Value { get; }

    /// <inheritdoc/>
    public override string ToString() => Value ?? string.Empty;
}
