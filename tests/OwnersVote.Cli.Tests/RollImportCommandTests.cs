namespace OwnersVote.Cli.Tests;

public sealed class RollImportCommandTests : IDisposable
{
    private static readonly object?[] s_chineseHeader = ["序号", "楼号", "室号", "业主编号", "建筑面积（㎡）", "面积来源", "联系电话"];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Xlsx(IEnumerable<(int, object?[])> rows, bool inlineStrings = false)
    {
        string path = Path.Combine(_dir.Path, "名册.xlsx");
        XlsxBuilder.Write(path, rows, inlineStrings);
        return path;
    }

    [Fact]
    public void Imports_an_office_spreadsheet_with_chinese_headers_a_title_row_and_numeric_cells()
    {
        string xlsx = Xlsx([
            (1, ["景城品雅苑业主名册（2024年3月）"]),
            (3, s_chineseHeader),
            (4, [new Num("1"), new Num("57"), new Num("101"), "OW-1001", new Num("138.66"), "不动产登记", "13800000000"]),
            (5, [new Num("2"), new Num("57"), new Num("1801"), "DEVELOPER", new Num("89.450000000000003"), "实测", null]),
            (6, [new Num("3"), "58", "901", new Rich("OW-", "1026"), "102.8", "预售", null]),
            (8, [new Num("4"), new Num("58"), new Num("902"), "DEVELOPER", new Num("79.75"), "合同", null]),
        ]);
        string output = Path.Combine(_dir.Path, "roll.csv");

        OvRun run = OvRun.Of("roll", "import", xlsx, "--out", output);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Equal($"ov roll import: 4 units in 2 buildings, 3 owners (headcount), 410.66 m² -> {output}\n", run.Stderr);
        Assert.Equal(
            "unit,building,owner,area,area_source\n101,57,OW-1001,138.66,registry\n1801,57,DEVELOPER,89.45,survey\n901,58,OW-1026,102.80,contract\n902,58,DEVELOPER,79.75,contract\n",
            File.ReadAllText(output));
        Assert.Equal(["roll.csv", "名册.xlsx"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_imported_roll_is_what_ov_tally_reads()
    {
        string xlsx = Xlsx([
            (1, ["building", "unit", "owner", "area", "area_source"]),
            (2, ["57", "57-101", "a", new Num("100"), "registry"]),
            (3, ["57", "57-102", "b", new Num("100"), "survey"]),
        ], inlineStrings: true);
        string roll = Path.Combine(_dir.Path, "roll.csv");
        Assert.Equal(0, OvRun.Of("roll", "import", xlsx, "--out", roll).ExitCode);
        string ballots = _dir.Write("ballots.csv", "unit,choice\n57-101,yes\n57-102,yes\n");

        OvRun tally = OvRun.Of("tally", "--roll", roll, "--ballots", ballots, "--rule", "major");

        Assert.Equal(0, tally.ExitCode);
        Assert.Contains("\"totalArea\":\"200.00\",\"totalHeads\":2", tally.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("\"passed\":true}\n", tally.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_every_bad_row_with_its_spreadsheet_row_number_and_writes_nothing()
    {
        string xlsx = Xlsx([
            (2, s_chineseHeader),
            (3, [new Num("1"), new Num("57"), new Num("101"), "OW-1", new Num("88.5"), "登记", null]),
            (4, [new Num("2"), new Num("57"), new Num("102"), "OW-2", new Num("88.555"), "登记", null]),
            (5, [new Num("3"), new Num("57"), new Num("103"), null, new Num("70"), "登记", null]),
            (7, [new Num("4"), new Num("57"), new Num("104"), "OW-4", "约90平", "估算", null]),
            (9, [new Num("5"), new Num("57"), new Num("101"), "OW-5", new Num("-3"), "合同", null]),
            (10, [new Num("6"), new Num("57"), new Num("105"), "OW-6", new Num("75"), "测绘", null]),
            (11, [new Num("7"), new Num("57"), new Num("105"), "OW-7", new Num("75"), "测绘", null]),
        ]);
        string output = _dir.Write("roll.csv", "previous roll\n");

        OvRun run = OvRun.Of("roll", "import", xlsx, "--out", output);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        string prefix = $"ov roll import: {xlsx}: ";
        Assert.Equal(
            [
                prefix + "row 4: area '88.555' is not square metres with at most two decimals (like 88.50)",
                prefix + "row 5: no owner (业主)",
                prefix + "row 7: area '约90平' is not square metres with at most two decimals (like 88.50)",
                prefix + "row 7: area source '估算' is not 不动产登记/实测/合同 (registry/survey/contract)",
                prefix + "row 9: area '-3' is negative",
                prefix + "row 11: unit 105 is already on row 10",
                "ov roll import: 6 problem(s); nothing written",
            ],
            run.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Equal("previous roll\n", File.ReadAllText(output));
        Assert.Equal(["roll.csv", "名册.xlsx"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Unit_numbers_repeated_across_buildings_become_building_unit_ids()
    {
        string xlsx = Xlsx([
            (1, ["楼栋", "房号", "业主姓名", "专有面积", "面积来源"]),
            (2, [new Num("57"), new Num("101"), "王某", new Num("88.5"), "不动产登记"]),
            (3, [new Num("58"), new Num("101"), "李某", new Num("90"), "不动产登记"]),
        ]);

        OvRun run = OvRun.Of("roll", "import", xlsx);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("unit,building,owner,area,area_source\n57-101,57,王某,88.50,registry\n58-101,58,李某,90.00,registry\n", run.Stdout);
        Assert.Contains("ids written as building-unit", run.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("-> stdout\n", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stairwell_and_a_room_column_make_one_unit_id()
    {
        string xlsx = Xlsx([
            (1, ["楼号", "单元", "室号", "业主", "面积", "面积来源"]),
            (2, [new Num("57"), new Num("1"), new Num("101"), "a", new Num("88.5"), "登记"]),
            (3, [new Num("57"), new Num("2"), new Num("101"), "b", new Num("90"), "登记"]),
        ]);

        OvRun run = OvRun.Of("roll", "import", xlsx);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("unit,building,owner,area,area_source\n1-101,57,a,88.50,registry\n2-101,57,b,90.00,registry\n", run.Stdout);
    }

    [Fact]
    public void Imports_csv_with_chinese_headers_and_a_bom()
    {
        string csv = _dir.Write("roll-office.csv", "\uFEFF楼号,室号,业主,面积,面积来源\r\n57,57-101,a,88.5,实测\r\n57,57-102,b, 90 ,合同\r\n");

        OvRun run = OvRun.Of("roll", "import", csv);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("unit,building,owner,area,area_source\n57-101,57,a,88.50,survey\n57-102,57,b,90.00,contract\n", run.Stdout);
    }

    [Fact]
    public void A_sheet_without_a_needed_column_names_it()
    {
        string csv = _dir.Write("roll.csv", "楼号,室号,业主,面积\n57,101,a,88.5\n");
        string line = OvRun.Of("roll", "import", csv).AssertOneLineBadInputWithSummary();
        Assert.Equal($"ov roll import: {csv}: row 1: missing column 面积来源/area_source", line);
    }

    [Fact]
    public void A_sheet_without_any_header_says_what_it_looked_for()
    {
        string csv = _dir.Write("roll.csv", "a,b\n1,2\n");
        string line = OvRun.Of("roll", "import", csv).AssertOneLineBadInputWithSummary();
        Assert.Contains("no header row naming 楼号, 室号, 业主, 面积 and 面积来源", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sheet_with_a_header_and_no_units_is_refused()
    {
        string csv = _dir.Write("roll.csv", "building,unit,owner,area,area_source\n");
        string line = OvRun.Of("roll", "import", csv).AssertOneLineBadInputWithSummary();
        Assert.EndsWith("row 1: no unit below the header", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_files_and_options_exit_2_with_one_line()
    {
        string missing = Path.Combine(_dir.Path, "missing.xlsx");
        Assert.StartsWith($"ov roll import: cannot read {missing}: ", OvRun.Of("roll", "import", missing).AssertOneLineBadInput(), StringComparison.Ordinal);

        string notZip = _dir.Write("broken.xlsx", "this is not a workbook");
        Assert.StartsWith($"ov roll import: cannot read {notZip}: ", OvRun.Of("roll", "import", notZip).AssertOneLineBadInput(), StringComparison.Ordinal);

        string ods = _dir.Write("roll.ods", "x");
        Assert.Equal($"ov roll import: {ods}: expected a .xlsx or .csv file", OvRun.Of("roll", "import", ods).AssertOneLineBadInput());

        Assert.Equal("ov roll import: expected exactly one FILE.xlsx or FILE.csv", OvRun.Of("roll", "import").AssertOneLineBadInput());
        Assert.Equal("ov roll import: unknown option '--force'", OvRun.Of("roll", "import", ods, "--force", "x").AssertOneLineBadInput());

        string badCsv = _dir.Write("bad.csv", "楼号,室号\n\"57,101\n");
        Assert.Equal($"ov roll import: {badCsv}: row 2: malformed CSV: unterminated quoted field", OvRun.Of("roll", "import", badCsv).AssertOneLineBadInput());
    }

    [Fact]
    public void An_unwritable_output_exits_2_and_leaves_no_temporary_file()
    {
        string csv = _dir.Write("in.csv", "building,unit,owner,area,area_source\n57,101,a,88.5,registry\n");
        string output = Path.Combine(_dir.Path, "no-such-dir", "roll.csv");
        string line = OvRun.Of("roll", "import", csv, "--out", output).AssertOneLineBadInput();
        Assert.StartsWith($"ov roll import: cannot write {output}: ", line, StringComparison.Ordinal);
        Assert.Equal(["in.csv"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("truncated XML")]
    [InlineData("row number beyond a worksheet")]
    public void A_damaged_workbook_is_refused_with_one_line_not_a_crash(string damage)
    {
        string xlsx = Xlsx([
            (1, s_chineseHeader),
            (2, [new Num("1"), new Num("57"), new Num("101"), "OW-1001", new Num("138.66"), "不动产登记", null]),
        ]);
        using (var zip = System.IO.Compression.ZipFile.Open(xlsx, System.IO.Compression.ZipArchiveMode.Update))
        {
            System.IO.Compression.ZipArchiveEntry sheet = zip.Entries.Single(e => e.FullName.EndsWith("sheet1.xml", StringComparison.Ordinal));
            string xml;
            using (var reader = new StreamReader(sheet.Open()))
            {
                xml = reader.ReadToEnd();
            }

            xml = damage == "truncated XML" ? xml[..(xml.Length / 2)] : xml.Replace("<x:row r=\"2\"", "<x:row r=\"4294967295\"", StringComparison.Ordinal).Replace("<row r=\"2\"", "<row r=\"4294967295\"", StringComparison.Ordinal);
            Assert.True(damage == "truncated XML" || xml.Contains("4294967295", StringComparison.Ordinal), "the test could not place the row number");
            sheet.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(sheet.FullName).Open());
            writer.Write(xml);
        }

        string line = OvRun.Of("roll", "import", xlsx).AssertOneLineBadInput();
        Assert.Contains(xlsx, line, StringComparison.Ordinal);
    }
}
