namespace OwnersVote.Voting.Tests;

public sealed class PercentageTests
{
    [Theory]
    [InlineData(47, 49, "95.92%")]
    [InlineData(1, 3, "33.33%")]
    [InlineData(2, 3, "66.67%")]
    [InlineData(1, 8, "12.50%")]
    [InlineData(1, 200, "0.50%")]
    [InlineData(1, 20000, "0.01%")]
    [InlineData(1, 40000, "0.00%")]
    [InlineData(1, 39999, "0.00%")]
    [InlineData(1, 39998, "0.00%")]
    [InlineData(0, 7, "0.00%")]
    [InlineData(7, 7, "100.00%")]
    [InlineData(3, 2, "150.00%")]
    public void Formats_two_decimals_rounded_half_up(long part, long whole, string expected)
    {
        Assert.Equal(expected, Percentage.Format(part, whole));
    }

    [Fact]
    public void Exactly_half_of_the_last_digit_rounds_up()
    {
        Assert.Equal("0.01%", Percentage.Format(1, 20000)); // 0.005% → half up
        Assert.Equal("0.1%", Percentage.Format(1, 2000, decimals: 1)); // 0.05% → half up
        Assert.Equal("96%", Percentage.Format(47, 49, decimals: 0));
    }

    [Fact]
    public void Works_for_areas_and_headcounts()
    {
        Assert.Equal("50.00%", Percentage.Format(Area.Parse("100.00"), Area.Parse("200.00")));
        Assert.Equal("95.92%", Percentage.Format(Headcount.FromInt32(47), Headcount.FromInt32(49)));
    }

    [Fact]
    public void Extreme_values_do_not_overflow()
    {
        Assert.Equal("100.00%", Percentage.Format(long.MaxValue, long.MaxValue));
        Assert.Equal("50.00%", Percentage.Format(long.MaxValue / 2, long.MaxValue - 1));
    }

    [Fact]
    public void A_zero_or_negative_whole_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentage.Format(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentage.Format(-1, 5));
    }
}
