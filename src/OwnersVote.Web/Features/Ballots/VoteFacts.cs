using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using OwnersVote.Web.Data;

namespace OwnersVote.Web.Features.Ballots;

/// <summary>
/// What the ballot steps read about a vote on every request and that never changes once the vote
/// has a matter and a frozen roll: the buildings in scope, the frozen roll and the compound.
/// </summary>
/// <param name="Scope">The buildings in scope, sorted; empty for the whole compound (Shanghai art. 69).</param>
/// <param name="Compound">The compound (untracked).</param>
/// <param name="ByOwner">The roll's units by owner (keyed hash).</param>
/// <param name="ByPrincipal">The roll's units by headcount principal (JI art. 9).</param>
/// <param name="ByUnit">The roll's units by unit id.</param>
public sealed record VoteFacts(
    IReadOnlyList<string> Scope,
    CompoundRow Compound,
    ILookup<string, UnitRow> ByOwner,
    ILookup<string, UnitRow> ByPrincipal,
    IReadOnlyDictionary<string, UnitRow> ByUnit);

/// <summary>
/// <see cref="VoteFacts"/> kept in memory so that neither a ballot request nor the projector's
/// check of each ballot reads the roll, scope and compound again (issue 10). Only facts that no later log entry can change are kept, so a
/// node never serves what another node of a cluster changed (docs/operations.md "Several nodes"):
/// a roll is frozen once (<c>RollFrozen</c> twice is a projection error), a matter's scope is
/// written with <c>MatterPublished</c> once, and a compound row is written by
/// <c>CompoundRegistered</c> only. The matter itself (closing, tally, lifecycle) and the owner's
/// credentials (revocation) are read fresh on each request.
/// </summary>
public sealed class VoteFactsCache
{
    /// <summary>The most votes kept at once (emptied when full — a miss only reads again).</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, VoteFacts> _votes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CompoundRow> _compounds = new(StringComparer.Ordinal);

    /// <summary>The facts of a vote if they are kept, without a database at hand.</summary>
    public bool TryGet(string vote, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out VoteFacts? facts) => _votes.TryGetValue(vote, out facts);

    /// <summary>A registered compound (untracked; kept once read), or null if it is not registered.</summary>
    public async Task<CompoundRow?> CompoundAsync(OwnersVoteDb db, string compoundId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (_compounds.TryGetValue(compoundId, out CompoundRow? known))
        {
            return known;
        }

        CompoundRow? compound = await db.Compounds.AsNoTracking().SingleOrDefaultAsync(c => c.Id == compoundId, cancellationToken);
        if (compound is not null)
        {
            if (_compounds.Count >= Capacity)
            {
                _compounds.Clear();
            }

            _compounds.TryAdd(compoundId, compound);
        }

        return compound;
    }

    /// <summary>
    /// The facts of <paramref name="matter"/>'s vote. Kept only when its roll is frozen: a matter's
    /// scope is committed with the matter, but its roll may be frozen after it.
    /// </summary>
    public async Task<VoteFacts> GetAsync(OwnersVoteDb db, MatterRow matter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(matter);
        if (_votes.TryGetValue(matter.Id, out VoteFacts? known))
        {
            return known;
        }

        List<string> scope = await db.MatterScopes.AsNoTracking().Where(s => s.MatterId == matter.Id).Select(s => s.BuildingId).ToListAsync(cancellationToken);
        List<UnitRow> units = await db.Units.AsNoTracking().Where(u => u.VoteId == matter.Id).ToListAsync(cancellationToken);
        CompoundRow compound = await db.Compounds.AsNoTracking().SingleAsync(c => c.Id == matter.CompoundId, cancellationToken);
        var facts = new VoteFacts(
            [.. scope.Order(StringComparer.Ordinal)],
            compound,
            units.ToLookup(u => u.OwnerHash, StringComparer.Ordinal),
            units.ToLookup(u => u.OwnerId, StringComparer.Ordinal),
            units.ToDictionary(u => u.Id, StringComparer.Ordinal));
        if (units.Count > 0)
        {
            if (_votes.Count >= Capacity)
            {
                _votes.Clear();
            }

            _votes.TryAdd(matter.Id, facts);
        }

        return facts;
    }
}
