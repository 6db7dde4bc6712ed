using System.Text;

namespace OwnersVote.Voting.Tests;

public sealed class CsvReaderTests
{
    private static string[][] Read(string text) => [.. CsvReader.ReadAll(text).Select(r => r.Fields.ToArray())];

    [Fact]
    public void Reads_plain_and_quoted_fields_per_rfc_4180()
    {
        Assert.Equal(
            [["a", "b,c", "say \"hi\""], ["line\nbreak", "", "x"]],
            Read("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"line\nbreak\",,x\r\n"));
    }

    [Fact]
    public void Accepts_lf_a_missing_final_newline_and_a_byte_order_mark()
    {
        Assert.Equal([["a", "b"], ["c", "d"]], Read("\uFEFFa,b\nc,d"));
        Assert.Equal([["a", "b"], ["c", "d"]], Read("a,b\r\nc,d\r\n\r\n"));
    }

    [Fact]
    public void Keeps_empty_fields_at_the_end_of_a_record()
    {
        Assert.Equal([["a", ""], ["", ""]], Read("a,\n,\n"));
        Assert.Equal([["a", ""]], Read("\"a\","));
        Assert.Equal([["", "b"]], Read("\"\",b"));
    }

    [Fact]
    public void Numbers_records_not_lines()
    {
        IReadOnlyList<CsvRecord> records = CsvReader.ReadAll("h\n\"two\nlines\"\nthird\n");
        Assert.Equal([1, 2, 3], records.Select(r => r.Row));
    }

    [Theory]
    [InlineData("a,b\"c\n", 1, "quote inside an unquoted field")]
    [InlineData("h\n\"abc\n", 2, "unterminated quoted field")]
    [InlineData("h\n\"a\"b,c\n", 2, "text after a closing quote")]
    [InlineData("a\rb\n", 1, "a carriage return not followed by a line feed")]
    public void Refuses_malformed_csv_naming_the_row(string text, int row, string what)
    {
        var error = Assert.Throws<VotingDataException>(() => CsvReader.ReadAll(text));
        Assert.Equal(VotingDataError.MalformedCsv, error.Error);
        Assert.Equal(row, error.Row);
        Assert.Equal($"row {row}: malformed CSV: {what}", error.Message);
    }

    [Fact]
    public void Refuses_invalid_utf8()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("unit,choice\n"), 0xFF, 0xFE, (byte)'\n'];
        var error = Assert.Throws<VotingDataException>(() => CsvReader.ReadAll(bytes));
        Assert.Equal(VotingDataError.MalformedCsv, error.Error);
    }

    [Theory]
    [InlineData("57-101", "57-101")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("王 ", "\"王 \"")]
    public void Writes_fields_that_read_back_the_same(string value, string written)
    {
        Assert.Equal(written, CsvWriter.Field(value));
        Assert.Equal(value, CsvReader.ReadAll(written + "\n")[0].Fields[0]);
    }
}
