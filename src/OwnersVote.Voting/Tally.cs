namespace OwnersVote.Voting;

/// <summary>
/// The double count of Civil Code art. 278 with the SPC interpretation on building ownership
/// (建筑物区分所有权解释, "JI") arts. 8–9 and Shanghai 住宅物业管理规定 art. 69. Pure: the same roll,
/// matter and ballots give the same result in any order.
/// </summary>
public static class Tally
{
    /// <summary>
    /// Counts a matter. Only the units in the matter's scope make up the totals; a unit with no
    /// ballot did not take part; abstain and invalid ballots take part but are not yes.
    /// </summary>
    /// <exception cref="VotingDataException">A ballot names a unit not on the roll
    /// (<see cref="VotingDataError.UnknownUnit"/>), outside the scope
    /// (<see cref="VotingDataError.OutOfScope"/>) or twice
    /// (<see cref="VotingDataError.DuplicateBallot"/>); a choice is undefined
    /// (<see cref="VotingDataError.UnknownChoice"/>); one owner's units carry different choices
    /// (<see cref="VotingDataError.MixedChoices"/>); or the scope is empty or names an unknown
    /// building (see <see cref="Roll.UnitsIn"/>).</exception>
    public static TallyResult Count(Roll roll, Matter matter, IEnumerable<Ballot> ballots)
    {
        ArgumentNullException.ThrowIfNull(roll);
        ArgumentNullException.ThrowIfNull(matter);
        ArgumentNullException.ThrowIfNull(ballots);

        DoubleCount total = roll.Total(matter.Scope);
        Dictionary<string, (Unit Unit, Choice Choice)> voted = CheckBallots(roll, matter.Scope, ballots);

        // JI art. 9: one head per owner however many units; the developer's units carry one
        // owner id and so count together as one. Every owner's units carry one choice (checked
        // below), so each head falls in exactly one category.
        var byOwner = voted.Values
            .GroupBy(v => v.Unit.Owner)
            .OrderBy(g => g.Key.Value, StringComparer.Ordinal)
            .Select(g => (Units: g.ToList(), Choice: SingleChoice(g.ToList())))
            .ToList();

        DoubleCount yes = Sum(byOwner, Choice.Yes);
        DoubleCount no = Sum(byOwner, Choice.No);
        DoubleCount abstain = Sum(byOwner, Choice.Abstain);
        DoubleCount invalid = Sum(byOwner, Choice.Invalid);

        // Abstain and returned-but-invalid ballots take part: they count toward the quorum and
        // the denominator, never toward yes.
        DoubleCount part = yes + no + abstain + invalid;

        long totalArea = total.Area.Hundredths;
        long partArea = part.Area.Hundredths;
        long yesArea = yes.Area.Hundredths;
        long totalHeads = total.Heads.Value;
        long partHeads = part.Heads.Value;
        long yesHeads = yes.Heads.Value;

        // Civil Code art. 278 para. 2: owners holding two thirds or more (以上 includes the
        // boundary) of the area AND two thirds or more of the headcount must take part.
        bool quorumArea = checked(3 * partArea >= 2 * totalArea);
        bool quorumHeads = checked(3 * partHeads >= 2 * totalHeads);
        bool quorumMet = quorumArea && quorumHeads;

        bool yesAreaMet;
        bool yesHeadsMet;
        if (matter.Threshold == ThresholdClass.Major)
        {
            // Civil Code art. 278 para. 2: major matters (fund raising, rebuilding, change of use
            // of common parts) need three quarters or more (四分之三以上, boundary included) of the
            // participating area AND of the participating headcount.
            yesAreaMet = checked(4 * yesArea >= 3 * partArea);
            yesHeadsMet = checked(4 * yesHeads >= 3 * partHeads);
        }
        else
        {
            // Civil Code art. 278 para. 2: other matters, using the maintenance fund included,
            // need more than half (过半数: exactly half is not enough) of the participating area
            // AND of the participating headcount.
            yesAreaMet = checked(2 * yesArea > partArea);
            yesHeadsMet = checked(2 * yesHeads > partHeads);
        }

        // Without the participation quorum nothing is decided, however the ballots fell.
        bool passed = quorumMet && yesAreaMet && yesHeadsMet;

        return new TallyResult
        {
            Rule = matter.Threshold,
            Total = total,
            Participating = part,
            Yes = yes,
            No = no,
            Abstain = abstain,
            Invalid = invalid,
            QuorumMet = quorumMet,
            Passed = passed,
            Reasons = TallyReasons.Explain(matter.Threshold, total, part, yes, quorumArea, quorumHeads, yesAreaMet, yesHeadsMet, passed),
        };
    }

    private static Dictionary<string, (Unit Unit, Choice Choice)> CheckBallots(Roll roll, Scope scope, IEnumerable<Ballot> ballots)
    {
        var voted = new Dictionary<string, (Unit, Choice)>(StringComparer.Ordinal);
        foreach (Ballot ballot in ballots)
        {
            if (!roll.TryGetUnit(ballot.Unit, out Unit? unit))
            {
                throw new VotingDataException(VotingDataError.UnknownUnit, $"ballot for unit {ballot.Unit}, which is not on the roll", [ballot.Unit]);
            }

            // Shanghai art. 69: only the owners of the buildings concerned decide.
            if (!scope.Contains(unit))
            {
                throw new VotingDataException(VotingDataError.OutOfScope, $"ballot for unit {ballot.Unit} of building {unit.Building}, outside the scope ({scope})", [ballot.Unit]);
            }

            if (!Enum.IsDefined(ballot.Choice))
            {
                throw new VotingDataException(VotingDataError.UnknownChoice, $"ballot for unit {ballot.Unit} has unknown choice {(int)ballot.Choice}", [ballot.Unit]);
            }

            if (!voted.TryAdd(unit.Id.Value, (unit, ballot.Choice)))
            {
                throw new VotingDataException(VotingDataError.DuplicateBallot, $"unit {ballot.Unit} has more than one ballot", [ballot.Unit]);
            }
        }

        return voted;
    }

    private static Choice SingleChoice(List<(Unit Unit, Choice Choice)> ownerBallots)
    {
        // JI art. 9 counts an owner once, so one owner cannot be both for and against.
        Choice first = ownerBallots[0].Choice;
        if (ownerBallots.All(b => b.Choice == first))
        {
            return first;
        }

        var sorted = ownerBallots.OrderBy(b => b.Unit.Id.Value, StringComparer.Ordinal).ToList();
        string listed = string.Join(", ", sorted.Select(b => $"{b.Unit.Id} ({b.Choice.ToString().ToLowerInvariant()})"));
        throw new VotingDataException(
            VotingDataError.MixedChoices,
            $"units {listed} belong to one owner but carry different choices",
            [.. sorted.Select(b => b.Unit.Id)]);
    }

    private static DoubleCount Sum(List<(List<(Unit Unit, Choice Choice)> Units, Choice Choice)> byOwner, Choice choice)
    {
        DoubleCount sum = DoubleCount.Zero;
        foreach (var owner in byOwner.Where(o => o.Choice == choice))
        {
            Area area = Area.Zero;
            foreach (var (unit, _) in owner.Units)
            {
                area += unit.Area;
            }

            sum += new DoubleCount(area, Headcount.One);
        }

        return sum;
    }
}
