using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OwnersVote.Paper;
using OwnersVote.Voting;

namespace OwnersVote.Cli.Commands;

/// <summary>
/// <c>ov paper blank|scan|print</c>: paper ballots (DESIGN.md §2 "Paper ballots").
/// <list type="bullet">
/// <item><c>ov paper blank --out ballot.pdf --vote-id V --unit U --serial S --key HEXKEY --question "…"...</c>
/// writes one ballot without a database.</item>
/// <item><c>ov paper scan --key HEXKEY --vote-id V FILE...</c> prints one JSON line per page
/// read; exit 0 when every page was processed (accepted or review), 2 when a file is unreadable.</item>
/// <item><c>ov paper print --vote ID --out ballots.pdf --data DIR</c>: see <see cref="PaperPrint"/>.</item>
/// </list>
/// </summary>
public static class PaperCommand
{
    private static readonly string[] s_blankSingle =
        ["--out", "--vote-id", "--unit", "--serial", "--key", "--compound", "--building", "--area", "--owner", "--title", "--text", "--notice"];

    private static readonly string[] s_scanSingle = ["--key", "--vote-id", "--dpi", "--questions"];

    private static readonly JsonWriterOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Runs <c>ov paper ...</c> (the arguments after <c>paper</c>).</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        string sub = args.Count > 0 ? args[0] : string.Empty;
        string name = sub is "blank" or "scan" or "print" ? $"ov paper {sub}" : "ov paper";
        try
        {
            switch (sub)
            {
                case "blank": return Blank(args.Skip(1).ToList(), stdout);
                case "scan": return Scan(args.Skip(1).ToList(), stdout, stderr);
                case "print": return PaperPrint.Run(args.Skip(1).ToList(), stdout);
                default: throw new UsageException(sub.Length == 0 ? "expected blank, scan or print" : $"unknown command '{sub}': expected blank, scan or print");
            }
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"{name}: {InputFile.OneLine(e.Message)}");
            return Ov.BadInput;
        }
        catch (PaperLogException e)
        {
            stderr.WriteLine($"{name}: {InputFile.OneLine(e.Message)}");
            return Ov.CheckFailed;
        }
        catch (Exception e) when (e is BallotLayoutException or BallotFontException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"{name}: {InputFile.OneLine(e.Message)}");
            return Ov.BadInput;
        }
    }

    /// <summary>The ballot key given as hex on the command line.</summary>
    /// <exception cref="UsageException">Not a valid key.</exception>
    public static BallotKey ParseKey(string hex)
    {
        try
        {
            return BallotKey.ParseHex(hex);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--key: {e.Message}", e);
        }
    }

    private static int Blank(IReadOnlyList<string> args, TextWriter stdout)
    {
        CommandLine line = CommandLine.Parse(args, s_blankSingle, ["--question"]);
        if (line.Positional.Count > 0)
        {
            throw new UsageException($"unexpected argument '{line.Positional[0]}'");
        }

        string output = line.Required("--out");
        var code = new BallotCode(line.Required("--vote-id"), line.Required("--unit"), line.Required("--serial"));
        try
        {
            code.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message, e);
        }

        BallotKey key = ParseKey(line.Required("--key"));
        IReadOnlyList<string> questions = line.All("--question");
        if (questions.Count == 0)
        {
            throw new UsageException("give at least one --question");
        }

        Area? area = null;
        if (line.Optional("--area") is string areaText)
        {
            try
            {
                area = Area.Parse(areaText);
            }
            catch (VotingDataException e)
            {
                throw new UsageException($"--area: {e.Message}", e);
            }
        }

        var matter = new BallotMatter(
            line.Optional("--compound") ?? "—",
            line.Optional("--title") ?? "表决事项",
            line.Optional("--text") ?? string.Empty,
            line.Optional("--notice"),
            questions);
        var sheet = new BallotSheet(line.Optional("--building") ?? "—", area, line.Optional("--owner") ?? "—", code);
        WritePdf(output, stream => BallotRenderer.Render(matter, [sheet], key, stream));
        stdout.WriteLine($"wrote {output}: 1 ballot, serial {code.Serial}");
        return Ov.Ok;
    }

    /// <summary>Writes a PDF through a temporary file so a failed render leaves no partial output.</summary>
    internal static void WritePdf(string path, Action<Stream> render)
    {
        string temp = path + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
            {
                render(stream);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
        {
            throw new UsageException($"cannot write {path}: {e.Message}", e);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static int Scan(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        CommandLine line = CommandLine.Parse(args, s_scanSingle, []);
        if (line.Positional.Count == 0)
        {
            throw new UsageException("give at least one scan FILE");
        }

        BallotKey key = ParseKey(line.Required("--key"));
        string vote = line.Required("--vote-id");
        int dpi = ParseInt(line.Optional("--dpi") ?? "200", "--dpi", 72, 600);
        int? questions = line.Optional("--questions") is string q ? ParseInt(q, "--questions", 1, BallotLayout.MaxQuestions) : null;
        var context = new ScanContext(vote, key, ExpectedQuestions: questions);

        // Pages are read in parallel; lines are printed in file and page order, and a serial seen
        // on an earlier page sends later sheets with it to review ("a serial scanned twice is
        // recorded once", issue 5).
        var results = line.Positional
            .AsParallel().AsOrdered()
            .Select(file => ReadFile(file, dpi, context))
            .ToList();
        var seen = new Dictionary<(string Vote, string Serial), string>();
        int unreadable = 0;
        foreach ((string file, IReadOnlyList<SheetReading>? pages, string? error) in results)
        {
            if (pages is null)
            {
                unreadable++;
                stderr.WriteLine($"ov paper scan: {file}: {InputFile.OneLine(error!)}");
                continue;
            }

            for (int i = 0; i < pages.Count; i++)
            {
                SheetReading reading = pages[i];
                if (reading.Code is { } code)
                {
                    string where = $"{file} page {i + 1}";
                    if (seen.TryGetValue((code.VoteId, code.Serial), out string? first))
                    {
                        reading = reading.WithReason(new ReviewReason(ReviewCodes.DuplicateSerial, $"serial {code.Serial} was read first from {first}"));
                    }
                    else
                    {
                        seen.Add((code.VoteId, code.Serial), where);
                    }
                }

                stdout.Write(ToJson(file, i + 1, reading) + "\n");
            }
        }

        return unreadable == 0 ? Ov.Ok : Ov.BadInput;
    }

    private static (string File, IReadOnlyList<SheetReading>? Pages, string? Error) ReadFile(string file, int dpi, ScanContext context)
    {
        byte[] bytes;
        try
        {
            bytes = InputFile.ReadAllBytes(file);
        }
        catch (UsageException e)
        {
            return (file, null, e.Message);
        }

        try
        {
            IReadOnlyList<GreyImage> images = ScanDecoder.Detect(bytes) == ScanFormat.Pdf
                ? PdfRasterizer.RasterizeAsync(bytes, dpi, CancellationToken.None).GetAwaiter().GetResult()
                : ScanDecoder.Decode(bytes);
            return (file, images.Select(image => SheetScanner.Scan(image, context)).ToList(), null);
        }
        catch (UnreadableScanException e)
        {
            return (file, null, e.Message);
        }
    }

    /// <summary>
    /// One line of the <c>ov paper scan</c> contract:
    /// <c>{"file","page","status","unit","serial","marks":{"1":"yes"|"no"|"abstain"|"none"|"multiple"},"signature","reasons"}</c>.
    /// </summary>
    public static string ToJson(string file, int page, SheetReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, s_json))
        {
            json.WriteStartObject();
            json.WriteString("file", file);
            json.WriteNumber("page", page);
            json.WriteString("status", reading.Status == SheetStatus.Accepted ? "accepted" : "review");
            json.WriteString("unit", reading.Code?.UnitId);
            json.WriteString("serial", reading.Code?.Serial);
            json.WriteStartObject("marks");
            foreach (QuestionReading q in reading.Questions)
            {
                json.WriteString(q.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), q.Value switch
                {
                    MarkValue.Yes => "yes",
                    MarkValue.No => "no",
                    MarkValue.Abstain => "abstain",
                    MarkValue.Multiple => "multiple",
                    _ => "none",
                });
            }

            json.WriteEndObject();
            json.WriteBoolean("signature", reading.Signature);
            json.WriteStartArray("reasons");
            foreach (ReviewReason r in reading.Reasons)
            {
                json.WriteStringValue(r.ToString());
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static int ParseInt(string text, string option, int min, int max)
    {
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            throw new UsageException($"{option}: expected a whole number from {min} to {max}, got '{text}'");
        }

        return value;
    }
}
