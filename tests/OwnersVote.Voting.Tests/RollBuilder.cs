namespace OwnersVote.Voting.Tests;

/// <summary>Short-hand for test rolls: unit ids, buildings, owners and areas in m².</summary>
internal sealed class RollBuilder
{
    private readonly List<Unit> _units = [];

    public RollBuilder Add(string unit, string owner, string area, string building = "57", AreaSource source = AreaSource.Registry)
    {
        _units.Add(new Unit(new UnitId(unit), new BuildingId(building), new OwnerId(owner), Area.Parse(area), source));
        return this;
    }

    public Roll Build() => Roll.Create(_units);

    public static Ballot[] Ballots(params (string Unit, Choice Choice)[] ballots) =>
        [.. ballots.Select(b => new Ballot(new UnitId(b.Unit), b.Choice))];

    public static TallyResult Count(Roll roll, ThresholdClass rule, params (string Unit, Choice Choice)[] ballots) =>
        Tally.Count(roll, new Matter("测试事项", rule, Scope.WholeCompound), Ballots(ballots));
}
