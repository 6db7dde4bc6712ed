namespace OwnersVote.Voting.Tests;

/// <summary>The demo compound shaped like 景城品雅苑: building 57 lift repair from the maintenance fund.</summary>
public sealed class ReferenceCaseTests
{
    private static readonly Roll s_roll = RollCsv.Parse(File.ReadAllBytes(Sample("roll.csv")));
    private static readonly IReadOnlyList<Ballot> s_ballots = BallotCsv.Parse(File.ReadAllBytes(Sample("ballots-57-lift.csv")));

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", "jingcheng", name);

    [Fact]
    public void Building_57_passes_with_47_of_49_owners_and_96_percent_of_the_area()
    {
        var matter = new Matter("57号楼电梯维修使用专项维修资金", ThresholdClass.Ordinary, Scope.OfBuildings([new BuildingId("57")]));
        TallyResult result = Tally.Count(s_roll, matter, s_ballots);

        Assert.Equal(new DoubleCount(Area.Parse("5039.34"), Headcount.FromInt32(49)), result.Total);
        Assert.Equal(result.Total, result.Participating);
        Assert.Equal(new DoubleCount(Area.Parse("4840.50"), Headcount.FromInt32(47)), result.Yes);
        Assert.Equal(new DoubleCount(Area.Parse("198.84"), Headcount.FromInt32(2)), result.No);
        Assert.Equal("95.92%", Percentage.Format(result.Yes.Heads, result.Participating.Heads));
        Assert.Equal("96.05%", Percentage.Format(result.Yes.Area, result.Participating.Area));
        Assert.True(result.QuorumMet);
        Assert.True(result.Passed);
        Assert.Equal(
            "同意人数 47 人，占参与表决人数 49 人的 95.92%，过半数（民法典第二百七十八条）",
            result.Reasons.Single(r => r.Code == TallyReasonCode.YesHeads).Chinese);
    }

    [Fact]
    public void Building_57_has_52_units_but_49_heads()
    {
        IReadOnlyList<Unit> units = s_roll.UnitsIn(Scope.OfBuildings([new BuildingId("57")]));
        Assert.Equal(52, units.Count);
        Assert.Equal(3, units.Count(u => u.Owner.IsDeveloper));
        Assert.Equal(49, units.Select(u => u.Owner).Distinct().Count());
    }

    [Fact]
    public void Counted_over_the_whole_compound_the_same_ballots_miss_the_quorum()
    {
        TallyResult result = Tally.Count(s_roll, new Matter("全体业主", ThresholdClass.Ordinary, Scope.WholeCompound), s_ballots);
        Assert.Equal(83, result.Total.Heads.Value);
        Assert.False(result.QuorumMet);
        Assert.False(result.Passed);
    }
}
