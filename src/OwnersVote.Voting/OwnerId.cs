namespace OwnersVote.Voting;

/// <summary>
/// The id of an owner (业主) as written on the roll: the headcount principal of JI art. 9. A
/// co-owned unit carries one owner id (its co-owners cast one vote together); an owner with
/// several units carries the same id on each; the developer's unsold or undelivered units all
/// carry <see cref="Developer"/> and so count together as one.
/// </summary>
public readonly record struct OwnerId
{
    /// <summary>Creates the id.</summary>
    /// <exception cref="VotingDataException">The value is empty, has leading or trailing white space or a control character.</exception>
    public OwnerId(string value)
    {
        Value = Identifier.Check(value, "owner");
    }

    /// <summary>The id text of the developer (开发建设单位, <c>Developer</c>).</summary>
    public const string DeveloperValue = "DEVELOPER";

    /// <summary>The developer: its unsold or undelivered units count together as one head (JI art. 9).</summary>
    public static OwnerId Developer => new(DeveloperValue);

    /// <summary>Whether this is the developer.</summary>
    public bool IsDeveloper => string.Equals(Value, DeveloperValue, StringComparison.Ordinal);

    /// <summary>The id text.</summary>
    public string Value { get; }

    /// <inheritdoc/>
    public override string ToString() => Value ?? string.Empty;
}
