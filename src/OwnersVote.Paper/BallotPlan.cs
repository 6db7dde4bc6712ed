using System.Security.Cryptography;
using OwnersVote.Voting;

namespace OwnersVote.Paper;

/// <summary>One unit of a vote's frozen roll, as a ballot sheet needs it.</summary>
/// <param name="Unit">The unit id, e.g. <c>57-101</c>.</param>
/// <param name="Building">The unit's building.</param>
/// <param name="Area">The unit's exclusive area (JI art. 8).</param>
/// <param name="Principal">The headcount principal who casts the unit's vote (JI art. 9).</param>
public sealed record SheetUnit(string Unit, string Building, Area Area, string Principal);

/// <summary>One sheet to print: whom it is for, the units it names and the page itself.</summary>
/// <param name="Principal">The headcount principal.</param>
/// <param name="Units">The principal's units in scope, sorted (ordinal), as <c>PaperBallotIssued</c> names them.</param>
/// <param name="Sheet">The page (its QR code carries the first unit and a new serial).</param>
public sealed record PlannedSheet(string Principal, IReadOnlyList<string> Units, BallotSheet Sheet);

/// <summary>
/// Which paper ballots a vote needs, shared by <c>ov paper print</c> and the officers' print page:
/// one sheet per headcount principal (JI art. 9: an owner with several units votes once, so one
/// sheet names them all with the summed area) among the units in the matter's scope (Shanghai
/// art. 69), leaving out the principals the caller says have voted.
/// </summary>
public static class BallotPlan
{
    /// <summary>The letters of a serial: no 0/O or 1/I, which are misread when typed from a sheet.</summary>
    public const string SerialAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>The length of a serial (50 random bits).</summary>
    public const int SerialLength = 10;

    /// <summary>
    /// One sheet for each principal with a unit in <paramref name="scope"/> (empty: the whole
    /// compound) who is not in <paramref name="voted"/>, ordered by each principal's first unit id;
    /// and how many principals in scope were left out because they voted.
    /// </summary>
    public static (IReadOnlyList<PlannedSheet> Sheets, int Voted) ForVote(
        string vote, IEnumerable<SheetUnit> roll, IReadOnlyCollection<string> scope, IReadOnlySet<string> voted)
    {
        ArgumentNullException.ThrowIfNull(roll);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(voted);
        var sheets = new List<PlannedSheet>();
        int skipped = 0;
        foreach (List<SheetUnit> principal in ByPrincipal(roll, scope))
        {
            if (voted.Contains(principal[0].Principal))
            {
                skipped++;
                continue;
            }

            sheets.Add(ForPrincipal(vote, principal));
        }

        return (sheets, skipped);
    }

    /// <summary>The units in <paramref name="scope"/> (empty: all) grouped by principal, each group sorted by unit id, groups by their first unit.</summary>
    public static IReadOnlyList<List<SheetUnit>> ByPrincipal(IEnumerable<SheetUnit> roll, IReadOnlyCollection<string> scope)
    {
        ArgumentNullException.ThrowIfNull(roll);
        ArgumentNullException.ThrowIfNull(scope);
        // Shanghai art. 69: a matter of some buildings is decided by their owners only.
        var buildings = new HashSet<string>(scope, StringComparer.Ordinal);
        return
        [
            .. roll
                .Where(u => buildings.Count == 0 || buildings.Contains(u.Building))
                .GroupBy(u => u.Principal, StringComparer.Ordinal)
                .Select(g => g.OrderBy(u => u.Unit, StringComparer.Ordinal).ToList())
                .OrderBy(g => g[0].Unit, StringComparer.Ordinal),
        ];
    }

    /// <summary>
    /// The sheet of one principal: all of <paramref name="units"/> (one principal's, in scope) on
    /// one page with their summed area, the QR code carrying the first unit and a new serial.
    /// </summary>
    /// <exception cref="ArgumentException">No units, or units of more than one principal.</exception>
    public static PlannedSheet ForPrincipal(string vote, IReadOnlyList<SheetUnit> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        if (units.Count == 0 || units.Any(u => u.Principal != units[0].Principal))
        {
            throw new ArgumentException("a sheet is for the units of exactly one principal", nameof(units));
        }

        List<SheetUnit> sorted = [.. units.OrderBy(u => u.Unit, StringComparer.Ordinal)];
        long area = 0;
        foreach (SheetUnit u in sorted)
        {
            area = checked(area + u.Area.Hundredths);
        }

        string principal = sorted[0].Principal;
        string buildings = string.Join("、", sorted.Select(u => u.Building).Distinct(StringComparer.Ordinal));
        var sheet = new BallotSheet(
            buildings,
            Area.FromHundredths(area),
            $"登记编号 {principal}",
            new BallotCode(vote, sorted[0].Unit, NewSerial()),
            string.Join("、", sorted.Select(u => u.Unit)));
        return new PlannedSheet(principal, [.. sorted.Select(u => u.Unit)], sheet);
    }

    /// <summary>A new random serial: <see cref="SerialLength"/> letters of <see cref="SerialAlphabet"/>, so a reprint never repeats one.</summary>
    public static string NewSerial()
    {
        Span<char> serial = stackalloc char[SerialLength];
        for (int i = 0; i < serial.Length; i++)
        {
            serial[i] = SerialAlphabet[RandomNumberGenerator.GetInt32(SerialAlphabet.Length)];
        }

        return new string(serial);
    }
}
