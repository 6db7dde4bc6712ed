using Microsoft.EntityFrameworkCore;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Data;

namespace OwnersVote.Web.Features.Lifecycle;

/// <summary>
/// The roll frozen for a newly announced vote (<c>RollFrozen</c>). The one place the roll's source
/// is chosen: the compound's editable roll (<see cref="RollBook.RollFreezer.EntryAsync"/>, issue 6)
/// as it stands at the vote's opening when officers keep one; otherwise the compound's most recently
/// frozen roll in the projections — for the demo, the sample roll the <c>DemoSeeder</c> froze — so
/// the same owners, areas (JI art. 8) and principals (JI art. 9) carry over.
/// </summary>
public sealed class AnnouncementRoll(OwnersVoteDb db, RollBook.RollFreezer editable)
{
    /// <summary>The roll to freeze for <paramref name="vote"/> opening at <paramref name="opensAt"/>, or null when the compound has no roll yet.</summary>
    public async Task<RollFrozen?> FreezeAsync(string compound, string vote, DateTimeOffset opensAt, DateTimeOffset at, string actor, CancellationToken cancellationToken)
    {
        if (await editable.EntryAsync(compound, vote, opensAt, at, actor, cancellationToken) is { } fromRollBook)
        {
            return fromRollBook;
        }

        List<MatterRow> matters = await db.Matters.AsNoTracking().Where(m => m.CompoundId == compound).ToListAsync(cancellationToken);
        // Ordered here, not in SQL: SQLite cannot order by DateTimeOffset.
        if (matters.OrderByDescending(m => m.OpensAt).FirstOrDefault() is not { } latest)
        {
            return null;
        }

        List<UnitRow> units = await db.Units.AsNoTracking().Where(u => u.VoteId == latest.Id).ToListAsync(cancellationToken);
        return new RollFrozen(compound, vote, at, actor, [.. units
            .OrderBy(u => u.Id, StringComparer.Ordinal)
            .Select(u => new RollEntry(
                new UnitId(u.Id),
                new BuildingId(u.BuildingId),
                Area.FromHundredths(u.AreaHundredths),
                RollCsv.ParseAreaSource(u.AreaSource),
                u.OwnerHash,
                new OwnerId(u.OwnerId)))]);
    }
}
