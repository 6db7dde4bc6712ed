using System.Globalization;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Spreadsheets;

namespace OwnersVote.Web.Features.Money;

/// <summary>
/// Reads statement lines from an uploaded <c>.csv</c> (RFC 4180, UTF-8) or <c>.xlsx</c> (through
/// <see cref="XlsxTable"/>): a header row naming the columns <c>date, kind, amount, description</c>
/// and optionally <c>vote, document</c> (or 日期, 类别, 金额, 摘要, 表决, 凭证), then one line per
/// row. Every bad row is reported with its row number; the caller imports nothing unless there is
/// no problem at all.
/// </summary>
public static class StatementImport
{
    private static readonly Dictionary<string, string> s_columns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["date"] = "date",
        ["日期"] = "date",
        ["kind"] = "kind",
        ["类别"] = "kind",
        ["amount"] = "amount",
        ["金额"] = "amount",
        ["金额（元）"] = "amount",
        ["description"] = "description",
        ["摘要"] = "description",
        ["vote"] = "vote",
        ["表决"] = "vote",
        ["document"] = "document",
        ["凭证"] = "document",
    };

    private static readonly Dictionary<string, StatementLineKind> s_chineseKinds = new(StringComparer.Ordinal)
    {
        ["缴存"] = StatementLineKind.Deposit,
        ["利息"] = StatementLineKind.Interest,
        ["停车收益"] = StatementLineKind.Parking,
        ["广告收益"] = StatementLineKind.Advertising,
        ["场地租赁"] = StatementLineKind.Venue,
        ["支出"] = StatementLineKind.Spending,
        ["计划支出"] = StatementLineKind.Planned,
    };

    // ECMA-376 Part 1 §18.17.4.1: spreadsheet dates count days from 1899-12-30 in the 1900 date system.
    private static readonly DateOnly s_spreadsheetEpoch = new(1899, 12, 30);

    /// <summary>The rows of an upload, by its file name: <c>.xlsx</c> through XlsxTable, anything else as CSV.</summary>
    /// <returns>The rows, or null with an <see cref="ImportProblemCode.Unreadable"/> problem.</returns>
    public static IReadOnlyList<SheetRow>? Rows(string fileName, byte[] content, List<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(problems);
        try
        {
            if (fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                using var stream = new MemoryStream(content, writable: false);
                return XlsxTable.Read(stream, fileName);
            }

            return [.. CsvReader.ReadAll(content).Select(r => new SheetRow(r.Row, [.. r.Fields.Select(f => new SheetCell(f, false))]))];
        }
        catch (SpreadsheetException e)
        {
            problems.Add(new ImportProblem(0, ImportProblemCode.Unreadable, e.Message));
        }
        catch (VotingDataException e)
        {
            problems.Add(new ImportProblem(0, ImportProblemCode.Unreadable, e.Message));
        }

        return null;
    }

    /// <summary>
    /// The lines of the rows, checked one by one against the statement's kinds and period; each
    /// problem names its row. Blank rows are skipped.
    /// </summary>
    public static IReadOnlyList<(int Row, StatementLine Line)> Lines(
        IReadOnlyList<SheetRow> rows, IReadOnlySet<StatementLineKind> allowed, DateOnly from, DateOnly to, List<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(allowed);
        ArgumentNullException.ThrowIfNull(problems);
        SheetRow? header = rows.FirstOrDefault(r => !r.IsBlank);
        if (header is null)
        {
            problems.Add(new ImportProblem(0, ImportProblemCode.NoHeader));
            return [];
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < header.Cells.Count; c++)
        {
            string name = header[c]?.Text.Trim() ?? "";
            if (name.Length == 0)
            {
                continue;
            }

            if (s_columns.TryGetValue(name, out string? column) && columns.TryAdd(column, c))
            {
                continue;
            }

            problems.Add(new ImportProblem(header.Number, ImportProblemCode.UnknownColumn, name));
        }

        foreach (string required in new[] { "date", "kind", "amount", "description" })
        {
            if (!columns.ContainsKey(required))
            {
                problems.Add(new ImportProblem(header.Number, ImportProblemCode.MissingColumn, required));
            }
        }

        if (problems.Count > 0)
        {
            return [];
        }

        var lines = new List<(int, StatementLine)>();
        DateOnly? previous = null;
        foreach (SheetRow row in rows.SkipWhile(r => r != header).Skip(1).Where(r => !r.IsBlank))
        {
            int before = problems.Count;
            string Text(string column) => columns.TryGetValue(column, out int c) ? row[c]?.Text.Trim() ?? "" : "";

            DateOnly? date = ParseDate(row[columns["date"]]);
            if (date is null)
            {
                problems.Add(new ImportProblem(row.Number, ImportProblemCode.BadDate, Text("date")));
            }
            else if (date < from || date > to)
            {
                problems.Add(new ImportProblem(row.Number, ImportProblemCode.OutsidePeriod, StatementPublished.DateText(date.Value)));
            }
            else if (date < previous)
            {
                problems.Add(new ImportProblem(row.Number, ImportProblemCode.OutOfOrder, StatementPublished.DateText(date.Value)));
            }

            StatementLineKind? kind = ParseKind(Text("kind"));
            if (kind is null || !allowed.Contains(kind.Value))
            {
                problems.Add(new ImportProblem(row.Number, ImportProblemCode.BadKind, Text("kind")));
            }

            long? amount = Fen.TryParseYuan(Text("amount"));
            if (amount is null or <= 0)
            {
                problems.Add(new ImportProblem(row.Number, ImportProblemCode.BadAmount, Text("amount")));
            }

            string description = Text("description");
            if (description.Length == 0)
            {
                problems.Add(new ImportProblem(row.Number, ImportProblemCode.NoDescription));
            }

            string vote = Text("vote");
            string document = Text("document").ToLowerInvariant();
            if (document.Length > 0 && !OwnerKey.IsHash(document))
            {
                problems.Add(new ImportProblem(row.Number, ImportProblemCode.BadDocument, Text("document")));
            }

            if (kind is { } k)
            {
                bool spends = k is StatementLineKind.Spending or StatementLineKind.Planned;
                if (!spends && vote.Length > 0)
                {
                    problems.Add(new ImportProblem(row.Number, ImportProblemCode.VoteNotAllowed, vote));
                }

                // Civil Code art. 278 para. 1 item 6: the fund is used as the owners decide.
                bool fund = allowed.Contains(StatementLineKind.Deposit);
                if (vote.Length == 0 && (k == StatementLineKind.Planned || (fund && k == StatementLineKind.Spending)))
                {
                    problems.Add(new ImportProblem(row.Number, ImportProblemCode.VoteRequired));
                }
            }

            // A date outside the period is reported once, not again as out of order on the next row.
            if (date is { } d && d >= from && d <= to)
            {
                previous = d;
            }

            if (problems.Count == before)
            {
                lines.Add((row.Number, new StatementLine(date!.Value, kind!.Value, amount!.Value, description, vote.Length == 0 ? null : vote, document.Length == 0 ? null : document)));
            }
        }

        if (lines.Count == 0 && problems.Count == 0)
        {
            problems.Add(new ImportProblem(header.Number, ImportProblemCode.NoLines));
        }

        return lines;
    }

    /// <summary>A line kind by its wire name (<c>spending</c>) or its Chinese name (支出).</summary>
    public static StatementLineKind? ParseKind(string text) =>
        StatementPublished.ParseKind(text.ToLowerInvariant()) ?? (s_chineseKinds.TryGetValue(text, out StatementLineKind k) ? k : null);

    // A text date 2026-06-30 (also 2026/6/30), or a spreadsheet's whole-number date serial.
    private static DateOnly? ParseDate(SheetCell? cell)
    {
        if (cell is null)
        {
            return null;
        }

        string text = cell.Text.Trim();
        if (cell.IsNumber)
        {
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int serial) && serial is > 60 and < 2_958_466
                ? s_spreadsheetEpoch.AddDays(serial)
                : null;
        }

        if (StatementPublished.TryParseDate(text, out DateOnly date))
        {
            return date;
        }

        return DateOnly.TryParseExact(text, "yyyy'/'M'/'d", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) ? date : null;
    }
}
