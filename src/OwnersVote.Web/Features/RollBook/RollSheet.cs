using System.Globalization;
using OwnersVote.Voting;
using OwnersVote.Web.Spreadsheets;

namespace OwnersVote.Web.Features.RollBook;

/// <summary>A bad row of an imported roll: its 1-based spreadsheet row (or CSV record) and why.</summary>
public sealed record RollRowError(int Row, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"第 {Row} 行 (row {Row}): {Message}";
}

/// <summary>One unit read from a roll sheet, with its owner's particulars as the sheet gives them.</summary>
/// <param name="Row">The spreadsheet row.</param>
/// <param name="Unit">The unit, checked by Voting's rules (ids, area, source: JI art. 8).</param>
/// <param name="Name">The owner's name, or null.</param>
/// <param name="Phone">The owner's phone, or null.</param>
/// <param name="IdNumber">The owner's resident ID number, normalised (GB 11643), or null; never stored.</param>
public sealed record RollSheetUnit(int Row, Unit Unit, string? Name, string? Phone, string? IdNumber);

/// <summary>A sheet read whole, or every problem in it (never both).</summary>
public sealed record RollSheetResult(IReadOnlyList<RollSheetUnit> Units, IReadOnlyList<RollRowError> Errors)
{
    /// <summary>Whether the sheet can be imported.</summary>
    public bool Ok => Errors.Count == 0;
}

/// <summary>
/// Reads a property office's roll sheet (.xlsx rows or CSV records): a header row with Chinese or
/// English names (楼号 室号 业主编号 面积 面积来源, optional 姓名 身份证号 手机), then one row per unit.
/// Every field goes through the rules of <c>OwnersVote.Voting</c> that RollCsv applies — the id
/// types, <see cref="Area.Parse"/>, the area sources of JI art. 8, <see cref="Unit"/> (no zero area)
/// and <see cref="Roll.Create"/> (each unit once) — and every bad row is reported with its number.
/// </summary>
public static class RollSheet
{
    /// <summary>How many non-blank rows are searched for the header (a title or a date may come first).</summary>
    public const int HeaderSearchRows = 20;

    private enum Column
    {
        Building,
        Unit,
        Owner,
        Area,
        AreaSource,
        Name,
        IdNumber,
        Phone,
    }

    private static readonly Column[] s_required = [Column.Building, Column.Unit, Column.Owner, Column.Area, Column.AreaSource];

    private static readonly Dictionary<Column, string[]> s_headers = new()
    {
        [Column.Building] = ["楼号", "楼栋", "楼栋号", "幢号", "building"],
        [Column.Unit] = ["室号", "房号", "房间号", "unit", "room"],
        [Column.Owner] = ["业主编号", "owner", "owner_id"],
        // JI art. 8 weighs by exclusive area (专有部分面积).
        [Column.Area] = ["专有面积", "专有部分面积", "面积", "建筑面积", "area"],
        [Column.AreaSource] = ["面积来源", "面积依据", "area_source", "source"],
        [Column.Name] = ["姓名", "业主姓名", "name"],
        [Column.IdNumber] = ["身份证号", "身份证号码", "证件号码", "id_number"],
        [Column.Phone] = ["手机", "手机号", "电话", "联系电话", "phone"],
    };

    // The developer's unsold or undelivered units (JI art. 9) may be written in Chinese.
    private static readonly string[] s_developerWords = ["开发商", "开发建设单位", OwnerId.DeveloperValue];

