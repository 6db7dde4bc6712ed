using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace OwnersVote.Web.Spreadsheets;

/// <summary>
/// Reads the first worksheet of an .xlsx workbook (ECMA-376 SpreadsheetML) into rows: shared
/// strings, inline strings, formula string results and numeric cells; rows and columns placed by
/// their references (<c>r="B5"</c>) so that empty cells keep their places.
/// </summary>
public static class XlsxTable
{
    private const int MaxRows = 1_048_576;

    /// <summary>The rows of the first worksheet of a workbook read from a stream.</summary>
    /// <param name="stream">The workbook's bytes (seekable; an upload is copied to memory first).</param>
    /// <param name="path">The name shown in messages (a path or an uploaded file's name).</param>
    /// <exception cref="SpreadsheetException">The bytes are not a readable workbook.</exception>
    public static IReadOnlyList<SheetRow> Read(Stream stream, string path)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using SpreadsheetDocument document = SpreadsheetDocument.Open(stream, isEditable: false);
            return Read(document, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OpenXmlPackageException or InvalidDataException or FileFormatException)
        {
            // Missing file, no permission, not a zip, not an OPC package: all "cannot read".
            throw new SpreadsheetException($"cannot read {path}: {OneLine(e.Message)}", e);
        }
        catch (Exception e) when (e is XmlException or FormatException or InvalidOperationException or ArgumentOutOfRangeException && FromPackageReader(e))
        {
            // A damaged workbook: malformed part XML, a relationship to a missing part, an unknown
            // cell type. The OpenXml SDK reports these with general exception types, so they are
            // recognised by where they were thrown, never when our own code throws them (fuzzing,
            // docs/fuzzing.md).
            throw new SpreadsheetException($"{path}: not a readable workbook ({OneLine(e.Message)})", e);
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    // True when the innermost frame of our code is not the thrower: the exception came from the
    // OpenXml SDK or the XML and packaging readers under it.
    private static bool FromPackageReader(Exception e)
    {
        System.Diagnostics.StackFrame[] frames = new System.Diagnostics.StackTrace(e).GetFrames();
        foreach (System.Diagnostics.StackFrame frame in frames)
        {
            string origin = frame.GetMethod()?.DeclaringType?.Namespace ?? string.Empty;
            if (origin.StartsWith("OwnersVote", StringComparison.Ordinal))
            {
                return false;
            }

            if (origin.StartsWith("DocumentFormat.OpenXml", StringComparison.Ordinal)
                || origin.StartsWith("System.Xml", StringComparison.Ordinal)
                || origin.StartsWith("System.IO.Packaging", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static List<SheetRow> Read(SpreadsheetDocument document, string path)
    {
        WorkbookPart workbook = document.WorkbookPart ?? throw new SpreadsheetException($"{path}: not a workbook (no workbook part)");
        Sheet sheet = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault()
            ?? throw new SpreadsheetException($"{path}: the workbook has no worksheet");
        string relationship = sheet.Id?.Value ?? throw new SpreadsheetException($"{path}: the first sheet has no part id");
        if (workbook.GetPartById(relationship) is not WorksheetPart worksheet)
        {
            throw new SpreadsheetException($"{path}: the first sheet is not a worksheet");
        }

        // ECMA-376 §18.4.8: a shared string item is plain text (t) or rich text runs (r/t);
        // phonetic runs (rPh) are reading aids, not content, so they are left out.
        List<string> shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>()
            .Select(item => item.Text?.Text ?? string.Concat(item.Elements<Run>().Select(r => r.Text?.Text)))
            .ToList() ?? [];

        var rows = new List<SheetRow>();
        SheetData? data = worksheet.Worksheet?.GetFirstChild<SheetData>();
        int previous = 0;
        foreach (Row row in data?.Elements<Row>() ?? [])
        {
            // ECMA-376 §18.3.1.73: row indexes are 1 to 1,048,576.
            int number = row.RowIndex?.Value is uint index
                ? (index is >= 1 and <= MaxRows ? (int)index : throw new SpreadsheetException($"{path}: row number {index} is outside a worksheet's 1 to {MaxRows}"))
                : previous + 1;
            previous = number;
            var cells = new List<SheetCell?>();
            int nextColumn = 0;
            foreach (Cell cell in row.Elements<Cell>())
            {
                int column = cell.CellReference?.Value is string reference ? ColumnIndex(reference, path) : nextColumn;
                nextColumn = column + 1;
                while (cells.Count <= column)
                {
                    cells.Add(null);
                }

                cells[column] = Read(cell, shared, path, number);
            }

            rows.Add(new SheetRow(number, cells));
        }

        return rows;
    }

    private static SheetCell? Read(Cell cell, List<string> shared, string path, int row)
    {
        CellValues type = cell.DataType?.Value ?? CellValues.Number;
        string? value = cell.CellValue?.Text;
        if (type == CellValues.SharedString)
        {
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int i) || i >= shared.Count)
            {
                throw new SpreadsheetException($"{path}: row {row}: a shared string reference is broken");
            }

            return new SheetCell(shared[i], IsNumber: false);
        }

        if (type == CellValues.InlineString)
        {
            InlineString? inline = cell.InlineString;
            string text = inline?.Text?.Text ?? string.Concat(inline?.Elements<Run>().Select(r => r.Text?.Text) ?? []);
            return new SheetCell(text, IsNumber: false);
        }

        if (value is null)
        {
            return null;
        }

        return type == CellValues.Number ? new SheetCell(value, IsNumber: true) : new SheetCell(value, IsNumber: false);
    }

    private static int ColumnIndex(string reference, string path)
    {
        // ECMA-376 §18.3.1.4: a cell reference is column letters then the row number ("AB12").
        int column = 0;
        int letters = 0;
        foreach (char c in reference)
        {
            if (c is >= 'A' and <= 'Z')
            {
                column = checked((column * 26) + (c - 'A' + 1));
                letters++;
            }
            else
            {
                break;
            }
        }

        if (letters is 0 or > 3)
        {
            throw new SpreadsheetException($"{path}: malformed cell reference '{reference}'");
        }

        return column - 1;
    }
    /// <summary>
    /// Writes rows as the one worksheet of a new .xlsx workbook: text cells go to the shared
    /// string table (ECMA-376 §18.4), integers and decimals are numeric cells written in the
    /// invariant culture, null cells are left out.
    /// </summary>
    /// <param name="stream">Where the workbook goes (writable).</param>
    /// <param name="sheetName">The worksheet's name (at most 31 characters, ECMA-376 §18.2.19).</param>
    /// <param name="rows">The rows from row 1; each cell a <see cref="string"/>, <see cref="int"/>, <see cref="long"/>, <see cref="decimal"/> or null.</param>
    /// <exception cref="ArgumentException">A cell of another type, or a sheet name that is empty or too long.</exception>
    public static void Write(Stream stream, string sheetName, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(sheetName);
        ArgumentNullException.ThrowIfNull(rows);
        if (sheetName.Length > 31)
        {
            throw new ArgumentException("A worksheet name has at most 31 characters.", nameof(sheetName));
        }

        using SpreadsheetDocument document = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook);
        WorkbookPart workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        WorksheetPart worksheet = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        worksheet.Worksheet = new Worksheet(data);
        SharedStringTablePart stringsPart = workbook.AddNewPart<SharedStringTablePart>();
        var strings = new SharedStringTable();
        stringsPart.SharedStringTable = strings;
        workbook.Workbook.AppendChild(new Sheets()).Append(new Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = 1, Name = sheetName });

        var sharedIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        uint number = 0;
        foreach (IReadOnlyList<object?> cells in rows)
        {
            number = checked(number + 1);
            var row = new Row { RowIndex = number };
            for (int column = 0; column < cells.Count; column++)
            {
                string reference = ColumnName(column) + number.ToString(CultureInfo.InvariantCulture);
                switch (cells[column])
                {
                    case null:
                        break;
                    case string text:
                        if (!sharedIndex.TryGetValue(text, out int index))
                        {
                            index = sharedIndex.Count;
                            sharedIndex.Add(text, index);
                            strings.Append(new SharedStringItem(new Text(text) { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }));
                        }

                        row.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index.ToString(CultureInfo.InvariantCulture)) });
                        break;
                    case int or long or decimal:
                        row.Append(new Cell { CellReference = reference, CellValue = new CellValue(((IFormattable)cells[column]!).ToString(null, CultureInfo.InvariantCulture)) });
                        break;
                    default:
                        throw new ArgumentException($"A cell of type {cells[column]!.GetType().Name} cannot be written; use text or a number.", nameof(rows));
                }
            }

            data.Append(row);
        }
    }

    // ECMA-376 §18.3.1.4: columns are A..Z, AA..ZZ, AAA..XFD.
    private static string ColumnName(int column)
    {
        string name = string.Empty;
        for (int n = column + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}
