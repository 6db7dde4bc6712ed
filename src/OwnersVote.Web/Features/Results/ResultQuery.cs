using Microsoft.EntityFrameworkCore;
using OwnersVote.Voting;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Votes;

namespace OwnersVote.Web.Features.Results;

/// <summary>
/// Counts a vote from the projections with the Voting library's <see cref="Tally"/> (the one
/// implementation of the double count) and adds how far the count is from passing.
/// </summary>
public sealed class ResultQuery(OwnersVoteDb db, VoteQueries votes, TimeProvider time)
{
    /// <summary>The public count of a vote, or null if no vote has this id.</summary>
    public async Task<VoteResult?> GetAsync(string id, CancellationToken cancellationToken)
    {
        VoteDetail? vote = await votes.FindAsync(id, cancellationToken);
        if (vote is null)
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
        ThresholdClass rule = Enum.Parse<ThresholdClass>(summary.Threshold);
        Scope scope = summary.ScopeBuildings.Count == 0
            ? Scope.WholeCompound
            : Scope.OfBuildings(summary.ScopeBuildings.Select(b => new BuildingId(b)));
        var matter = new Matter(summary.Title, rule, scope);

        // One ballot per headcount principal covers each of the principal's units in scope (JI art. 9).
        Dictionary<string, BallotRow> byOwner = ballotRows.ToDictionary(b => b.OwnerId, StringComparer.Ordinal);
        List<(Unit Unit, BallotRow Ballot)> counted = [.. roll.UnitsIn(scope)
            .Where(u => byOwner.ContainsKey(u.Owner.Value))
            .Select(u => (u, byOwner[u.Owner.Value]))
            .OrderBy(x => x.u.Id.Value, NaturalUnitOrder.Instance)];

        TallyResult tally = Tally.Count(roll, matter, counted.Select(c => new Ballot(c.Unit.Id, BallotCsv.ParseChoice(c.Ballot.Choice))));

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

        return new VoteResult(
            summary,
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
            [.. tally.Reasons.Select(r => new ReasonView(r.Code.ToString(), r.Met, r.Chinese, r.English))],
            [.. counted.Select(c => new UnitBallotView(c.Unit.Id.Value, c.Unit.Area.ToString(), c.Ballot.Choice, c.Ballot.Channel))],
            vote.ResultPublishedAt,
            vote.PublishedInLog,
            time.GetUtcNow())
        {
            OnlineBallots = counted.Select(c => c.Ballot).Distinct().Count(b => b.Channel == Projections.Projector.Online),
            PaperBallots = counted.Select(c => c.Ballot).Distinct().Count(b => b.Channel == Projections.Projector.Paper),
            ProxyBallots = counted.Select(c => c.Ballot).Distinct().Count(b => b.Proxy is not null),
            FinalInLog = vote.FinalInLog,
            Stage = vote.Stage,
        };
    }

    private static CountView View(DoubleCount count) => View(count.Area.Hundredths, count.Heads.Value);

    private static CountView View(long areaHundredths, long heads) =>
        new(Area.FromHundredths(areaHundredths).ToString(), areaHundredths, heads);
}
