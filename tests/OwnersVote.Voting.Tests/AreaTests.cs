namespace OwnersVote.Voting.Tests;

public sealed class AreaTests
{
    [Theory]
    [InlineData("123.45", 12345)]
    [InlineData("123.4", 12340)]
    [InlineData("123", 12300)]
    [InlineData("0.01", 1)]
    [InlineData("0", 0)]
    [InlineData("007.50", 750)]
    [InlineData("999999999999.99", 99999999999999)]
    public void Parses_square_metres_with_at_most_two_decimals(string text, long hundredths)
    {
        Assert.Equal(hundredths, Area.Parse(text).Hundredths);
    }

    [Theory]
    [InlineData("")]
    [InlineData("123.456")]
    [InlineData("1e3")]
    [InlineData("1E3")]
    [InlineData("1.2e1")]
    [InlineData(" 123")]
    [InlineData("123 ")]
    [InlineData("1 234")]
    [InlineData("1,234.00")]
    [InlineData("1,5")]
    [InlineData("+123")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData(".")]
    [InlineData("12a")]
    [InlineData("１２３")]
    [InlineData("NaN")]
    [InlineData("1000000000000")]
    public void Rejects_anything_but_plain_decimal_square_metres(string text)
    {
        var error = Assert.Throws<VotingDataException>(() => Area.Parse(text));
        Assert.Equal(VotingDataError.MalformedArea, error.Error);
        Assert.False(Area.TryParse(text, out _));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("-0.01")]
    [InlineData("-123.45")]
    public void Rejects_negative_areas_with_their_own_code(string text)
    {
        var error = Assert.Throws<VotingDataException>(() => Area.Parse(text));
        Assert.Equal(VotingDataError.NegativeArea, error.Error);
    }

    [Fact]
    public void Negative_hundredths_are_refused()
    {
        var error = Assert.Throws<VotingDataException>(() => Area.FromHundredths(-1));
        Assert.Equal(VotingDataError.NegativeArea, error.Error);
    }

    [Theory]
    [InlineData(0, "0.00")]
    [InlineData(1, "0.01")]
    [InlineData(10, "0.10")]
    [InlineData(432100, "4321.00")]
    [InlineData(12345, "123.45")]
    public void Formats_with_exactly_two_decimals(long hundredths, string expected)
    {
        Assert.Equal(expected, Area.FromHundredths(hundredths).ToString());
    }

    [Fact]
    public void Addition_overflow_throws_instead_of_wrapping()
    {
        Area huge = Area.FromHundredths(long.MaxValue);
        Assert.Throws<OverflowException>(() => huge + Area.FromHundredths(1));
    }

    [Fact]
    public void Parse_and_format_round_trip()
    {
        foreach (string text in new[] { "85.50", "120.00", "0.07", "139.99" })
        {
            Assert.Equal(text, Area.Parse(text).ToString());
        }
    }
}
