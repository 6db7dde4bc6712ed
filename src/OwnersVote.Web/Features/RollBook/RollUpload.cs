using OwnersVote.Voting;
using OwnersVote.Web.Spreadsheets;

namespace OwnersVote.Web.Features.RollBook;

/// <summary>Reads an uploaded roll file (.xlsx through <see cref="XlsxTable"/>, .csv through Voting's <see cref="CsvReader"/>) into sheet rows.</summary>
public static class RollUpload
{
    /// <summary>The largest roll file accepted: a few thousand units fit in far less.</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>The file's rows, or why it cannot be read (as a row error: row 1 of a file that is not a table).</summary>
    public static async Task<RollSheetResult> ReadAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        string extension = Path.GetExtension(fileName).ToUpperInvariant();
        try
        {
            IReadOnlyList<SheetRow> rows = extension switch
            {
                ".XLSX" => XlsxTable.Read(buffer, Path.GetFileName(fileName)),
                ".CSV" => [.. CsvReader.ReadAll(buffer.ToArray()).Select(r => new SheetRow(r.Row, [.. r.Fields.Select(f => new SheetCell(f, IsNumber: false))]))],
                _ => throw new SpreadsheetException($"{Path.GetFileName(fileName)}: 请上传 .xlsx 或 .csv 文件 (expected a .xlsx or .csv file)"),
            };
            return RollSheet.Read(rows);
        }
        catch (SpreadsheetException e)
        {
            return new RollSheetResult([], [new RollRowError(1, e.Message)]);
        }
        catch (VotingDataException e)
        {
            // A malformed CSV record (an unclosed quote, bad UTF-8) names its record.
            return new RollSheetResult([], [new RollRowError(e.Row ?? 1, e.Detail)]);
        }
    }
}