    /// <summary>Reads the rows of a sheet.</summary>
    public static RollSheetResult Read(IReadOnlyList<SheetRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        (SheetRow? header, Dictionary<Column, int> columns, RollRowError? missing) = FindHeader(rows);
        if (header is null)
        {
            return new RollSheetResult([], [missing!]);
        }

        var errors = new List<RollRowError>();
        var units = new List<RollSheetUnit>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var owners = new Dictionary<string, (int Row, string? Name, string? IdNumber)>(StringComparer.Ordinal);
        foreach (SheetRow row in rows.Where(r => r.Number > header.Number && !r.IsBlank))
        {
            int before = errors.Count;
            void Fail(string message) => errors.Add(new RollRowError(row.Number, message));

            string building = Text(row, columns[Column.Building]);
            string unit = Text(row, columns[Column.Unit]);
            string owner = Text(row, columns[Column.Owner]);
            if (s_developerWords.Contains(owner, StringComparer.OrdinalIgnoreCase))
            {
                owner = OwnerId.DeveloperValue;
            }

            string areaText = Text(row, columns[Column.Area]);
            string sourceText = Text(row, columns[Column.AreaSource]);
            string? name = Optional(row, columns, Column.Name);
            string? phone = Optional(row, columns, Column.Phone);
            string? idNumber = Optional(row, columns, Column.IdNumber);

            Area? area = null;
            AreaSource? source = null;
            Try(() => area = Area.Parse(areaText), "面积 (area)", Fail);
            if (AreaSourceOf(sourceText) is AreaSource s)
            {
                source = s;
            }
            else
            {
                Fail($"面积来源 '{sourceText}' 不是 不动产登记/实测/合同 (area source must be registry, survey or contract; JI art. 8)");
            }

            if (idNumber is not null)
            {
                if (ResidentIdNumber.Normalise(idNumber) is { } normalised)
                {
                    idNumber = normalised;
                }
                else
                {
                    Fail("身份证号不符合 GB 11643 (the resident ID number's length or check digit is wrong)");
                }
            }

            if (phone is not null && !IsPhone(phone))
            {
                Fail($"手机 '{phone}' 不是电话号码 (not a phone number)");
            }

            Unit? parsed = null;
            if (area is Area a && source is AreaSource src)
            {
                Try(() => parsed = new Unit(new UnitId(unit), new BuildingId(building), new OwnerId(owner), a, src), "单元 (unit)", Fail);
            }
            else
            {
                // Check the ids anyway, so one pass reports every problem of the row.
                Try(() => _ = new UnitId(unit), "室号 (unit)", Fail);
                Try(() => _ = new BuildingId(building), "楼号 (building)", Fail);
                Try(() => _ = new OwnerId(owner), "业主编号 (owner)", Fail);
            }

            if (parsed is not null)
            {
                if (!seen.TryAdd(parsed.Id.Value, row.Number))
                {
                    // Roll.Create's rule (JI art. 9: each exclusive unit once), with both rows named.
                    Fail($"单元 {parsed.Id} 已在第 {seen[parsed.Id.Value]} 行 (unit {parsed.Id} is already on row {seen[parsed.Id.Value]})");
                }
                else if (owners.TryGetValue(owner, out var first)
                    && ((name is not null && first.Name is not null && name != first.Name) || (idNumber is not null && first.IdNumber is not null && idNumber != first.IdNumber)))
                {
                    Fail($"业主 {owner} 的姓名或身份证号与第 {first.Row} 行不同 (owner {owner} differs from row {first.Row})");
                }
                else if (errors.Count == before)
                {
                    owners.TryAdd(owner, (row.Number, name, idNumber));
                    units.Add(new RollSheetUnit(row.Number, parsed, name, phone, idNumber));
                }
            }
        }

        if (errors.Count == 0 && units.Count == 0)
        {
            errors.Add(new RollRowError(header.Number, "表头下没有单元 (no unit below the header)"));
        }

        if (errors.Count > 0)
        {
            return new RollSheetResult([], [.. errors.OrderBy(e => e.Row)]);
        }

        // The whole roll once more through Voting's constructor: it is what a freeze will build.
        _ = Roll.Create(units.Select(u => u.Unit));
        return new RollSheetResult(units, []);
    }

