using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OwnersVote.Voting;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Votes;

namespace OwnersVote.Web.Features.Results;

/// <summary>
/// Counts a vote from the projections with the Voting library's <see cref="Tally"/> (the one
/// implementation of the double count) and adds how far the count is from passing. Every question
/// is counted on its own against its own threshold class (Civil Code art. 278), and a
/// silent-majority clause is applied as <c>VoteReplay</c> applies it, so the live page shows what
/// <c>ov verify</c> recounts from the log.
/// </summary>
public sealed class ResultQuery(OwnersVoteDb db, VoteQueries votes, TimeProvider time)
{
    /// <summary>The channel shown for a non-voter counted as yes under a silent-majority clause.</summary>
    public const string SilentMajorityChannel = "silent-majority";

    /// <summary>The public count of a vote, or null if no vote has this id.</summary>
    public async Task<VoteResult?> GetAsync(string id, CancellationToken cancellationToken)
    {
        VoteDetail? vote = await votes.FindAsync(id, cancellationToken);
        MatterRow? matterRow = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (vote is null || matterRow is null)
        {
            return null;
        }

        VoteSummary summary = vote.Summary;
        // The roll frozen for this vote, and the one ballot per principal that counts.
        List<UnitRow> unitRows = await db.Units.AsNoTracking()
            .Where(u => u.VoteId == id).ToListAsync(cancellationToken);
        List<BallotRow> ballotRows = await db.Ballots.AsNoTracking()
            .Where(b => b.MatterId == id && b.Counts).ToListAsync(cancellationToken);

        Roll roll = Roll.Create(unitRows.Select(u => new Unit(
            new UnitId(u.Id),
            new BuildingId(u.BuildingId),
            new OwnerId(u.OwnerId),
            Area.FromHundredths(u.AreaHundredths),
            RollCsv.ParseAreaSource(u.AreaSource))));
        ThresholdClass matterRule = Enum.Parse<ThresholdClass>(summary.Threshold);
        Scope scope = summary.ScopeBuildings.Count == 0
            ? Scope.WholeCompound
            : Scope.OfBuildings(summary.ScopeBuildings.Select(b => new BuildingId(b)));

        // One ballot per headcount principal covers each of the principal's units in scope (JI art. 9).
        Dictionary<string, BallotRow> byOwner = ballotRows.ToDictionary(b => b.OwnerId, StringComparer.Ordinal);
        List<Unit> inScope = [.. roll.UnitsIn(scope)];
        List<(Unit Unit, BallotRow Ballot)> counted = [.. inScope
            .Where(u => byOwner.ContainsKey(u.Owner.Value))
            .Select(u => (u, byOwner[u.Owner.Value]))
            .OrderBy(x => x.u.Id.Value, NaturalUnitOrder.Instance)];

        // DESIGN.md §1, as VoteReplay: under a "silent majority" clause (未投票视为同意) a non-voter
        // counts as yes only with proof that the ballot reached them (BallotDelivered); one without
        // it stays a non-voter. Off by default; a court annulled such a result ((2022)沪02民初16号).
        HashSet<string> delivered = matterRow.SilentMajority
            ? [.. await db.Deliveries.AsNoTracking().Where(d => d.MatterId == id).Select(d => d.OwnerId).ToListAsync(cancellationToken)]
            : [];
        List<Unit> nonVoterUnits = [.. inScope.Where(u => !byOwner.ContainsKey(u.Owner.Value))];
        List<Unit> silentYes = [.. nonVoterUnits.Where(u => delivered.Contains(u.Owner.Value)).OrderBy(u => u.Id.Value, NaturalUnitOrder.Instance)];

        var countMatter = new Matter(summary.Title, matterRule, scope);
        string[] questionIds = matterRow.Questions.Split('\n');
        string[] texts = JsonSerializer.Deserialize<string[]>(matterRow.QuestionTexts) ?? [];
        string[] ownRules = matterRow.QuestionThresholds.Split('\n');
        var questions = new List<QuestionResultView>();
        for (int i = 0; i < questionIds.Length; i++)
        {
            // Civil Code art. 278: each question is counted against its own class when it has one.
            ThresholdClass? own = ownRules.ElementAtOrDefault(i) is { Length: > 0 } text ? Enum.Parse<ThresholdClass>(text) : null;
            ThresholdClass rule = own ?? matterRule;
            int index = i;
            IEnumerable<Ballot> ballots = counted
                .Select(c => new Ballot(c.Unit.Id, BallotCsv.ParseChoice(ChoiceOn(c.Ballot, index))))
                .Concat(silentYes.Select(u => new Ballot(u.Id, Choice.Yes)));
            TallyResult tally = Tally.Count(roll, new Matter(summary.Title, rule, scope), ballots);
            questions.Add(Question(questionIds[i], texts.ElementAtOrDefault(i) ?? "", rule, own is not null, tally));
        }

        QuestionResultView first = questions[0];
        List<UnitBallotView> unitBallots =
        [
            .. counted.Select(c => new UnitBallotView(c.Unit.Id.Value, c.Unit.Area.ToString(), c.Ballot.Choice, c.Ballot.Channel)
            {
                Answers = [.. questionIds.Select((_, i) => ChoiceOn(c.Ballot, i))],
            }),
            .. silentYes.Select(u => new UnitBallotView(u.Id.Value, u.Area.ToString(), "yes", SilentMajorityChannel)
            {
                Answers = [.. questionIds.Select(_ => "yes")],
            }),
        ];

        return new VoteResult(
            summary,
            first.Total,
            first.Participating,
            first.Yes,
            first.No,
            first.Abstain,
            first.Invalid,
            first.NotYetVoted,
            first.Quorum,
            first.YesThreshold,
            first.StillNeeds,
            first.Reachable,
            first.QuorumMet,
            first.Passing,
            first.Reasons,
            unitBallots,
            vote.ResultPublishedAt,
            vote.PublishedInLog,
            time.GetUtcNow())
        {
            OnlineBallots = counted.Select(c => c.Ballot).Distinct().Count(b => b.Channel == Projections.Projector.Online),
            PaperBallots = counted.Select(c => c.Ballot).Distinct().Count(b => b.Channel == Projections.Projector.Paper),
            ProxyBallots = counted.Select(c => c.Ballot).Distinct().Count(b => b.Proxy is not null),
            FinalInLog = vote.FinalInLog,
            Stage = vote.Stage,
            Questions = questions,
            SilentMajority = matterRow.SilentMajority
                ? new SilentMajorityView(
                    View(CountOf(roll, countMatter, silentYes)),
                    View(CountOf(roll, countMatter, nonVoterUnits.Where(u => !delivered.Contains(u.Owner.Value)))))
                : null,
        };
    }

