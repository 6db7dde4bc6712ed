using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace OwnersVote.Cli.Tests;

/// <summary>A numeric cell as SpreadsheetML stores it (the raw text of the double).</summary>
internal sealed record Num(string Stored);

/// <summary>A shared string made of rich-text runs plus a phonetic run that is not content.</summary>
internal sealed record Rich(params string[] Runs);

/// <summary>Builds real .xlsx workbooks with the OpenXml SDK: strings go to the shared string
/// table (or inline when asked), <see cref="Num"/> cells are numbers, null cells are absent.</summary>
internal static class XlsxBuilder
{
    public static void Write(string path, IEnumerable<(int Row, object?[] Cells)> rows, bool inlineStrings = false, string sheetName = "业主名册")
    {
        using SpreadsheetDocument document = SpreadsheetDocument.Create(path, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook);
        WorkbookPart workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        WorksheetPart worksheet = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        worksheet.Worksheet = new Worksheet(data);
        SharedStringTablePart strings = workbook.AddNewPart<SharedStringTablePart>();
        strings.SharedStringTable = new SharedStringTable();
        Sheets sheets = workbook.Workbook.AppendChild(new Sheets());
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = 1, Name = sheetName });

        int shared = 0;
        foreach ((int number, object?[] cells) in rows)
        {
            var row = new Row { RowIndex = (uint)number };
            for (int c = 0; c < cells.Length; c++)
            {
                string reference = $"{(char)('A' + c)}{number}";
                switch (cells[c])
                {
                    case null:
                        break;
                    case Num n:
                        row.Append(new Cell { CellReference = reference, CellValue = new CellValue(n.Stored) });
                        break;
                    case string s when inlineStrings:
                        row.Append(new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(s)) });
                        break;
                    case string s:
                        strings.SharedStringTable.Append(new SharedStringItem(new Text(s)));
                        row.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue((shared++).ToString(CultureInfo.InvariantCulture)) });
                        break;
                    case Rich r:
                        strings.SharedStringTable.Append(new SharedStringItem([.. r.Runs.Select(t => new Run(new Text(t))), new PhoneticRun(new Text("ヨミ"))]));
                        row.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue((shared++).ToString(CultureInfo.InvariantCulture)) });
                        break;
                    default:
                        throw new ArgumentException($"unsupported cell {cells[c]}", nameof(rows));
                }
            }

            data.Append(row);
        }
    }
}
