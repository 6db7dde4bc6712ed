using System.Diagnostics.CodeAnalysis;

namespace OwnersVote.Voting;

/// <summary>
/// The roll (业主名册) of a compound: every exclusive unit once, with its building, owner and
/// exclusive area. Totals for a scope follow JI arts. 8–9: the sum of the exclusive areas, and
/// one head per distinct owner id.
/// </summary>
public sealed class Roll
{
    private readonly Dictionary<string, Unit> _byId;

    private Roll(List<Unit> units, Dictionary<string, Unit> byId)
    {
        Units = units;
        _byId = byId;
    }

    /// <summary>The units in the order given.</summary>
    public IReadOnlyList<Unit> Units { get; }

    /// <summary>Builds a roll.</summary>
    /// <exception cref="VotingDataException">A unit id appears twice
    /// (<see cref="VotingDataError.DuplicateUnit"/>).</exception>
    public static Roll Create(IEnumerable<Unit> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var list = new List<Unit>();
        var byId = new Dictionary<string, Unit>(StringComparer.Ordinal);
        foreach (Unit unit in units)
        {
            ArgumentNullException.ThrowIfNull(unit, nameof(units));

            // JI art. 9 gives each exclusive unit one place on the roll; a second line for the
            // same unit would count its area twice.
            if (!byId.TryAdd(unit.Id.Value, unit))
            {
                throw new VotingDataException(VotingDataError.DuplicateUnit, $"unit {unit.Id} appears twice on the roll", [unit.Id]);
            }

            list.Add(unit);
        }

        return new Roll(list, byId);
    }

    /// <summary>Looks a unit up by id.</summary>
    public bool TryGetUnit(UnitId id, [MaybeNullWhen(false)] out Unit unit) =>
        _byId.TryGetValue(id.Value ?? string.Empty, out unit);

    /// <summary>The unit with this id.</summary>
    /// <exception cref="VotingDataException">No such unit (<see cref="VotingDataError.UnknownUnit"/>).</exception>
    public Unit this[UnitId id] =>
        TryGetUnit(id, out Unit? unit)
            ? unit
            : throw new VotingDataException(VotingDataError.UnknownUnit, $"unit {id} is not on the roll", [id]);

    /// <summary>The units inside a scope, in roll order.</summary>
    /// <exception cref="VotingDataException">The scope names a building with no unit
    /// (<see cref="VotingDataError.UnknownBuilding"/>), or holds no unit at all
    /// (<see cref="VotingDataError.EmptyScope"/>).</exception>
    public IReadOnlyList<Unit> UnitsIn(Scope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        foreach (BuildingId building in scope.Buildings)
        {
            if (!Units.Any(u => u.Building == building))
            {
                throw new VotingDataException(VotingDataError.UnknownBuilding, $"building {building} has no unit on the roll");
            }
        }

        List<Unit> inScope = [.. Units.Where(scope.Contains)];
        if (inScope.Count == 0)
        {
            throw new VotingDataException(VotingDataError.EmptyScope, $"no unit in scope ({scope})");
        }

        return inScope;
    }

    /// <summary>
    /// The totals of a scope: the sum of exclusive areas (JI art. 8) and the number of distinct
    /// owner ids (JI art. 9: an owner of several units counts once, the developer's units count
    /// together as one).
    /// </summary>
    /// <exception cref="VotingDataException">As <see cref="UnitsIn"/>.</exception>
    public DoubleCount Total(Scope scope)
    {
        IReadOnlyList<Unit> units = UnitsIn(scope);
        Area area = Area.Zero;
        foreach (Unit unit in units)
        {
            area += unit.Area;
        }

        int heads = units.Select(u => u.Owner).Distinct().Count();
        return new DoubleCount(area, Headcount.FromInt32(heads));
    }
}
