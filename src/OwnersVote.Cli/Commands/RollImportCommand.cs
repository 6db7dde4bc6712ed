using System.Text;
using OwnersVote.Voting;
using OwnersVote.Web.Spreadsheets;

namespace OwnersVote.Cli.Commands;

/// <summary>
/// <c>ov roll import FILE.xlsx|FILE.csv [--out roll.csv]</c>: a property office's spreadsheet to the
/// normalized roll.csv of <c>ov tally</c>. Every bad row is reported and then nothing is written.
/// </summary>
public static class RollImportCommand
{
    private static readonly string[] s_single = ["--out"];
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Runs the command. Returns 0 when the roll was written, 2 for bad input.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            CommandLine line = CommandLine.Parse(args, s_single, []);
            if (line.Positional.Count != 1)
            {
                throw new UsageException("expected exactly one FILE.xlsx or FILE.csv");
            }

            string path = line.Positional[0];
            string? output = line.Optional("--out");
            RollImportResult result = RollImport.FromRows(ReadRows(path));
            if (result.Roll is null)
            {
                foreach (string error in result.Errors)
                {
                    stderr.WriteLine($"ov roll import: {path}: {InputFile.OneLine(error)}");
                }

                stderr.WriteLine($"ov roll import: {result.Errors.Count} problem(s); nothing written");
                return Ov.BadInput;
            }

            string csv = RollCsv.Format(result.Roll);
            if (output is null)
            {
                stdout.Write(csv);
            }
            else
            {
                WriteAtomically(output, csv);
            }

            DoubleCount total = result.Roll.Total(Scope.WholeCompound);
            int buildings = result.Roll.Units.Select(u => u.Building).Distinct().Count();
            string ids = result.QualifiedUnitIds ? " (unit numbers repeat across buildings: ids written as building-unit)" : string.Empty;
            stderr.WriteLine(
                $"ov roll import: {result.Roll.Units.Count} units in {buildings} buildings, {total.Heads} owners (headcount), {total.Area} m²{ids} -> {output ?? "stdout"}");
            return Ov.Ok;
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"ov roll import: {InputFile.OneLine(e.Message)}");
            return Ov.BadInput;
        }
    }

    private static IReadOnlyList<SheetRow> ReadRows(string path)
    {
        string extension = Path.GetExtension(path).ToUpperInvariant();
        if (extension == ".XLSX")
        {
            return XlsxSheet.Read(path);
        }

        if (extension == ".CSV")
        {
            byte[] bytes = InputFile.ReadAllBytes(path);
            try
            {
                return [.. CsvReader.ReadAll(bytes).Select(r => new SheetRow(r.Row, [.. r.Fields.Select(f => new SheetCell(f, IsNumber: false))]))];
            }
            catch (VotingDataException e)
            {
                throw new UsageException($"{path}: {e.Message}", e);
            }
        }

        throw new UsageException($"{path}: expected a .xlsx or .csv file");
    }

    private static void WriteAtomically(string path, string text)
    {
        // Write beside the target, then rename: a reader sees the old roll or the new one,
        // never half of one.
        string full = Path.GetFullPath(path);

        // A full path of a file always has a directory part (GetDirectoryName is null only for a root).
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Path.GetRandomFileName()}.tmp");
        try
        {
            File.WriteAllText(temp, text, s_utf8);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }

            throw new UsageException($"cannot write {path}: {InputFile.OneLine(e.Message)}", e);
        }
    }
}
