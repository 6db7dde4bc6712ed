using static OwnersVote.Voting.Choice;

namespace OwnersVote.Voting.Tests;

/// <summary>Civil Code art. 278 at its edges: ⅔, ½ and ¾ exactly, and one unit either side.</summary>
public sealed class TallyBoundaryTests
{
    [Fact]
    public void Exactly_two_thirds_of_area_and_heads_meets_the_quorum()
    {
        Roll roll = new RollBuilder().Add("A", "a", "100.00").Add("B", "b", "100.00").Add("C", "c", "100.00").Build();
        TallyResult result = RollBuilder.Count(roll, ThresholdClass.Ordinary, ("A", Yes), ("B", Yes));
        Assert.Equal("200.00", result.Participating.Area.ToString());
        Assert.Equal(2, result.Participating.Heads.Value);
        Assert.True(result.QuorumMet);
        Assert.True(result.Passed);
    }

    [Fact]
    public void Two_thirds_of_the_area_less_a_hundredth_fails_the_quorum()
    {
        Roll roll = new RollBuilder().Add("A", "a", "100.00").Add("B", "b", "99.99").Add("C", "c", "100.01").Build();
        TallyResult result = RollBuilder.Count(roll, ThresholdClass.Ordinary, ("A", Yes), ("B", Yes));
        Assert.Equal("199.99", result.Participating.Area.ToString());
        Assert.Equal("300.00", result.Total.Area.ToString());
        Assert.False(result.QuorumMet);
        Assert.False(result.Passed);
        Assert.Contains(result.Reasons, r => r.Code == TallyReasonCode.QuorumArea && !r.Met);
        Assert.Contains(result.Reasons, r => r.Code == TallyReasonCode.QuorumHeads && r.Met);
    }

    [Fact]
    public void Two_thirds_of_the_heads_less_one_fails_the_quorum_even_with_enough_area()
    {
        // 6 owners: 3 take part (one head short of 4) but hold exactly 2/3 of the area.
        Roll roll = new RollBuilder()
            .Add("A", "a", "200.00").Add("B", "b", "200.00").Add("C", "c", "200.00")
            .Add("D", "d", "100.00").Add("E", "e", "100.00").Add("F", "f", "100.00").Build();
        TallyResult result = RollBuilder.Count(roll, ThresholdClass.Ordinary, ("A", Yes), ("B", Yes), ("C", Yes));
        Assert.Equal("600.00", result.Participating.Area.ToString());
        Assert.Equal("900.00", result.Total.Area.ToString());
        Assert.False(result.QuorumMet);
        Assert.False(result.Passed);
        Assert.Contains(result.Reasons, r => r.Code == TallyReasonCode.QuorumArea && r.Met);
        Assert.Contains(result.Reasons, r => r.Code == TallyReasonCode.QuorumHeads && !r.Met);

        TallyResult withFourth = RollBuilder.Count(roll, ThresholdClass.Ordinary, ("A", Yes), ("B", Yes), ("C", Yes), ("D", Yes));
        Assert.True(withFourth.QuorumMet);
        Assert.True(withFourth.Passed);
    }

    [Fact]
    public void Ordinary_matter_fails_at_exactly_half_the_area()
    {
        // Heads: 2 of 3 yes (more than half); area: exactly half yes.
        Roll roll = new RollBuilder().Add("A", "a", "50.00").Add("B", "b", "50.00").Add("C", "c", "100.00").Build();
        TallyResult result = RollBuilder.Count(roll, ThresholdClass.Ordinary, ("A", Yes), ("B", Yes), ("C", No));
        Assert.True(result.QuorumMet);
        Assert.Equal("100.00", result.Yes.Area.ToString());
        Assert.Equal("200.00", result.Participating.Area.ToString());
        Assert.False(result.Passed);
        Assert.Contains(result.Reasons, r => r.Code == TallyReasonCode.YesArea && !r.Met);
        Assert.Contains(result.Reasons, r => r.Code == TallyReasonCode.YesHeads && r.Met);
    }

    [Fact]
    public void Ordinary_matter_passes_at_half_the_area_plus_a_hundredth()
    {
        Roll roll = new RollBuilder().Add("A", "a", "50.00").Add("B", "b", "50.01").Add("C", "c", "99.99").Build();
        TallyResult result = RollBuilder.Count(roll, ThresholdClass.Ordinary, ("A", Yes), ("B", Yes), ("C", No));
        Assert.Equal("100.01", result.Yes.Area.ToString());
        Assert.Equal("200.00", result.Participating.Area.ToString());
        Assert.True(result.Passed);
    }

