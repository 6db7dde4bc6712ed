namespace OwnersVote.Voting;

/// <summary>The id of an exclusive unit (专有部分: a flat, a shop) as written on the roll, e.g. <c>57-1-101</c>.</summary>
public readonly record struct UnitId
{
    /// <summary>Creates the id.</summary>
    /// <exception cref="VotingDataException">The value is empty, has leading or trailing white space or a control character.</exception>
    public UnitId(string value)
    {
        Value = Identifier.Check(value, "unit");
    }

    /// <summary>The id text.</summary>
    public string Value { get; }

    /// <inheritdoc/>
    public override string ToString() => Value ?? string.Empty;
}
