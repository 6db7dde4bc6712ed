using System.Text.Json;
using OwnersVote.Paper;
using OwnersVote.Testing.PaperCorpus;
using SkiaSharp;

namespace OwnersVote.Cli.Tests;

public sealed class PaperCommandTests : IDisposable
{
    private const string Key = "8f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Blank(string name, string vote = "V1", string unit = "57-0101", string serial = "S1", string key = Key)
    {
        string pdf = Path.Combine(_temp.Path, name);
        OvRun run = OvRun.Of("paper", "blank", "--out", pdf, "--vote-id", vote, "--unit", unit, "--serial", serial, "--key", key,
            "--question", "是否同意使用专项维修资金维修57号楼电梯？", "--question", "是否同意授权业主委员会签约？", "--area", "89.50", "--building", "57");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"wrote {pdf}: 1 ballot, serial {serial}\n", run.Stdout);
        return pdf;
    }

    private static JsonElement[] Lines(OvRun run) =>
        [.. run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    private static GreyImage Rasterise(string pdf, int dpi) =>
        PdfRasterizer.RasterizeAsync(File.ReadAllBytes(pdf), dpi, TestContext.Current.CancellationToken).GetAwaiter().GetResult()[0];

    private string MarkedPng(string pdf, string name, PaperChoice[] choices)
    {
        GreyImage page = Rasterise(pdf, 200);
        var random = new Random(7);
        var marks = new SheetMarks(page, 200, random);
        for (int q = 0; q < choices.Length; q++)
        {
            marks.Mark(q, choices[q], MarkKind.Cross);
        }

        marks.Sign();
        using SKBitmap bitmap = marks.Finish();
        return _temp.Write(name, Degrade.Apply(bitmap, Degradation.None, random));
    }

    [Fact]
    public void Blank_ballot_scanned_unmarked_is_in_review_with_its_unit_and_serial()
    {
        string pdf = Blank("blank.pdf");

        OvRun run = OvRun.Of("paper", "scan", "--key", Key, "--vote-id", "V1", pdf);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
        JsonElement line = Assert.Single(Lines(run));
        Assert.Equal(pdf, line.GetProperty("file").GetString());
        Assert.Equal(1, line.GetProperty("page").GetInt32());
        Assert.Equal("review", line.GetProperty("status").GetString());
        Assert.Equal("57-0101", line.GetProperty("unit").GetString());
        Assert.Equal("S1", line.GetProperty("serial").GetString());
        Assert.Equal("""{"1":"none","2":"none"}""", line.GetProperty("marks").GetRawText());
        Assert.False(line.GetProperty("signature").GetBoolean());
        Assert.Contains(line.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.StartsWith("no-signature", StringComparison.Ordinal));
    }

    [Fact]
    public void Marked_and_signed_scan_is_accepted_with_its_marks_in_the_contract_shape()
    {
        string png = MarkedPng(Blank("b.pdf"), "marked.png", [PaperChoice.No, PaperChoice.Yes]);

        OvRun run = OvRun.Of("paper", "scan", "--key", Key, "--vote-id", "V1", png);

        Assert.Equal(0, run.ExitCode);
        string expected = $$"""{"file":"{{png}}","page":1,"status":"accepted","unit":"57-0101","serial":"S1","marks":{"1":"no","2":"yes"},"signature":true,"reasons":[]}""";
        Assert.Equal(expected + "\n", run.Stdout);
    }

    [Fact]
    public void The_same_serial_scanned_twice_sends_the_second_sheet_to_review()
    {
        string png = MarkedPng(Blank("b.pdf"), "marked.png", [PaperChoice.Yes, PaperChoice.Yes]);
        string copy = _temp.Write("copy.png", File.ReadAllBytes(png));

        OvRun run = OvRun.Of("paper", "scan", "--key", Key, "--vote-id", "V1", png, copy);

        JsonElement[] lines = Lines(run);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("accepted", lines[0].GetProperty("status").GetString());
        Assert.Equal("review", lines[1].GetProperty("status").GetString());
        Assert.StartsWith("duplicate-serial", lines[1].GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_ballot_made_with_another_key_is_refused_and_names_no_unit()
    {
        string pdf = Blank("forged.pdf", key: "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        string png = MarkedPng(pdf, "forged.png", [PaperChoice.Yes, PaperChoice.Yes]);

        OvRun run = OvRun.Of("paper", "scan", "--key", Key, "--vote-id", "V1", png);

        JsonElement line = Assert.Single(Lines(run));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("review", line.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, line.GetProperty("unit").ValueKind);
        Assert.Contains(line.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.StartsWith("mac-mismatch", StringComparison.Ordinal));
    }

    [Fact]
    public void Unreadable_files_exit_2_with_one_line_each_after_the_readable_pages()
    {
        string pdf = Blank("b.pdf");
        string junk = _temp.Write("junk.png", "not an image");

        OvRun run = OvRun.Of("paper", "scan", "--key", Key, "--vote-id", "V1", junk, pdf, Path.Combine(_temp.Path, "missing.tif"));

        Assert.Equal(2, run.ExitCode);
        Assert.Single(Lines(run));
        string[] errors = run.Stderr.TrimEnd('\n').Split('\n');
        Assert.Equal(2, errors.Length);
        Assert.StartsWith($"ov paper scan: {junk}: ", errors[0], StringComparison.Ordinal);
        Assert.Contains("missing.tif", errors[1], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--key", "abc", "--key")]
    [InlineData("--unit", "57|0101", "'|'")]
    [InlineData("--question", null, "--question")]
    public void Blank_refuses_bad_input_with_one_line(string option, string? value, string expected)
    {
        var args = new List<string> { "paper", "blank", "--out", Path.Combine(_temp.Path, "x.pdf"), "--vote-id", "V1", "--serial", "S1" };
        var values = new Dictionary<string, string?> { ["--key"] = Key, ["--unit"] = "57-0101", ["--question"] = "是否同意？" };
        values[option] = value;
        foreach ((string name, string? v) in values)
        {
            if (v is not null)
            {
                args.AddRange([name, v]);
            }
        }

        string line = OvRun.Of([.. args]).AssertOneLineBadInput();
        Assert.StartsWith("ov paper blank: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_temp.Path, "x.pdf")));
    }

    [Fact]
    public void Scan_without_files_or_key_is_a_usage_error()
    {
        Assert.Contains("FILE", OvRun.Of("paper", "scan", "--key", Key, "--vote-id", "V1").AssertOneLineBadInput(), StringComparison.Ordinal);
        Assert.Contains("--key", OvRun.Of("paper", "scan", "--vote-id", "V1", "x.png").AssertOneLineBadInput(), StringComparison.Ordinal);
        Assert.StartsWith("ov paper: ", OvRun.Of("paper", "fold").AssertOneLineBadInput(), StringComparison.Ordinal);
    }

    [Fact]
    public void Print_refuses_and_points_to_the_web_page_that_issues_the_sheets()
    {
        string pdf = Path.Combine(_temp.Path, "ballots.pdf");

        string refused = OvRun.Of("paper", "print", "--vote", "v1", "--out", pdf, "--data", _temp.Path).AssertOneLineBadInput();

        Assert.StartsWith("ov paper print: ", refused, StringComparison.Ordinal);
        Assert.Contains("serial-not-issued", refused, StringComparison.Ordinal);
        Assert.Contains("/votes/<vote>/paper", refused, StringComparison.Ordinal);
        Assert.False(File.Exists(pdf));
    }
}