    [Fact]
    public void Ordinary_matter_fails_at_exactly_half_the_heads()
    {
        // Area: 150 of 200 yes; heads: 2 of 4 yes (exactly half).
        Roll roll = new RollBuilder().Add("A", "a", "75.00").Add("B", "b", "75.00").Add("C", "c", "25.00").Add("D", "d", "25.00").Build();
        TallyResult result = RollBuilder.Count(roll, ThresholdClass.Ordinary, ("A", Yes), ("B", Yes), ("C", No), ("D", No));
        Assert.True(result.QuorumMet);
        Assert.False(result.Passed);
        Assert.Contains(result.Reasons, r => r.Code == TallyReasonCode.YesArea && r.Met);
        Assert.Contains(result.Reasons, r => r.Code == TallyReasonCode.YesHeads && !r.Met);
    }

    [Fact]
    public void Major_matter_passes_at_exactly_three_quarters()
    {
        Roll roll = new RollBuilder().Add("A", "a", "100.00").Add("B", "b", "100.00").Add("C", "c", "100.00").Add("D", "d", "100.00").Build();
        TallyResult result = RollBuilder.Count(roll, ThresholdClass.Major, ("A", Yes), ("B", Yes), ("C", Yes), ("D", No));
        Assert.Equal("300.00", result.Yes.Area.ToString());
        Assert.Equal(3, result.Yes.Heads.Value);
        Assert.True(result.Passed);
        Assert.Equal(ThresholdClass.Major, result.Rule);
    }

    [Fact]
    public void Major_matter_fails_at_three_quarters_of_the_area_less_a_hundredth()
    {
        Roll roll = new RollBuilder().Add("A", "a", "100.00").Add("B", "b", "100.00").Add("C", "c", "99.99").Add("D", "d", "100.01").Build();
        TallyResult result = RollBuilder.Count(roll, ThresholdClass.Major, ("A", Yes), ("B", Yes), ("C", Yes), ("D", No));
        Assert.Equal("299.99", result.Yes.Area.ToString());
        Assert.True(result.QuorumMet);
        Assert.False(result.Passed);
        Assert.Contains(result.Reasons, r => r.Code == TallyReasonCode.YesArea && !r.Met);
        Assert.Contains(result.Reasons, r => r.Code == TallyReasonCode.YesHeads && r.Met);
    }

    [Fact]
    public void Major_matter_fails_one_head_short_of_three_quarters()
    {
        // 8 owners all take part; 5 yes (6 needed) holding 90% of the area.
        var builder = new RollBuilder();
        for (int i = 0; i < 5; i++)
        {
            builder.Add($"Y{i}", $"y{i}", "180.00");
        }

        for (int i = 0; i < 3; i++)
        {
            builder.Add($"N{i}", $"n{i}", "33.33");
        }

        Roll roll = builder.Build();
        var ballots = Enumerable.Range(0, 5).Select(i => ($"Y{i}", Yes)).Concat(Enumerable.Range(0, 3).Select(i => ($"N{i}", No))).ToArray();
        TallyResult result = RollBuilder.Count(roll, ThresholdClass.Major, ballots);
        Assert.True(result.QuorumMet);
        Assert.Contains(result.Reasons, r => r.Code == TallyReasonCode.YesArea && r.Met);
        Assert.Contains(result.Reasons, r => r.Code == TallyReasonCode.YesHeads && !r.Met);
        Assert.False(result.Passed);

        // The same ballots clear the ordinary bar.
        Assert.True(RollBuilder.Count(roll, ThresholdClass.Ordinary, ballots).Passed);
    }

    [Fact]
    public void Many_small_owners_for_and_a_few_large_against_fails_by_area()
    {
        // Heads 4 of 6 yes; area 4×50 = 200 of 200 + 2×150 = 500 yes → 40%.
        var builder = new RollBuilder();
        for (int i = 0; i < 4; i++)
        {
            builder.Add($"S{i}", $"s{i}", "50.00");
        }

        Roll roll = builder.Add("L0", "l0", "150.00").Add("L1", "l1", "150.00").Build();
        TallyResult result = RollBuilder.Count(roll, ThresholdClass.Ordinary, ("S0", Yes), ("S1", Yes), ("S2", Yes), ("S3", Yes), ("L0", No), ("L1", No));
        Assert.True(result.QuorumMet);
        Assert.Equal(4, result.Yes.Heads.Value);
        Assert.Equal("200.00", result.Yes.Area.ToString());
        Assert.False(result.Passed);
        Assert.Contains(result.Reasons, r => r.Code == TallyReasonCode.YesHeads && r.Met);
        Assert.Contains(result.Reasons, r => r.Code == TallyReasonCode.YesArea && !r.Met);
    }

