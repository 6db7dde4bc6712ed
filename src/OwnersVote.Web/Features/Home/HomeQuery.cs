using Microsoft.EntityFrameworkCore;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.SignIn;
using OwnersVote.Web.Features.Votes;

namespace OwnersVote.Web.Features.Home;

/// <summary>A compound with its votes, as the home page shows it.</summary>
/// <param name="Id">The compound id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Locality">Where it is.</param>
/// <param name="Buildings">How many buildings are on the roll.</param>
/// <param name="Units">How many exclusive units are on the roll.</param>
/// <param name="OpenVotes">Votes open now or soon.</param>
/// <param name="ClosedVotes">Votes closed.</param>
public sealed record CompoundOverview(
    string Id,
    string Name,
    string Locality,
    int Buildings,
    int Units,
    IReadOnlyList<VoteSummary> OpenVotes,
    IReadOnlyList<VoteSummary> ClosedVotes)
{
    /// <summary>The buildings with a published maintenance-fund statement (issue 7 part 7), in reading order.</summary>
    public IReadOnlyList<string> FundBuildings { get; init; } = [];
}

/// <summary>Reads what the home page shows.</summary>
public sealed class HomeQuery(OwnersVoteDb db, VoteQueries votes)
{
    /// <summary>
    /// Every compound with its open and closed votes; for a signed-in owner, only their compound
    /// and the votes whose scope includes one of their units (Shanghai art. 69).
    /// </summary>
    public async Task<IReadOnlyList<CompoundOverview>> GetAsync(OwnerSession? owner, CancellationToken cancellationToken)
    {
        List<CompoundRow> compounds = await db.Compounds.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
        HashSet<string>? visible = null;
        if (owner is { OwnerHash: { } hash })
        {
            compounds = [.. compounds.Where(c => c.Id == owner.CompoundId)];
            var mine = await db.Units.AsNoTracking()
                .Where(u => u.CompoundId == owner.CompoundId && u.OwnerHash == hash)
                .Select(u => new { u.VoteId, u.BuildingId })
                .ToListAsync(cancellationToken);
            ILookup<string, string> scopes = (await db.MatterScopes.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(s => s.MatterId, s => s.BuildingId);
            visible = [.. mine.Where(u => !scopes[u.VoteId].Any() || scopes[u.VoteId].Contains(u.BuildingId)).Select(u => u.VoteId)];
        }

        Dictionary<string, int> buildings = await db.Buildings.GroupBy(b => b.CompoundId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        // Each vote freezes its own roll; a unit on several rolls is one unit.
        Dictionary<string, int> units = await db.Units.Select(u => new { u.CompoundId, u.Id }).Distinct().GroupBy(u => u.CompoundId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        ILookup<string, string> fundBuildings = (await db.Statements.AsNoTracking()
            .Where(s => s.Kind == StatementRow.Fund)
            .Select(s => new { s.CompoundId, s.BuildingId })
            .Distinct()
            .ToListAsync(cancellationToken))
            .ToLookup(s => s.CompoundId, s => s.BuildingId);
        IReadOnlyList<VoteSummary> all = await votes.ListAsync(cancellationToken);
        if (visible is not null)
        {
            all = [.. all.Where(v => visible.Contains(v.Id))];
        }

        return [.. compounds.Select(c => new CompoundOverview(
            c.Id,
            c.Name,
            c.Locality,
            buildings.GetValueOrDefault(c.Id),
            units.GetValueOrDefault(c.Id),
            [.. all.Where(v => v.CompoundId == c.Id && v.Status != VoteStatus.Closed)],
            [.. all.Where(v => v.CompoundId == c.Id && v.Status == VoteStatus.Closed)])
        {
            FundBuildings = [.. fundBuildings[c.Id].Order(Results.NaturalUnitOrder.Instance)],
        })];
    }
}
