using System.Text;
using OwnersVote.Voting;

namespace OwnersVote.Cli.Tests.Fuzzing;

/// <summary>
/// <c>ov tally</c> and <c>ov roll import</c> on mutated files: the exit code is 0 or 2, never an
/// unhandled exception; a refusal prints nothing on stdout and no stack trace on stderr.
/// </summary>
public sealed class CliFuzzTests : IDisposable
{
    private static readonly string[] s_csvTokens = [",", "\"", "\"\"", "\r\n", "\n", "\uFEFF", " ", "0.00", "-1", "registry", "survey", "contract", "yes", "no", "abstain", "invalid", "unit", "choice", "building", "area"];
    private static readonly string[] s_xmlTokens = ["<", ">", "/>", "</", "\"", "&amp;", "&#0;", "&#xD800;", "<![CDATA[", "]]>", "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>", "<c r=\"A1\" t=\"s\"><v>0</v></c>", "t=\"s\"", "t=\"inlineStr\"", "r=\"", "<v>", "</v>", "99999999999", "-1", "1E+308", "NaN", "XFD1048577"];

    private static readonly string s_samples = Path.Combine(AppContext.BaseDirectory, "samples", "jingcheng");

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Ov_tally_on_mutated_roll_and_ballot_files_exits_0_or_2_with_one_line_on_stderr()
    {
        byte[] roll = File.ReadAllBytes(Path.Combine(s_samples, "roll.csv"));
        byte[] ballots = File.ReadAllBytes(Path.Combine(s_samples, "ballots-57-lift.csv"));
        var rollMutator = new Mutator([roll], s_csvTokens, lines: true);
        var ballotMutator = new Mutator([ballots], s_csvTokens, lines: true);
        string rollPath = Path.Combine(_dir.Path, "roll.csv");
        string ballotsPath = Path.Combine(_dir.Path, "ballots.csv");
        FuzzReport report = await Fuzzer.RunAsync(
            "ov tally",
            (random, index) => index == 0 ? new[] { roll, ballots }
                : random.Next(2) == 0 ? [rollMutator.Mutate(random, roll), ballots]
                : [roll, ballotMutator.Mutate(random, ballots)],
            files => $"roll {Fuzzer.Describe(files[0])}; ballots {Fuzzer.Describe(files[1])}",
            (files, _) =>
            {
                File.WriteAllBytes(rollPath, files[0]);
                File.WriteAllBytes(ballotsPath, files[1]);
                OvRun run = OvRun.Of("tally", "--roll", rollPath, "--ballots", ballotsPath, "--rule", "ordinary", "--building", "57");
                if (run.ExitCode == Ov.Ok)
                {
                    Assert.Equal(string.Empty, run.Stderr);
                    Assert.StartsWith("{\"rule\":\"ordinary\"", run.Stdout, StringComparison.Ordinal);
                    Assert.Equal(1, run.Stdout.Count(c => c == '\n'));
                    return ValueTask.FromResult("counted");
                }

                run.AssertOneLineBadInput();
                return ValueTask.FromResult("refused");
            },
            FuzzBudget.For("ov tally", defaultCases: 3_000));

        report.AssertReached(r => r.Count("counted") > 0 && r.Count("refused") > 0);
    }

    [Fact]
    public async Task Ov_roll_import_of_a_mutated_csv_exits_0_or_2()
    {
        List<byte[]> seeds =
        [
            File.ReadAllBytes(Path.Combine(s_samples, "roll.csv")),
            Encoding.UTF8.GetBytes("序号,楼号,室号,业主编号,建筑面积（㎡）,面积来源\n1,57,101,OW-1001,138.66,不动产登记\n2,57,1801,DEVELOPER,89.45,实测\n3,58,101,OW-1026,102.8,预售\n"),
        ];
        string path = Path.Combine(_dir.Path, "名册.csv");
        FuzzReport report = await Fuzzer.RunAsync("ov roll import (csv)", new Mutator(seeds, [.. s_csvTokens, "楼号", "室号", "面积", "不动产登记", "实测"], lines: true), seeds, input =>
        {
            File.WriteAllBytes(path, input);
            return Import(path);
        }, FuzzBudget.For("ov roll import (csv)", defaultCases: 3_000));

        report.AssertReached(r => r.Count("imported") >= seeds.Count && r.Count("refused") > 0);
    }

