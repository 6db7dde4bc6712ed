using static OwnersVote.Voting.Choice;

namespace OwnersVote.Voting.Tests;

/// <summary>Headcount principals (JI art. 9) and scope (Shanghai art. 69).</summary>
public sealed class TallyPrincipalTests
{
    private static Roll Compound() => new RollBuilder()
        .Add("57-101", "wang", "88.50")
        .Add("57-102", "li", "92.00")
        .Add("57-201", "zhao", "88.50")
        .Add("57-202", "zhao", "45.25")
        .Add("57-301", "DEVELOPER", "120.00")
        .Add("57-302", "DEVELOPER", "120.00")
        .Add("57-401", "DEVELOPER", "75.75")
        .Add("58-101", "sun", "100.00", building: "58")
        .Add("58-102", "DEVELOPER", "100.00", building: "58")
        .Add("58-201", "wang", "60.00", building: "58")
        .Build();

    private static Matter Building57(ThresholdClass rule = ThresholdClass.Ordinary) =>
        new("57号楼电梯维修", rule, Scope.OfBuildings([new BuildingId("57")]));

    [Fact]
    public void The_developers_units_count_together_as_one_head()
    {
        Roll roll = Compound();
        DoubleCount total = roll.Total(Scope.WholeCompound);
        Assert.Equal(5, total.Heads.Value); // wang, li, zhao, DEVELOPER, sun
        Assert.Equal("890.00", total.Area.ToString());

        TallyResult result = Tally.Count(roll, Building57(), RollBuilder.Ballots(("57-301", Yes), ("57-302", Yes), ("57-401", Yes)));
        Assert.Equal(1, result.Yes.Heads.Value);
        Assert.Equal("315.75", result.Yes.Area.ToString());
    }

    [Fact]
    public void An_owner_of_several_units_counts_once_with_all_their_area()
    {
        TallyResult result = Tally.Count(Compound(), Building57(), RollBuilder.Ballots(("57-201", No), ("57-202", No)));
        Assert.Equal(new DoubleCount(Area.Parse("133.75"), Headcount.One), result.No);
    }

    [Fact]
    public void An_owner_whose_units_carry_different_choices_is_an_error_naming_the_units()
    {
        var error = Assert.Throws<VotingDataException>(() =>
            Tally.Count(Compound(), Building57(), RollBuilder.Ballots(("57-202", No), ("57-101", Yes), ("57-201", Yes))));
        Assert.Equal(VotingDataError.MixedChoices, error.Error);
        Assert.Equal(["57-201", "57-202"], error.Units.Select(u => u.Value));
        Assert.Equal("units 57-201 (yes), 57-202 (no) belong to one owner but carry different choices", error.Message);
    }

    [Fact]
    public void The_developer_cannot_split_its_single_vote()
    {
        var error = Assert.Throws<VotingDataException>(() =>
            Tally.Count(Compound(), Building57(), RollBuilder.Ballots(("57-301", Yes), ("57-302", Abstain))));
        Assert.Equal(VotingDataError.MixedChoices, error.Error);
    }

    [Fact]
    public void A_unit_without_a_ballot_did_not_take_part_even_if_its_owner_voted_with_another()
    {
        TallyResult result = Tally.Count(Compound(), Building57(), RollBuilder.Ballots(("57-201", Yes)));
        Assert.Equal(new DoubleCount(Area.Parse("88.50"), Headcount.One), result.Participating);
    }

