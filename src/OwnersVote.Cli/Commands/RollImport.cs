using System.Globalization;
using OwnersVote.Voting;
using OwnersVote.Web.Spreadsheets;

namespace OwnersVote.Cli.Commands;

/// <summary>The outcome of importing a sheet: a roll, or every problem found (never both).</summary>
/// <param name="Roll">The roll, when no row is bad.</param>
/// <param name="Errors">One line per problem, each naming its 1-based spreadsheet row.</param>
/// <param name="QualifiedUnitIds">True when unit numbers repeat across buildings and the ids were
/// written as <c>building-unit</c>.</param>
public sealed record RollImportResult(Roll? Roll, IReadOnlyList<string> Errors, bool QualifiedUnitIds);

/// <summary>
/// Turns a property office's sheet into a roll: finds the header row (Chinese or English, see
/// <see cref="RollColumns"/>), validates every row and reports every bad one, so that a roll is
/// imported whole or not at all.
/// </summary>
public static class RollImport
{
    /// <summary>How many rows above the header (a title, a date) are searched.</summary>
    public const int HeaderSearchRows = 20;

    private static readonly string[] s_roomHeaders = ["室号", "房号", "房间号"];

    /// <summary>Validates and converts the rows of a sheet.</summary>
    public static RollImportResult FromRows(IReadOnlyList<SheetRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        (SheetRow? header, Dictionary<RollField, int> columns, int? stairwell, string? missing) = FindHeader(rows);
        if (header is null)
        {
            return new RollImportResult(null, [missing!], false);
        }

        var errors = new List<string>();
        var parsed = new List<(int Row, string Building, string Unit, string Owner, Area Area, AreaSource Source)>();
        foreach (SheetRow row in rows.Where(r => r.Number > header.Number && !r.IsBlank))
        {
            var problems = new List<string>();
            string building = Text(row, columns[RollField.Building], "building (楼号)", problems);
            string unit = Text(row, columns[RollField.Unit], "unit (室号)", problems);
            if (stairwell is int s && unit.Length > 0)
            {
                string entrance = Text(row, s, "stairwell (单元)", problems);
                unit = $"{entrance}-{unit}";
            }

            string owner = Text(row, columns[RollField.Owner], "owner (业主)", problems);
            Area? area = AreaOf(row[columns[RollField.Area]], problems);
            AreaSource? source = SourceOf(row[columns[RollField.AreaSource]], problems);
            if (problems.Count == 0 && area is Area a && source is AreaSource src)
            {
                parsed.Add((row.Number, building, unit, owner, a, src));
            }

            errors.AddRange(problems.Select(p => $"row {row.Number}: {p}"));
        }

        // Offices often number rooms per building ("101" in every building); a roll needs ids
        // unique in the compound, so such ids become "building-unit" — all of them, for one rule.
        bool qualify = parsed.GroupBy(p => p.Unit, StringComparer.Ordinal).Any(g => g.Select(p => p.Building).Distinct(StringComparer.Ordinal).Count() > 1);
        var units = new List<Unit>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in parsed)
        {
            string id = qualify ? $"{p.Building}-{p.Unit}" : p.Unit;
            if (!seen.TryAdd(id, p.Row))
            {
                errors.Add($"row {p.Row}: unit {id} is already on row {seen[id]}");
                continue;
            }

            try
            {
                units.Add(new Unit(new UnitId(id), new BuildingId(p.Building), new OwnerId(p.Owner), p.Area, p.Source));
            }
            catch (VotingDataException e)
            {
                errors.Add($"row {p.Row}: {e.Message}");
            }
        }

        if (errors.Count > 0)
        {
            // Rows in sheet order, whatever check found them.
            List<string> ordered = [.. errors.OrderBy(RowOf)];
            return new RollImportResult(null, ordered, qualify);
        }

        if (units.Count == 0)
        {
            return new RollImportResult(null, [$"row {header.Number}: no unit below the header"], qualify);
        }