    [Fact]
    public async Task Ov_roll_import_of_a_mutated_xlsx_exits_0_or_2()
    {
        byte[][] seeds =
        [
            Workbook.Create(
                """<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>"""
                + """<row r="2"><c r="A2"><v>57</v></c><c r="B2"><v>101</v></c><c r="C2" t="inlineStr"><is><t>OW-1001</t></is></c><c r="D2"><v>138.66</v></c><c r="E2" t="s"><v>5</v></c></row>"""
                + """<row r="4"><c r="A4" t="str"><v>58</v></c><c r="B4"><v>1801</v></c><c r="C4" t="s"><v>6</v></c><c r="D4"><v>89.450000000000003</v></c><c r="E4" t="s"><v>7</v></c></row>""",
                "楼号", "室号", "业主编号", "建筑面积（㎡）", "面积来源", "不动产登记", "DEVELOPER", "实测"),
            Workbook.Create(
                """<row r="1"><c r="A1" t="inlineStr"><is><t>unit</t></is></c><c r="B1" t="inlineStr"><is><t>building</t></is></c><c r="C1" t="inlineStr"><is><t>owner</t></is></c><c r="D1" t="inlineStr"><is><t>area</t></is></c><c r="E1" t="inlineStr"><is><t>area_source</t></is></c></row>"""
                + """<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>57</v></c><c r="C2" t="s"><v>1</v></c><c r="D2"><v>100</v></c><c r="E2" t="s"><v>2</v></c></row>""",
                "57-101", "a", "registry"),
        ];
        var zipMutator = new Mutator(seeds);
        string path = Path.Combine(_dir.Path, "名册.xlsx");
        FuzzReport report = await Fuzzer.RunAsync(
            "ov roll import (xlsx)",
            (random, index) =>
            {
                byte[] seed = seeds[(int)(index % seeds.Length)];
                if (index < seeds.Length)
                {
                    return seed;
                }

                if (random.Next(4) == 0)
                {
                    // The zip container itself: CRCs, headers, lengths.
                    return zipMutator.Mutate(random, seed);
                }

                // One part's XML, re-zipped intact so that the XML and OPC readers see the damage.
                List<(string Name, byte[] Content)> parts = Workbook.Parts(seed);
                int part = random.Next(3) != 0 ? parts.FindIndex(p => p.Name.EndsWith("sheet1.xml", StringComparison.Ordinal) || p.Name.EndsWith("sharedStrings.xml", StringComparison.Ordinal)) + random.Next(2) : random.Next(parts.Count);
                parts[part] = (parts[part].Name, new Mutator([parts[part].Content], s_xmlTokens).Mutate(random, parts[part].Content));
                return Workbook.Zip(parts);
            },
            Fuzzer.Describe,
            (input, _) =>
            {
                File.WriteAllBytes(path, input);
                return ValueTask.FromResult(Import(path));
            },
            FuzzBudget.For("ov roll import (xlsx)", defaultCases: 2_000));

        report.AssertReached(r => r.Count("imported") >= seeds.Length && r.Count("refused") > 0);
    }

    private static string Import(string path)
    {
        OvRun run = OvRun.Of("roll", "import", path);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        if (run.ExitCode == Ov.Ok)
        {
            // What it writes is a roll ov tally reads.
            Assert.NotEmpty(RollCsv.Parse(run.Stdout).Units);
            return "imported";
        }

        Assert.Equal(Ov.BadInput, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.NotEqual(string.Empty, run.Stderr);
        return "refused";
    }
}