    /// <summary>The area source a cell names (JI art. 8), Chinese or as RollCsv writes it, or null.</summary>
    public static AreaSource? AreaSourceOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string key = text.Trim().ToLowerInvariant();
        return key switch
        {
            "不动产登记" or "不动产登记簿" or "登记" or "产证" => AreaSource.Registry,
            "实测" or "测绘" => AreaSource.Survey,
            "合同" or "预售" or "预售合同" => AreaSource.Contract,
            "registry" or "survey" or "contract" => RollCsv.ParseAreaSource(key),
            _ => null,
        };
    }

    /// <summary>Whether a phone number is plausible: 5 to 20 digits, optionally with +, - and spaces.</summary>
    public static bool IsPhone(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int digits = text.Count(char.IsAsciiDigit);
        return digits is >= 5 and <= 20 && text.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' ');
    }

    private static void Try(Action parse, string what, Action<string> fail)
    {
        try
        {
            parse();
        }
        catch (VotingDataException e)
        {
            fail($"{what}: {e.Detail}");
        }
    }

    private static string? Optional(SheetRow row, Dictionary<Column, int> columns, Column column) =>
        columns.TryGetValue(column, out int c) && Text(row, c) is { Length: > 0 } text ? text : null;

    private static string Text(SheetRow row, int column)
    {
        SheetCell? cell = row[column];
        return cell is null ? string.Empty : cell.IsNumber ? NumberText(cell.Text) ?? cell.Text.Trim() : cell.Text.Trim();
    }

    private static (SheetRow? Header, Dictionary<Column, int> Columns, RollRowError? Missing) FindHeader(IReadOnlyList<SheetRow> rows)
    {
        (SheetRow Row, List<Column> Missing)? best = null;
        foreach (SheetRow row in rows.Where(r => !r.IsBlank).Take(HeaderSearchRows))
        {
            var columns = new Dictionary<Column, (int Column, int Rank)>();
            for (int c = 0; c < row.Cells.Count; c++)
            {
                string key = Normalise(row[c]?.Text ?? string.Empty);
                foreach ((Column column, string[] names) in s_headers)
                {
                    int rank = Array.FindIndex(names, n => Normalise(n) == key);
                    if (rank >= 0 && (!columns.TryGetValue(column, out var existing) || rank < existing.Rank))
                    {
                        columns[column] = (c, rank);
                    }
                }
            }

            List<Column> missing = [.. s_required.Where(f => !columns.ContainsKey(f))];
            if (missing.Count == 0)
            {
                return (row, columns.ToDictionary(kv => kv.Key, kv => kv.Value.Column), null);
            }

            if (columns.Count > 0 && (best is null || missing.Count < best.Value.Missing.Count))
            {
                best = (row, missing);
            }
        }

        RollRowError error = best is { } b
            ? new RollRowError(b.Row.Number, $"缺少列 {string.Join("、", b.Missing.Select(m => s_headers[m][0]))} (missing column {string.Join(", ", b.Missing.Select(EnglishName))})")
            : new RollRowError(1, $"前 {HeaderSearchRows} 行中没有表头 楼号、室号、业主编号、面积、面积来源 (no header row naming building, unit, owner, area and area_source)");
        return (null, [], error);
    }

    private static string EnglishName(Column column) => column switch
    {
        Column.AreaSource => "area_source",
        _ => column.ToString().ToLowerInvariant(),
    };

    // Spaces are ignored, English is case-insensitive, a trailing unit in brackets is dropped: "面积（㎡）".
    private static string Normalise(string text)
    {
        string trimmed = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        int bracket = trimmed.IndexOfAny(['(', '（']);
        if (bracket > 0 && (trimmed.EndsWith(')') || trimmed.EndsWith('）')))
        {
            trimmed = trimmed[..bracket];
        }

        return trimmed.ToLowerInvariant();
    }

    /// <summary>
    /// The decimal text of a numeric cell. SpreadsheetML stores numbers as binary doubles written in
    /// decimal (85.45 may be stored as 85.450000000000003); spreadsheets show 15 significant digits,
    /// so the value is rounded to those — what the person saw — before Area's strict two-decimal check.
    /// </summary>
    private static string? NumberText(string stored)
    {
        if (!decimal.TryParse(stored, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value))
        {
            return null;
        }

        decimal magnitude = Math.Abs(Math.Truncate(value));
        int integerDigits = magnitude == 0 ? 0 : magnitude.ToString(CultureInfo.InvariantCulture).Length;
        decimal rounded = Math.Round(value, Math.Clamp(15 - integerDigits, 0, 15), MidpointRounding.AwayFromZero);
        return rounded.ToString("0.###############", CultureInfo.InvariantCulture);
    }
}