    // The ballot's choice on the question at this position of the matter (BallotRow.Answers).
    private static string ChoiceOn(BallotRow ballot, int question) =>
        ballot.Answers.Split('\n').ElementAtOrDefault(question) is { Length: > 0 } choice ? choice
            : throw new InvalidOperationException($"Ballot {ballot.BallotId} of matter {ballot.MatterId} has no stored answer to question {question + 1}: the projection predates per-question answers; rebuild it (ov rebuild).");

    private static QuestionResultView Question(string id, string text, ThresholdClass rule, bool ownRule, TallyResult tally)
    {
        long totalArea = tally.Total.Area.Hundredths;
        long totalHeads = tally.Total.Heads.Value;
        long partArea = tally.Participating.Area.Hundredths;
        long partHeads = tally.Participating.Heads.Value;
        long yesArea = tally.Yes.Area.Hundredths;
        long yesHeads = tally.Yes.Heads.Value;
        bool Met(TallyReasonCode code) => tally.Reasons.Single(r => r.Code == code).Met;

        var quorum = new ThresholdView(
            View(tally.Participating),
            View(Shortfall.QuorumRequired(totalArea), Shortfall.QuorumRequired(totalHeads)),
            Met(TallyReasonCode.QuorumArea),
            Met(TallyReasonCode.QuorumHeads),
            View(Shortfall.ToQuorum(partArea, totalArea), Shortfall.ToQuorum(partHeads, totalHeads)));
        var yes = new ThresholdView(
            View(tally.Yes),
            View(Shortfall.YesRequired(rule, partArea), Shortfall.YesRequired(rule, partHeads)),
            Met(TallyReasonCode.YesArea),
            Met(TallyReasonCode.YesHeads),
            View(Shortfall.ToYes(rule, yesArea, partArea), Shortfall.ToYes(rule, yesHeads, partHeads)));

        // Each additional yes ballot raises participation and yes together, so passing needs the
        // larger of the two shortfalls, per dimension.
        long needArea = Math.Max(quorum.StillNeeds.AreaHundredths, yes.StillNeeds.AreaHundredths);
        long needHeads = Math.Max(quorum.StillNeeds.Heads, yes.StillNeeds.Heads);
        long leftArea = checked(totalArea - partArea);
        long leftHeads = checked(totalHeads - partHeads);

        return new QuestionResultView(
            id,
            text,
            rule.ToString(),
            ownRule,
            View(tally.Total),
            View(tally.Participating),
            View(tally.Yes),
            View(tally.No),
            View(tally.Abstain),
            View(tally.Invalid),
            View(leftArea, leftHeads),
            quorum,
            yes,
            View(needArea, needHeads),
            needArea <= leftArea && needHeads <= leftHeads,
            tally.QuorumMet,
            tally.Passed,
            [.. tally.Reasons.Select(r => new ReasonView(r.Code.ToString(), r.Met, r.Chinese, r.English))]);
    }

    // The double count of a set of units, as Tally counts it (JI arts. 8–9: area per unit, one head per principal).
    private static DoubleCount CountOf(Roll roll, Matter matter, IEnumerable<Unit> units) =>
        Tally.Count(roll, matter, units.Select(u => new Ballot(u.Id, Choice.Abstain))).Participating;

    private static CountView View(DoubleCount count) => View(count.Area.Hundredths, count.Heads.Value);

    private static CountView View(long areaHundredths, long heads) =>
        new(Area.FromHundredths(areaHundredths).ToString(), areaHundredths, heads);
}