    [Fact]
    public void A_building_scope_counts_only_that_buildings_units_and_owners()
    {
        Roll roll = Compound();
        DoubleCount total = roll.Total(Building57().Scope);
        Assert.Equal("630.00", total.Area.ToString());
        Assert.Equal(4, total.Heads.Value); // wang, li, zhao, DEVELOPER

        // wang owns in both buildings; in building 58 only wang's unit there counts.
        DoubleCount total58 = roll.Total(Scope.OfBuildings([new BuildingId("58")]));
        Assert.Equal(new DoubleCount(Area.Parse("260.00"), Headcount.FromInt32(3)), total58);

        TallyResult result = Tally.Count(roll, Building57(), RollBuilder.Ballots(
            ("57-101", Yes), ("57-102", Yes), ("57-201", Yes), ("57-202", Yes), ("57-301", No), ("57-302", No), ("57-401", No)));
        Assert.Equal(new DoubleCount(Area.Parse("314.25"), Headcount.FromInt32(3)), result.Yes);
        Assert.Equal(new DoubleCount(Area.Parse("315.75"), Headcount.One), result.No);
        Assert.True(result.QuorumMet);
        Assert.False(result.Passed); // heads 3 of 4, area 314.25 of 630.00: not more than half
    }

    [Fact]
    public void A_ballot_outside_the_scope_is_an_error()
    {
        var error = Assert.Throws<VotingDataException>(() =>
            Tally.Count(Compound(), Building57(), RollBuilder.Ballots(("57-101", Yes), ("58-101", Yes))));
        Assert.Equal(VotingDataError.OutOfScope, error.Error);
        Assert.Equal(["58-101"], error.Units.Select(u => u.Value));
    }

    [Fact]
    public void A_ballot_for_a_unit_not_on_the_roll_is_an_error()
    {
        var error = Assert.Throws<VotingDataException>(() =>
            Tally.Count(Compound(), Building57(), RollBuilder.Ballots(("57-999", Yes))));
        Assert.Equal(VotingDataError.UnknownUnit, error.Error);
    }

    [Fact]
    public void Two_ballots_for_one_unit_are_an_error()
    {
        var error = Assert.Throws<VotingDataException>(() =>
            Tally.Count(Compound(), Building57(), RollBuilder.Ballots(("57-101", Yes), ("57-101", Yes))));
        Assert.Equal(VotingDataError.DuplicateBallot, error.Error);
    }

    [Fact]
    public void A_unit_listed_twice_on_the_roll_is_an_error()
    {
        var error = Assert.Throws<VotingDataException>(() => new RollBuilder().Add("1", "a", "1").Add("1", "b", "2").Build());
        Assert.Equal(VotingDataError.DuplicateUnit, error.Error);
    }

    [Fact]
    public void A_scope_naming_a_building_without_units_is_an_error()
    {
        var matter = new Matter("x", ThresholdClass.Ordinary, Scope.OfBuildings([new BuildingId("57"), new BuildingId("99")]));
        var error = Assert.Throws<VotingDataException>(() => Tally.Count(Compound(), matter, []));
        Assert.Equal(VotingDataError.UnknownBuilding, error.Error);
    }

    [Fact]
    public void An_empty_roll_is_an_empty_scope()
    {
        var error = Assert.Throws<VotingDataException>(() =>
            Tally.Count(Roll.Create([]), new Matter("x", ThresholdClass.Ordinary, Scope.WholeCompound), []));
        Assert.Equal(VotingDataError.EmptyScope, error.Error);
    }

    [Fact]
    public void A_unit_of_no_area_is_refused()
    {
        var error = Assert.Throws<VotingDataException>(() => new RollBuilder().Add("1", "a", "0.00"));
        Assert.Equal(VotingDataError.ZeroArea, error.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" 101")]
    [InlineData("101 ")]
    [InlineData("1\t01")]
    public void Ids_must_be_clean(string id)
    {
        var error = Assert.Throws<VotingDataException>(() => new UnitId(id));
        Assert.Equal(VotingDataError.MalformedId, error.Error);
    }

    [Fact]
    public void Scopes_are_sets_of_buildings()
    {
        Scope a = Scope.OfBuildings([new BuildingId("58"), new BuildingId("57"), new BuildingId("57")]);
        Scope b = Scope.OfBuildings([new BuildingId("57"), new BuildingId("58")]);
        Assert.Equal(a, b);
        Assert.Equal("buildings 57, 58", a.ToString());
        Assert.NotEqual(Scope.WholeCompound, a);
        Assert.Throws<ArgumentException>(() => Scope.OfBuildings([]));
    }
}