        return new RollImportResult(Roll.Create(units), [], qualify);
    }

    private static int RowOf(string error) =>
        int.Parse(error.AsSpan(4, error.IndexOf(':', StringComparison.Ordinal) - 4), NumberStyles.None, CultureInfo.InvariantCulture);

    private static (SheetRow? Header, Dictionary<RollField, int> Columns, int? Stairwell, string? Missing) FindHeader(IReadOnlyList<SheetRow> rows)
    {
        (SheetRow Row, int Found, List<RollField> Missing)? best = null;
        foreach (SheetRow row in rows.Where(r => !r.IsBlank).Take(HeaderSearchRows))
        {
            var columns = new Dictionary<RollField, (int Column, int Rank)>();
            int? stairwell = null;
            int? room = null;
            for (int c = 0; c < row.Cells.Count; c++)
            {
                string? text = row[c]?.Text;
                if (text is null || RollColumns.FieldOf(text) is not RollField field)
                {
                    continue;
                }

                int rank = RollColumns.Rank(field, text);
                if (field == RollField.Unit && text.Trim() == "单元")
                {
                    stairwell = c;
                }
                else if (field == RollField.Unit && s_roomHeaders.Contains(text.Trim()))
                {
                    room = c;
                }

                if (!columns.TryGetValue(field, out var existing) || rank < existing.Rank)
                {
                    columns[field] = (c, rank);
                }
            }

            List<RollField> missing = [.. Enum.GetValues<RollField>().Where(f => !columns.ContainsKey(f))];
            if (missing.Count == 0)
            {
                // With both 单元 (stairwell) and 室号 (room), a unit is "stairwell-room".
                int? entrance = stairwell is not null && room is not null ? stairwell : null;
                return (row, columns.ToDictionary(kv => kv.Key, kv => kv.Value.Column), entrance, null);
            }

            if (columns.Count > 0 && (best is null || columns.Count > best.Value.Found))
            {
                best = (row, columns.Count, missing);
            }
        }

        string message = best is { } b
            ? $"row {b.Row.Number}: missing column {string.Join(", ", b.Missing.Select(f => $"{RollColumns.Headers[f][0]}/{RollColumns.CsvName(f)}"))}"
            : $"no header row naming 楼号, 室号, 业主, 面积 and 面积来源 (or building, unit, owner, area, area_source) in the first {HeaderSearchRows} rows";
        return (null, [], null, message);
    }

    private static string Text(SheetRow row, int column, string what, List<string> problems)
    {
        SheetCell? cell = row[column];
        string text = cell is null ? string.Empty : cell.IsNumber ? NumberText(cell.Text) ?? cell.Text : cell.Text.Trim();
        if (text.Length == 0)
        {
            problems.Add($"no {what}");
        }
        else if (text.Any(char.IsControl))
        {
            problems.Add($"{what} '{text.ReplaceLineEndings(" ")}' has a control character");
            return string.Empty;
        }

        return text;
    }

    private static Area? AreaOf(SheetCell? cell, List<string> problems)
    {
        if (cell is null || string.IsNullOrWhiteSpace(cell.Text))
        {
            problems.Add("no area (面积)");
            return null;
        }

        string text = cell.IsNumber ? NumberText(cell.Text) ?? cell.Text : cell.Text.Trim();
        if (Area.TryParse(text, out Area area))
        {
            return area;
        }

        problems.Add(text.StartsWith('-')
            ? $"area '{text}' is negative"
            : $"area '{text}' is not square metres with at most two decimals (like 88.50)");
        return null;
    }

    private static AreaSource? SourceOf(SheetCell? cell, List<string> problems)
    {
        string text = cell?.Text.Trim() ?? string.Empty;
        if (RollColumns.SourceOf(text) is AreaSource source)
        {
            return source;
        }

        problems.Add(text.Length == 0
            ? "no area source (面积来源)"
            : $"area source '{text}' is not 不动产登记/实测/合同 (registry/survey/contract)");
        return null;
    }

    /// <summary>
    /// The decimal text of a numeric cell. SpreadsheetML stores numbers as binary doubles written
    /// in decimal; a value typed as 85.45 may be stored as 85.450000000000003. Spreadsheets show 15
    /// significant digits, so the value is read as an exact decimal and rounded to 15 significant
    /// digits — what the person saw — before the strict two-decimal check.
    /// </summary>
    private static string? NumberText(string stored)
    {
        if (!decimal.TryParse(stored, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value))
        {
            return null;
        }

        decimal magnitude = Math.Abs(Math.Truncate(value));
        int integerDigits = magnitude == 0 ? 0 : magnitude.ToString(CultureInfo.InvariantCulture).Length;
        int decimals = Math.Clamp(15 - integerDigits, 0, 15);
        decimal rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return rounded.ToString("0.###############", CultureInfo.InvariantCulture);
    }
}