    [Fact]
    public void A_few_large_owners_for_and_many_small_against_fails_by_heads()
    {
        var builder = new RollBuilder();
        for (int i = 0; i < 4; i++)
        {
            builder.Add($"S{i}", $"s{i}", "50.00");
        }

        Roll roll = builder.Add("L0", "l0", "150.00").Add("L1", "l1", "150.00").Build();
        TallyResult result = RollBuilder.Count(roll, ThresholdClass.Ordinary, ("S0", No), ("S1", No), ("S2", No), ("S3", No), ("L0", Yes), ("L1", Yes));
        Assert.Equal("300.00", result.Yes.Area.ToString());
        Assert.Equal("500.00", result.Participating.Area.ToString());
        Assert.False(result.Passed);
        Assert.Contains(result.Reasons, r => r.Code == TallyReasonCode.YesArea && r.Met);
        Assert.Contains(result.Reasons, r => r.Code == TallyReasonCode.YesHeads && !r.Met);
    }

    [Fact]
    public void Abstain_and_invalid_ballots_participate_but_are_not_yes()
    {
        // Without the abstain and invalid ballots only 2 of 5 take part: no quorum.
        Roll roll = new RollBuilder()
            .Add("A", "a", "100.00").Add("B", "b", "100.00").Add("C", "c", "100.00").Add("D", "d", "100.00").Add("E", "e", "100.00").Build();
        TallyResult result = RollBuilder.Count(roll, ThresholdClass.Ordinary, ("A", Yes), ("B", Yes), ("C", Abstain), ("D", Invalid));
        Assert.True(result.QuorumMet);
        Assert.Equal(new DoubleCount(Area.Parse("400.00"), Headcount.FromInt32(4)), result.Participating);
        Assert.Equal(new DoubleCount(Area.Parse("100.00"), Headcount.One), result.Abstain);
        Assert.Equal(new DoubleCount(Area.Parse("100.00"), Headcount.One), result.Invalid);
        Assert.Equal(DoubleCount.Zero, result.No);

        // Two yes of four participating is exactly half: not passed.
        Assert.False(result.Passed);
    }

    [Fact]
    public void Unanimous_yes_without_quorum_does_not_pass()
    {
        Roll roll = new RollBuilder().Add("A", "a", "100.00").Add("B", "b", "100.00").Add("C", "c", "100.00").Build();
        TallyResult result = RollBuilder.Count(roll, ThresholdClass.Ordinary, ("A", Yes));
        Assert.False(result.QuorumMet);
        Assert.False(result.Passed);
        TallyReason conclusion = result.Reasons[^1];
        Assert.Equal(TallyReasonCode.Result, conclusion.Code);
        Assert.False(conclusion.Met);
        Assert.Contains("三分之二", conclusion.Chinese, StringComparison.Ordinal);
        Assert.Contains("two thirds", conclusion.English, StringComparison.Ordinal);
    }

    [Fact]
    public void No_ballots_at_all_is_a_result_not_an_error()
    {
        Roll roll = new RollBuilder().Add("A", "a", "100.00").Build();
        TallyResult result = RollBuilder.Count(roll, ThresholdClass.Major);
        Assert.Equal(DoubleCount.Zero, result.Participating);
        Assert.False(result.QuorumMet);
        Assert.False(result.Passed);
        Assert.Contains("—", result.Reasons.Single(r => r.Code == TallyReasonCode.YesArea).English, StringComparison.Ordinal);
    }

    [Fact]
    public void Reasons_give_both_languages_with_exact_percentages()
    {
        Roll roll = new RollBuilder().Add("A", "a", "100.00").Add("B", "b", "100.00").Add("C", "c", "100.00").Build();
        TallyResult result = RollBuilder.Count(roll, ThresholdClass.Ordinary, ("A", Yes), ("B", No));
        TallyReason quorum = result.Reasons.Single(r => r.Code == TallyReasonCode.QuorumArea);
        Assert.Equal("参与表决的专有部分面积 200.00 m²，占总面积 300.00 m² 的 66.67%，达到三分之二以上（民法典第二百七十八条）", quorum.Chinese);
        Assert.Equal("Participating area 200.00 m² is 66.67% of the total 300.00 m²: at least two thirds (Civil Code art. 278)", quorum.English);
        TallyReason yes = result.Reasons.Single(r => r.Code == TallyReasonCode.YesHeads);
        Assert.Equal("同意人数 1 人，占参与表决人数 2 人的 50.00%，未过半数（民法典第二百七十八条）", yes.Chinese);
        Assert.False(result.Passed);
    }
}
