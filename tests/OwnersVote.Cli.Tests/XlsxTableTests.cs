using OwnersVote.Web.Spreadsheets;

namespace OwnersVote.Cli.Tests;

public sealed class XlsxTableTests
{
    [Fact]
    public void A_written_workbook_reads_back_with_text_numbers_gaps_and_row_numbers()
    {
        using var stream = new MemoryStream();
        object?[][] rows =
        [
            ["楼栋", "房号", "面积", "金额（分）"],
            ["57", "57-101", 93.5m, 1_234_567_890_123L],
            ["57", null, 0, "  前后空格  "],
        ];

        XlsxTable.Write(stream, "专项维修资金", rows);
        stream.Position = 0;
        IReadOnlyList<SheetRow> read = XlsxTable.Read(stream, "upload.xlsx");

        Assert.Equal([1, 2, 3], read.Select(r => r.Number));
        Assert.Equal(new SheetCell("楼栋", IsNumber: false), read[0][0]);
        Assert.Equal(new SheetCell("93.5", IsNumber: true), read[1][2]);
        Assert.Equal(new SheetCell("1234567890123", IsNumber: true), read[1][3]);
        Assert.Null(read[2][1]);
        Assert.Equal(new SheetCell("0", IsNumber: true), read[2][2]);
        Assert.Equal(new SheetCell("  前后空格  ", IsNumber: false), read[2][3]);
    }

    [Fact]
    public void Columns_past_Z_are_placed_by_their_references()
    {
        using var stream = new MemoryStream();
        object?[] wide = [.. Enumerable.Range(0, 30).Select(i => (object?)i)];
        XlsxTable.Write(stream, "wide", [wide]);
        stream.Position = 0;

        SheetRow row = Assert.Single(XlsxTable.Read(stream, "wide.xlsx"));

        Assert.Equal(30, row.Cells.Count);
        Assert.Equal("29", row[29]!.Text);
    }

    [Fact]
    public void Bytes_that_are_not_a_workbook_get_one_clear_line_naming_the_upload()
    {
        using var stream = new MemoryStream("楼栋,房号\n57,57-101\n"u8.ToArray());

        SpreadsheetException e = Assert.Throws<SpreadsheetException>(() => XlsxTable.Read(stream, "roll.xlsx"));

        Assert.StartsWith("cannot read roll.xlsx: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_cell_of_another_type_and_a_long_sheet_name_are_refused()
    {
        using var stream = new MemoryStream();

        Assert.Throws<ArgumentException>(() => XlsxTable.Write(stream, "s", [[1.5d]]));
        Assert.Throws<ArgumentException>(() => XlsxTable.Write(new MemoryStream(), new string('x', 32), [["a"]]));
    }
}
