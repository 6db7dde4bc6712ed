using Microsoft.EntityFrameworkCore;
using OwnersVote.Web.Data;

namespace OwnersVote.Web.Features.Votes;

/// <summary>Reads votes from the projections; the pages and the API both use these.</summary>
public sealed class VoteQueries(OwnersVoteDb db, TimeProvider time)
{
    /// <summary>Every vote of every compound, newest first.</summary>
    public async Task<IReadOnlyList<VoteSummary>> ListAsync(CancellationToken cancellationToken)
    {
        List<MatterRow> matters = await db.Matters.AsNoTracking().ToListAsync(cancellationToken);
        ILookup<string, string> scopes = (await db.MatterScopes.AsNoTracking().ToListAsync(cancellationToken))
            .ToLookup(s => s.MatterId, s => s.BuildingId);
        DateTimeOffset now = time.GetUtcNow();
        // Ordered here, not in SQL: SQLite cannot order by DateTimeOffset.
        return [.. matters.OrderByDescending(m => m.OpensAt).Select(m => Summarise(m, scopes[m.Id], now))];
    }

    /// <summary>One vote, or null if no vote has this id.</summary>
    public async Task<VoteDetail?> FindAsync(string id, CancellationToken cancellationToken)
    {
        MatterRow? matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (matter is null)
        {
            return null;
        }

        List<string> scope = await db.MatterScopes.AsNoTracking()
            .Where(s => s.MatterId == id).Select(s => s.BuildingId).ToListAsync(cancellationToken);
        return Detail(matter, scope, time.GetUtcNow());
    }

    /// <summary>The detail of <paramref name="matter"/> scoped to <paramref name="scope"/>, as it stands at <paramref name="now"/>.</summary>
    public static VoteDetail Detail(MatterRow matter, IEnumerable<string> scope, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(matter);
        return new VoteDetail(Summarise(matter, scope, now), matter.Text, matter.ClosedAt, matter.ResultPublishedAt,
            matter is { TallyTreeSize: { } size, TallyRootHash: { } root } ? new LogPosition(size, root) : null)
        {
            FinalInLog = matter is { FinalTreeSize: { } finalSize, FinalRootHash: { } finalRoot } ? new LogPosition(finalSize, finalRoot) : null,
            Stage = Lifecycle.LifecycleStages.Of(matter, now).ToString(),
        };
    }

    /// <summary>Where a vote stands at <paramref name="now"/>.</summary>
    public static VoteStatus StatusOf(MatterRow matter, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(matter);
        return matter.ClosedAt is not null ? VoteStatus.Closed
            : now < matter.OpensAt ? VoteStatus.NotYetOpen
            : VoteStatus.Open;
    }

    private static VoteSummary Summarise(MatterRow m, IEnumerable<string> scope, DateTimeOffset now) => new(
        m.Id,
        m.CompoundId,
        m.Title,
        [.. scope.Order(StringComparer.Ordinal)],
        m.Threshold,
        m.OpensAt,
        m.ClosesAt,
        StatusOf(m, now),
        m.ResultPassed);
}
