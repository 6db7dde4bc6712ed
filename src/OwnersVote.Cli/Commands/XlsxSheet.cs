using OwnersVote.Web.Spreadsheets;

namespace OwnersVote.Cli.Commands;

/// <summary>Reads the first worksheet of an .xlsx file through <see cref="XlsxTable"/>, with the CLI's errors.</summary>
public static class XlsxSheet
{
    /// <summary>The rows of the first worksheet.</summary>
    /// <exception cref="UsageException">The file cannot be read or is not a workbook.</exception>
    public static IReadOnlyList<SheetRow> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using FileStream stream = File.OpenRead(path);
            return XlsxTable.Read(stream, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {path}: {InputFile.OneLine(e.Message)}", e);
        }
        catch (SpreadsheetException e)
        {
            throw new UsageException(e.Message, e);
        }
    }
}
