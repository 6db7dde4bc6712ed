using FsCheck;
using FsCheck.Fluent;
using OwnersVote.Voting;
using OwnersVote.Web.Features.Results;

namespace OwnersVote.EndToEnd;

/// <summary>
/// The "still needs" figures on the result page against the Voting library's Tally: adding exactly
/// that many yes-voting owners passes, one fewer does not (Civil Code art. 278 at its edges).
/// </summary>
public sealed class ShortfallTests
{
    [Fact]
    public void Adding_the_shortfall_in_yes_votes_passes_and_one_fewer_does_not()
    {
        Gen<(int Total, int Part, int Yes, ThresholdClass Rule)> cases =
            from total in Gen.Choose(1, 60)
            from part in Gen.Choose(0, total)
            from yes in Gen.Choose(0, part)
            from major in Gen.Elements(false, true)
            select (total, part, yes, major ? ThresholdClass.Major : ThresholdClass.Ordinary);

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            long needed = Math.Max(Shortfall.ToQuorum(c.Part, c.Total), Shortfall.ToYes(c.Rule, c.Yes, c.Part));
            if (needed > c.Total - c.Part)
            {
                // Not reachable with new ballots alone: every remaining owner voting yes still fails.
                return !Count(c.Total, c.Part + (c.Total - c.Part), c.Yes + (c.Total - c.Part), c.Rule).Passed;
            }

            bool passesWithNeeded = Count(c.Total, c.Part + (int)needed, c.Yes + (int)needed, c.Rule).Passed;
            bool failsWithOneFewer = needed == 0 || !Count(c.Total, c.Part + (int)needed - 1, c.Yes + (int)needed - 1, c.Rule).Passed;
            return passesWithNeeded && failsWithOneFewer;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(49, 30, 3)] // the demo: 30 of 49 took part, 33 are needed
    [InlineData(49, 33, 0)] // 99 ≥ 98: two thirds or more (以上 includes the boundary)
    [InlineData(3, 1, 1)] // 3·2 = 6 ≥ 6: exactly two thirds suffices
    [InlineData(100, 66, 1)] // 198 < 200, 201 ≥ 200
    public void Quorum_shortfall_is_exact_at_two_thirds(long total, long part, long expected) =>
        Assert.Equal(expected, Shortfall.ToQuorum(part, total));

    [Theory]
    [InlineData(ThresholdClass.Ordinary, 10, 20, 1)] // exactly half is not more than half (过半数)
    [InlineData(ThresholdClass.Ordinary, 11, 20, 0)]
    [InlineData(ThresholdClass.Major, 15, 20, 0)] // exactly three quarters suffices (四分之三以上)
    [InlineData(ThresholdClass.Major, 14, 20, 4)] // 4·18 = 72 ≥ 3·24 = 72
    public void Yes_shortfall_is_exact_at_the_boundary(ThresholdClass rule, long yes, long part, long expected) =>
        Assert.Equal(expected, Shortfall.ToYes(rule, yes, part));

    // A roll of `total` owners with one unit of 1.00 m² each, so area and headcount move together;
    // the first `part` owners vote, the first `yes` of them yes, the rest of them no.
    private static TallyResult Count(int total, int part, int yes, ThresholdClass rule)
    {
        Roll roll = Roll.Create(Enumerable.Range(0, total).Select(i => new Unit(
            new UnitId($"1-{i}"), new BuildingId("1"), new OwnerId($"o{i}"), Area.FromHundredths(100), AreaSource.Registry)));
        var matter = new Matter("test", rule, Scope.WholeCompound);
        return Tally.Count(roll, matter, Enumerable.Range(0, part).Select(i => new Ballot(new UnitId($"1-{i}"), i < yes ? Choice.Yes : Choice.No)));
    }
}
