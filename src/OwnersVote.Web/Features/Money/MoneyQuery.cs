using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Data;

namespace OwnersVote.Web.Features.Money;

/// <summary>Reads the published statements (issue 7 part 7) for the fund and income pages, the desk and the API.</summary>
public sealed class MoneyQuery(OwnersVoteDb db, TimeProvider time)
{
    /// <summary>A building's maintenance fund, or null if the compound has no such building.</summary>
    public async Task<FundView?> FundAsync(string compoundId, string building, CancellationToken cancellationToken)
    {
        CompoundRow? compound = await db.Compounds.AsNoTracking().SingleOrDefaultAsync(c => c.Id == compoundId, cancellationToken);
        if (compound is null || !await db.Buildings.AnyAsync(b => b.CompoundId == compoundId && b.Id == building, cancellationToken))
        {
            return null;
        }

        IReadOnlyList<StatementView> statements = await StatementsAsync(compoundId, StatementRow.Fund, building, cancellationToken);
        var timelines = new List<VoteTimeline>();
        foreach (IGrouping<string, (StatementView Statement, StatementLineView Line)> byVote in statements
            .SelectMany(s => s.Lines.Select(l => (Statement: s, Line: l)))
            .Where(x => x.Line.Vote is not null)
            .GroupBy(x => x.Line.Vote!.Id))
        {
            LinkedVote vote = byVote.First().Line.Vote!;
            timelines.Add(new VoteTimeline(vote, Timeline(vote, [.. byVote], time.GetUtcNow())));
        }

        return new FundView(compound.Id, compound.Name, building, statements, timelines);
    }

    /// <summary>The compound's public income, or null if there is no such compound.</summary>
    public async Task<IncomeView?> IncomeAsync(string compoundId, CancellationToken cancellationToken)
    {
        CompoundRow? compound = await db.Compounds.AsNoTracking().SingleOrDefaultAsync(c => c.Id == compoundId, cancellationToken);
        if (compound is null)
        {
            return null;
        }

        List<string> buildings = await db.Statements.AsNoTracking()
            .Where(s => s.CompoundId == compoundId && s.Kind == StatementRow.Fund)
            .Select(s => s.BuildingId).Distinct().ToListAsync(cancellationToken);
        return new IncomeView(compound.Id, compound.Name, await StatementsAsync(compoundId, StatementRow.Income, "", cancellationToken),
            [.. buildings.Order(Results.NaturalUnitOrder.Instance)]);
    }

    /// <summary>The statements of one account, oldest first, each line with the vote it names.</summary>
    public async Task<IReadOnlyList<StatementView>> StatementsAsync(string compoundId, string kind, string building, CancellationToken cancellationToken)
    {
        List<StatementRow> rows = await db.Statements.AsNoTracking()
            .Where(s => s.CompoundId == compoundId && s.Kind == kind && s.BuildingId == building)
            .ToListAsync(cancellationToken);
        List<string> ids = [.. rows.Select(r => r.Id)];
        List<StatementLineRow> lines = await db.StatementLines.AsNoTracking()
            .Where(l => l.CompoundId == compoundId && ids.Contains(l.StatementId))
            .ToListAsync(cancellationToken);
        Dictionary<string, LinkedVote> votes = await LinkedVotesAsync(compoundId, [.. lines.Select(l => l.VoteId).OfType<string>().Distinct()], cancellationToken);
        ILookup<string, StatementLineRow> byStatement = lines.ToLookup(l => l.StatementId);
        return [.. rows.OrderBy(r => r.From).ThenBy(r => r.LogIndex).Select(r => new StatementView(
            r.Id,
            r.BuildingId,
            r.From,
            r.To,
            r.Opening,
            r.Closing,
            [.. byStatement[r.Id].OrderBy(l => l.Number).Select(l => Line(l, votes))],
            Documents(r.Attachments),
            r.PublishedAt,
            r.LogIndex))];
    }

    /// <summary>The votes of a compound with these ids (a vote of another compound is not found).</summary>
    public async Task<Dictionary<string, LinkedVote>> LinkedVotesAsync(string compoundId, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        List<MatterRow> matters = await db.Matters.AsNoTracking()
            .Where(m => m.CompoundId == compoundId && ids.Contains(m.Id)).ToListAsync(cancellationToken);
        ILookup<string, string> scopes = (await db.MatterScopes.AsNoTracking().Where(s => ids.Contains(s.MatterId)).ToListAsync(cancellationToken))
            .ToLookup(s => s.MatterId, s => s.BuildingId);
        return matters.ToDictionary(m => m.Id, m => new LinkedVote(
            m.Id, m.Title, m.OpensAt, m.ClosesAt, m.ClosedAt, m.ResultPublishedAt, m.ResultPassed,
            [.. scopes[m.Id].Order(StringComparer.Ordinal)], Documents(m.Documents)), StringComparer.Ordinal);
    }

    /// <summary>Reads the stored attachment JSON.</summary>
    public static IReadOnlyList<MatterDocument> Documents(string json) =>
        [.. JsonSerializer.Deserialize<List<StoredDocument>>(json)!.Select(d => new MatterDocument(d.Name, d.Sha256))];

    private static StatementLineView Line(StatementLineRow l, Dictionary<string, LinkedVote> votes)
    {
        StatementLineKind kind = StatementPublished.ParseKind(l.Kind)
            ?? throw new InvalidOperationException($"Statement {l.StatementId} line {l.Number} has kind '{l.Kind}', which the projector never writes.");
        LinkedVote? vote = l.VoteId is { } id && votes.TryGetValue(id, out LinkedVote? v) ? v : null;
        SpendingAuthority authority = l.VoteId is null ? SpendingAuthority.None : vote?.Authority ?? SpendingAuthority.UnknownVote;
        return new StatementLineView(l.Number, l.Date, kind, l.Amount, l.Description, vote, l.VoteId, authority, l.Document);
    }

    // The vote's own steps, then the statement lines that name it; what is still to come last.
    private static List<TimelineStep> Timeline(LinkedVote vote, IReadOnlyList<(StatementView Statement, StatementLineView Line)> lines, DateTimeOffset now)
    {
        var steps = new List<TimelineStep>
        {
            new(vote.Opens, TimelineStepKind.VotingOpens, now >= vote.Opens),
            new(vote.ClosedAt ?? vote.Closes, TimelineStepKind.VotingCloses, vote.ClosedAt is not null),
        };
        if (vote.ResultPublishedAt is { } published)
        {
            steps.Add(new(published, vote.Passed == true ? TimelineStepKind.Passed : TimelineStepKind.NotPassed, Done: true));
        }

        foreach ((StatementView statement, StatementLineView line) in lines)
        {
            var day = new DateTimeOffset(line.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            steps.Add(new(day, line.Kind == StatementLineKind.Spending ? TimelineStepKind.Paid : TimelineStepKind.Planned, Done: true, line.Amount, statement.Id));
        }

        List<TimelineStep> ordered = [.. steps.Where(s => s.Done).OrderBy(s => s.When), .. steps.Where(s => !s.Done)];
        // Honest about what has not happened: no money moves before the owners decide.
        if (vote.Passed is null && !lines.Any(x => x.Line.Kind == StatementLineKind.Spending))
        {
            ordered.Add(new(null, TimelineStepKind.PaymentAwaitsVote, Done: false));
        }

        return ordered;
    }

    private sealed record StoredDocument(
        [property: System.Text.Json.Serialization.JsonPropertyName("name")] string Name,
        [property: System.Text.Json.Serialization.JsonPropertyName("sha256")] string Sha256);
}
