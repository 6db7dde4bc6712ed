using System.Text.Json;
using OwnersVote.Ledger;
using OwnersVote.Paper;
using OwnersVote.Testing.PaperCorpus;
using SkiaSharp;

namespace OwnersVote.Cli.Tests;

public sealed class PaperCommandTests : IDisposable
{
    private const string Key = "8f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private const string LogOrigin = "vote.example.cn/log";
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

    private async Task<string> DataDirectoryAsync(NoteSigner signer)
    {
        using var votes = new VoteLog();
        string data = Path.Combine(_temp.Path, "data");
        await TestLogs.AppendAsync(Path.Combine(data, "log"), LogOrigin, signer, votes.Entries(), TestContext.Current.CancellationToken);
        return data;
    }

    [Fact]
    public async Task Print_makes_one_page_per_principal_in_scope_without_an_online_ballot_and_scan_reads_them()
    {
        NoteKeyPair pair = NoteSigner.Generate(LogOrigin);
        using NoteSigner signer = NoteSigner.Parse(pair.SignerKey);
        string data = await DataDirectoryAsync(signer);
        File.WriteAllText(Path.Combine(data, "log.key"), pair.SignerKey + "\n");
        string pdf = Path.Combine(_temp.Path, "ballots.pdf");

        OvRun run = OvRun.Of("paper", "print", "--vote", VoteLog.OpenVote, "--out", pdf, "--data", data);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"wrote {pdf}: 4 ballot(s) for vote {VoteLog.OpenVote}; 1 principal(s) already voted online\n", run.Stdout);
        string keyFile = Path.Combine(data, "paper", VoteLog.OpenVote + ".key");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        string key = File.ReadAllText(keyFile).Trim();

        OvRun scan = OvRun.Of("paper", "scan", "--key", key, "--vote-id", VoteLog.OpenVote, pdf);

        Assert.Equal(0, scan.ExitCode);
        // p1 owns 57-0101 and 57-0102 (one page), p2 voted online, p6's unit is outside building 57.
        Assert.Equal(["57-0101", "57-0202", "57-0301", "57-0302"], Lines(scan).Select(l => l.GetProperty("unit").GetString()));
        Assert.All(Lines(scan), l => Assert.Equal(10, l.GetProperty("serial").GetString()!.Length));

        // A second printing reuses the vote's key.
        Assert.Equal(0, OvRun.Of("paper", "print", "--vote", VoteLog.OpenVote, "--out", pdf, "--data", data, "--key", pair.VerifierKey).ExitCode);
        Assert.Equal(key, File.ReadAllText(keyFile).Trim());
    }

    [Fact]
    public async Task Print_refuses_a_log_that_fails_its_audit_and_an_unknown_vote()
    {
        NoteKeyPair pair = NoteSigner.Generate(LogOrigin);
        using NoteSigner signer = NoteSigner.Parse(pair.SignerKey);
        string data = await DataDirectoryAsync(signer);
        string pdf = Path.Combine(_temp.Path, "ballots.pdf");

        string unknown = OvRun.Of("paper", "print", "--vote", "no-such-vote", "--out", pdf, "--data", data, "--key", pair.VerifierKey).AssertOneLineBadInput();
        Assert.Contains("no-such-vote", unknown, StringComparison.Ordinal);

        string noKey = OvRun.Of("paper", "print", "--vote", VoteLog.OpenVote, "--out", pdf, "--data", data).AssertOneLineBadInput();
        Assert.Contains("log.key", noKey, StringComparison.Ordinal);

        using NoteSigner other = NoteSigner.Parse(NoteSigner.Generate(LogOrigin).SignerKey);
        OvRun wrongKey = OvRun.Of("paper", "print", "--vote", VoteLog.OpenVote, "--out", pdf, "--data", data, "--key", other.VerifierKey);
        Assert.Equal(1, wrongKey.ExitCode);
        Assert.Equal(string.Empty, wrongKey.Stdout);
        Assert.StartsWith("ov paper print: ", wrongKey.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(pdf));
    }
}
