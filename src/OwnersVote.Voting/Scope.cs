namespace OwnersVote.Voting;

/// <summary>
/// Whose matter it is. Usually the whole compound; a matter about parts shared only by some
/// owners — a building's lift — is decided by the owners of those buildings alone, with the
/// same thresholds over that group (Shanghai 住宅物业管理规定 art. 69).
/// </summary>
public sealed class Scope : IEquatable<Scope>
{
    private readonly SortedSet<string> _buildings;

    private Scope(SortedSet<string> buildings) => _buildings = buildings;

    /// <summary>Every unit of the compound.</summary>
    public static Scope WholeCompound { get; } = new(new SortedSet<string>(StringComparer.Ordinal));

    /// <summary>Whether the scope is the whole compound.</summary>
    public bool IsWholeCompound => _buildings.Count == 0;

    /// <summary>The buildings of a limited scope, in ordinal order; empty for the whole compound.</summary>
    public IReadOnlyList<BuildingId> Buildings => [.. _buildings.Select(b => new BuildingId(b))];

    /// <summary>The units of the given buildings only (Shanghai art. 69). Repeated buildings are merged.</summary>
    /// <exception cref="ArgumentException">No building is given.</exception>
    public static Scope OfBuildings(IEnumerable<BuildingId> buildings)
    {
        ArgumentNullException.ThrowIfNull(buildings);
        var set = new SortedSet<string>(buildings.Select(b => b.Value), StringComparer.Ordinal);
        if (set.Count == 0)
        {
            throw new ArgumentException("A building scope names at least one building; use Scope.WholeCompound otherwise.", nameof(buildings));
        }

        return new Scope(set);
    }

    /// <summary>Whether the unit is inside the scope.</summary>
    public bool Contains(Unit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return IsWholeCompound || _buildings.Contains(unit.Building.Value);
    }

    /// <inheritdoc/>
    public bool Equals(Scope? other) => other is not null && _buildings.SetEquals(other._buildings);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Scope);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (string b in _buildings)
        {
            hash.Add(b, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>"whole compound" or "buildings 57, 58".</summary>
    public override string ToString() =>
        IsWholeCompound ? "whole compound" : (_buildings.Count == 1 ? "building " : "buildings ") + string.Join(", ", _buildings);
}
