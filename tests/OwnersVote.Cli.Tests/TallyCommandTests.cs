using System.Text;
using System.Text.Json;
using OwnersVote.Voting;

namespace OwnersVote.Cli.Tests;

public sealed class TallyCommandTests : IDisposable
{
    private const string Roll = """
        unit,building,owner,area,area_source
        57-101,57,a,100.00,registry
        57-102,57,b,100.00,survey
        57-201,57,c,50.00,contract
        57-202,57,c,50.00,registry
        58-101,58,d,80.00,registry

        """;

    private readonly TempDirectory _dir = new();

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", "jingcheng", name);

    public void Dispose() => _dir.Dispose();

    private OvRun Tally(string roll, string ballots, params string[] more) =>
        OvRun.Of(["tally", "--roll", _dir.Write("roll.csv", roll), "--ballots", _dir.Write("ballots.csv", ballots), .. more]);

    [Fact]
    public void Building_57_lift_repair_passes_with_47_of_49_owners()
    {
        OvRun run = OvRun.Of("tally", "--roll", Sample("roll.csv"), "--ballots", Sample("ballots-57-lift.csv"), "--rule", "ordinary", "--building", "57");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
        Assert.Equal(
            """{"rule":"ordinary","totalArea":"5039.34","totalHeads":49,"partArea":"5039.34","partHeads":49,"yesArea":"4840.50","yesHeads":47,"noArea":"198.84","noHeads":2,"abstainArea":"0.00","abstainHeads":0,"invalidArea":"0.00","invalidHeads":0,"quorumMet":true,"passed":true}""" + "\n",
            run.Stdout);

        using JsonDocument json = JsonDocument.Parse(run.Stdout);
        JsonElement root = json.RootElement;
        Assert.Equal("95.92%", Percentage.Format(root.GetProperty("yesHeads").GetInt64(), root.GetProperty("partHeads").GetInt64()));
        Assert.Equal("96.05%", Percentage.Format(Area.Parse(root.GetProperty("yesArea").GetString()!), Area.Parse(root.GetProperty("partArea").GetString()!)));
    }

    [Fact]
    public void Without_the_building_scope_the_whole_compound_is_the_denominator_and_the_quorum_fails()
    {
        OvRun run = OvRun.Of("tally", "--roll", Sample("roll.csv"), "--ballots", Sample("ballots-57-lift.csv"), "--rule", "ordinary");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            """{"rule":"ordinary","totalArea":"8560.69","totalHeads":83,"partArea":"5039.34","partHeads":49,"yesArea":"4840.50","yesHeads":47,"noArea":"198.84","noHeads":2,"abstainArea":"0.00","abstainHeads":0,"invalidArea":"0.00","invalidHeads":0,"quorumMet":false,"passed":false}""" + "\n",
            run.Stdout);
    }

    [Fact]
    public void Major_rule_abstain_and_invalid_appear_in_their_fields()
    {
        OvRun run = Tally(Roll, "unit,choice\n57-101,yes\n57-102,abstain\n57-201,invalid\n57-202,invalid\n", "--rule", "major", "--building", "57");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            """{"rule":"major","totalArea":"300.00","totalHeads":3,"partArea":"300.00","partHeads":3,"yesArea":"100.00","yesHeads":1,"noArea":"0.00","noHeads":0,"abstainArea":"100.00","abstainHeads":1,"invalidArea":"100.00","invalidHeads":1,"quorumMet":true,"passed":false}""" + "\n",
            run.Stdout);
    }

    [Fact]
    public void Repeated_buildings_widen_the_scope_and_a_bom_is_accepted()
    {
        string roll = "\uFEFF" + Roll;
        OvRun run = Tally(roll, "\uFEFFunit,choice\r\n57-101,yes\r\n58-101,yes\r\n57-102,yes\r\n", "--rule", "ordinary", "--building", "57", "--building", "58");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("""{"rule":"ordinary","totalArea":"380.00","totalHeads":4,"partArea":"280.00","partHeads":3,"yesArea":"280.00","yesHeads":3,""", run.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("""
            "quorumMet":true,"passed":true}
            """ + "\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_computed_failure_still_exits_0()
    {
        OvRun run = Tally(Roll, "unit,choice\n57-101,no\n57-102,no\n57-201,yes\n57-202,yes\n", "--rule", "ordinary");
        Assert.Equal(0, run.ExitCode);
        Assert.EndsWith("\"quorumMet\":true,\"passed\":false}\n", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[] { "tally" }, "missing option '--roll'")]
    [InlineData(new string[] { "tally", "--roll", "r.csv", "--ballots", "b.csv" }, "missing option '--rule'")]
    [InlineData(new string[] { "tally", "--roll", "r.csv", "--ballots", "b.csv", "--rule", "ordinary", "--frob", "x" }, "unknown option '--frob'")]
    [InlineData(new string[] { "tally", "--roll" }, "option '--roll' needs a value")]
    [InlineData(new string[] { "tally", "--roll", "a", "--roll", "b" }, "option '--roll' given more than once")]
    [InlineData(new string[] { "tally", "--roll", "r.csv", "--ballots", "b.csv", "--rule", "unanimous" }, "unknown rule 'unanimous': expected ordinary or major")]
    [InlineData(new string[] { "tally", "extra", "--roll", "r.csv" }, "unexpected argument 'extra'")]
    public void Bad_options_exit_2_with_one_line(string[] args, string message)
    {
        Assert.Equal($"ov tally: {message}", OvRun.Of(args).AssertOneLineBadInput());
    }

    [Fact]
    public void An_unreadable_file_exits_2_with_one_line()
    {
        string missing = Path.Combine(_dir.Path, "missing.csv");
        string line = OvRun.Of("tally", "--roll", missing, "--ballots", missing, "--rule", "ordinary").AssertOneLineBadInput();
        Assert.StartsWith($"ov tally: cannot read {missing}: ", line, StringComparison.Ordinal);

        line = OvRun.Of("tally", "--roll", _dir.Path, "--ballots", missing, "--rule", "ordinary").AssertOneLineBadInput();
        Assert.StartsWith($"ov tally: cannot read {_dir.Path}: ", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unit,building,owner,area,area_source\n57-101,57,\"a\"x,1,registry\n", "row 2: malformed CSV: text after a closing quote")]
    [InlineData("unit,building,owner,area,area_source\n57-101,57,a\"b,1,registry\n", "row 2: malformed CSV: quote inside an unquoted field")]
    [InlineData("unit,building,owner,area,area_source\n\"57-101,57,a,1,registry\n", "row 2: malformed CSV: unterminated quoted field")]
    [InlineData("unit;building;owner;area;area_source\n", "row 1: expected the header 'unit,building,owner,area,area_source', found 'unit;building;owner;area;area_source'")]
    [InlineData("unit,building,owner,area,area_source\n57-101,57,a,1\n", "row 2: expected 5 fields, found 4")]
    [InlineData("unit,building,owner,area,area_source\n57-101,57,a,1,registry\n57-101,57,b,2,registry\n", "row 3: unit 57-101 appears twice on the roll")]
    [InlineData("unit,building,owner,area,area_source\n57-101,57,a,88.555,registry\n", "row 2: malformed area '88.555': expected square metres like 123.45, 123.4 or 123 (at most two decimals, no sign, spaces, separators or exponent)")]
    [InlineData("unit,building,owner,area,area_source\n57-101,57,a,-88.5,registry\n", "row 2: area must not be negative: '-88.5'")]
    [InlineData("unit,building,owner,area,area_source\n57-101,57,a,1e2,registry\n", "row 2: malformed area '1e2'")]
    [InlineData("unit,building,owner,area,area_source\n57-101,57,a,88.5,deed\n", "row 2: unknown area source 'deed': expected registry, survey or contract")]
    [InlineData("", "row 1: empty file: expected the header 'unit,building,owner,area,area_source'")]
    public void A_bad_roll_exits_2_naming_the_file_and_row(string roll, string message)
    {
        string line = Tally(roll, "unit,choice\n", "--rule", "ordinary").AssertOneLineBadInput();
        Assert.StartsWith($"ov tally: {Path.Combine(_dir.Path, "roll.csv")}: {message}", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unit,choice\n57-101,maybe\n", "row 2: unknown choice 'maybe': expected yes, no, abstain or invalid")]
    [InlineData("unit,choice\n57-101,yes\n57-101,yes\n", "row 3: unit 57-101 has more than one ballot")]
    [InlineData("unit,choice,signature\n", "row 1: expected the header 'unit,choice', found 'unit,choice,signature'")]
    [InlineData("unit,choice\n57-101,yes,extra\n", "row 2: expected 2 fields, found 3")]
    [InlineData("unit,choice\n57-999,yes\n", "ballot for unit 57-999, which is not on the roll")]
    [InlineData("unit,choice\n57-201,yes\n57-202,no\n", "units 57-201 (yes), 57-202 (no) belong to one owner but carry different choices")]
    [InlineData("unit,choice\n58-101,yes\n", "ballot for unit 58-101 of building 58, outside the scope (building 57)")]
    public void Bad_ballots_exit_2_naming_the_file_and_the_problem(string ballots, string message)
    {
        string line = Tally(Roll, ballots, "--rule", "ordinary", "--building", "57").AssertOneLineBadInput();
        Assert.Equal($"ov tally: {Path.Combine(_dir.Path, "ballots.csv")}: {message}", line);
    }

    [Fact]
    public void Invalid_utf8_exits_2()
    {
        string roll = _dir.Write("roll.csv", [.. Encoding.UTF8.GetBytes("unit,building,owner,area,area_source\n57-101,57,"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(",1,registry\n")]);
        string ballots = _dir.Write("ballots.csv", "unit,choice\n");
        string line = OvRun.Of("tally", "--roll", roll, "--ballots", ballots, "--rule", "ordinary").AssertOneLineBadInput();
        Assert.EndsWith("the file is not valid UTF-8", line, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_scope_exits_2()
    {
        string line = Tally("unit,building,owner,area,area_source\n", "unit,choice\n", "--rule", "ordinary").AssertOneLineBadInput();
        Assert.Equal($"ov tally: {Path.Combine(_dir.Path, "roll.csv")}: no unit in scope (whole compound)", line);
    }

    [Fact]
    public void A_building_with_no_units_exits_2()
    {
        string line = Tally(Roll, "unit,choice\n", "--rule", "ordinary", "--building", "99").AssertOneLineBadInput();
        Assert.Equal($"ov tally: {Path.Combine(_dir.Path, "roll.csv")}: building 99 has no unit on the roll", line);
    }

    [Fact]
    public void A_blank_building_exits_2()
    {
        string line = Tally(Roll, "unit,choice\n", "--rule", "ordinary", "--building", " 57").AssertOneLineBadInput();
        Assert.Equal("ov tally: building id ' 57' has leading or trailing spaces", line);
    }
}
