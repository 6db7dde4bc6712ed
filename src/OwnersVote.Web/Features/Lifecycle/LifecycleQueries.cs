using Microsoft.EntityFrameworkCore;
using OwnersVote.Web.Data;

namespace OwnersVote.Web.Features.Lifecycle;

/// <summary>A vote or draft as the organisers' list shows it.</summary>
/// <param name="Id">The vote id.</param>
/// <param name="Title">The matter's title.</param>
/// <param name="Stage">Where it stands.</param>
/// <param name="OpensAt">When voting opens.</param>
/// <param name="ClosesAt">When voting closes.</param>
public sealed record ManagedVote(string Id, string Title, LifecycleStage Stage, DateTimeOffset OpensAt, DateTimeOffset ClosesAt);

/// <summary>An objection as pages show it: never the owner's hash or name.</summary>
/// <param name="Id">The objection id.</param>
/// <param name="Text">The objection.</param>
/// <param name="FiledAt">When it was filed.</param>
/// <param name="Answer">The committee's answer, or null while open.</param>
/// <param name="AnsweredAt">When it was answered.</param>
public sealed record ObjectionView(string Id, string Text, DateTimeOffset FiledAt, string? Answer, DateTimeOffset? AnsweredAt)
{
    /// <summary>The committee upheld it: the result had to be corrected and published again.</summary>
    public bool Upheld { get; init; }
}

/// <summary>One delivery of the notice and ballot.</summary>
/// <param name="Channel">app, sms, letter, posted or door.</param>
/// <param name="At">When.</param>
/// <param name="Officer">Who recorded it.</param>
public sealed record DeliveryView(string Channel, DateTimeOffset At, string Officer);

/// <summary>
/// One headcount principal of a vote for the door-knockers (issue 7 part 2): the units, building
/// and floor, whether a counted ballot is in — never how they voted — the deliveries and reminders.
/// </summary>
/// <param name="Principal">The principal's id (a keyed hash, or the developer).</param>
/// <param name="Units">The principal's units in scope.</param>
/// <param name="Building">The first unit's building.</param>
/// <param name="Floor">The first unit's floor, or null when the unit number shows none.</param>
/// <param name="Voted">Whether a counted ballot is in.</param>
/// <param name="Deliveries">How the notice and ballot reached them.</param>
/// <param name="Reminders">How many reminders were sent.</param>
public sealed record DeliveryLine(string Principal, IReadOnlyList<string> Units, string Building, int? Floor, bool Voted, IReadOnlyList<DeliveryView> Deliveries, int Reminders);

/// <summary>A vote as its organisers' page shows it.</summary>
/// <param name="Matter">The projected matter.</param>
/// <param name="Stage">Where it stands.</param>
/// <param name="ObjectionPeriodEnds">When the objection period ends, once known.</param>
/// <param name="Objections">Every objection, in filing order.</param>
/// <param name="Principals">How many principals are in scope.</param>
/// <param name="Voted">How many of them have a counted ballot.</param>
/// <param name="Delivered">How many have at least one delivery recorded.</param>
/// <param name="RemindersSent">How many reminders were sent.</param>
public sealed record ManagedVoteDetail(MatterRow Matter, LifecycleStage Stage, DateTimeOffset? ObjectionPeriodEnds, IReadOnlyList<ObjectionView> Objections, int Principals, int Voted, int Delivered, int RemindersSent);

/// <summary>The reads of the lifecycle pages.</summary>
public sealed class LifecycleQueries(OwnersVoteDb db, VoteLifecycle lifecycle, TimeProvider time)
{
    /// <summary>The drafts and votes of a compound: drafts first, then votes newest first.</summary>
    public async Task<IReadOnlyList<ManagedVote>> ListAsync(string compound, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        List<VoteDraftRow> drafts = await db.VoteDrafts.AsNoTracking().Where(d => d.CompoundId == compound).ToListAsync(cancellationToken);
        List<MatterRow> matters = await db.Matters.AsNoTracking().Where(m => m.CompoundId == compound).ToListAsync(cancellationToken);
        return
        [
            .. drafts.OrderBy(d => d.Id, StringComparer.Ordinal).Select(d => new ManagedVote(d.Id, d.Title, LifecycleStage.Draft, d.OpensAt, d.ClosesAt)),
            .. matters.OrderByDescending(m => m.OpensAt).Select(m => new ManagedVote(m.Id, m.Title, LifecycleStages.Of(m, now), m.OpensAt, m.ClosesAt)),
        ];
    }

    /// <summary>A draft of the compound, or null.</summary>
    public async Task<VoteDraftRow?> DraftAsync(string id, string compound, CancellationToken cancellationToken) =>
        await db.VoteDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.CompoundId == compound, cancellationToken);

    /// <summary>A vote of the compound with its lifecycle state, or null.</summary>
    public async Task<ManagedVoteDetail?> VoteAsync(string id, string compound, CancellationToken cancellationToken)
    {
        MatterRow? matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.CompoundId == compound, cancellationToken);
        if (matter is null)
        {
            return null;
        }

        IReadOnlyList<DeliveryLine> lines = await SheetAsync(matter, cancellationToken);
        return new ManagedVoteDetail(
            matter,
            LifecycleStages.Of(matter, time.GetUtcNow()),
            LifecycleStages.ObjectionPeriodEnds(matter),
            await ObjectionsAsync(id, cancellationToken),
            lines.Count,
            lines.Count(l => l.Voted),
            lines.Count(l => l.Deliveries.Count > 0),
            lines.Sum(l => l.Reminders));
    }

    /// <summary>A public vote's matter (any compound: results and objections are public), or null.</summary>
    public async Task<MatterRow?> MatterAsync(string id, CancellationToken cancellationToken) =>
        await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);

    /// <summary>The objections of a vote and their answers, in filing order.</summary>
    public async Task<IReadOnlyList<ObjectionView>> ObjectionsAsync(string id, CancellationToken cancellationToken)
    {
        List<ObjectionRow> rows = await db.Objections.AsNoTracking().Where(o => o.MatterId == id).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(o => o.LogIndex).Select(o => new ObjectionView(o.Id, o.Text, o.FiledAt, o.Answer, o.AnsweredAt) { Upheld = o.Upheld })];
    }

    /// <summary>The delivery sheet of a vote of the compound, by building, floor and unit; null when no such vote.</summary>
    public async Task<(MatterRow Matter, IReadOnlyList<DeliveryLine> Lines)?> SheetAsync(string id, string compound, CancellationToken cancellationToken)
    {
        MatterRow? matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.CompoundId == compound, cancellationToken);
        return matter is null ? null : (matter, await SheetAsync(matter, cancellationToken));
    }

    private async Task<IReadOnlyList<DeliveryLine>> SheetAsync(MatterRow matter, CancellationToken cancellationToken)
    {
        List<UnitRow> units = await lifecycle.UnitsInScopeAsync(matter, cancellationToken);
        HashSet<string> voted = [.. await db.Ballots.AsNoTracking().Where(b => b.MatterId == matter.Id && b.Counts).Select(b => b.OwnerId).ToListAsync(cancellationToken)];
        ILookup<string, DeliveryRow> deliveries = (await db.Deliveries.AsNoTracking().Where(d => d.MatterId == matter.Id).ToListAsync(cancellationToken)).ToLookup(d => d.OwnerId);
        ILookup<string, ReminderRow> reminders = (await db.Reminders.AsNoTracking().Where(r => r.MatterId == matter.Id).ToListAsync(cancellationToken)).ToLookup(r => r.OwnerId);
        return
        [
            .. units.GroupBy(u => u.OwnerId).Select(g =>
            {
                List<UnitRow> own = [.. g.OrderBy(u => u.Id, Results.NaturalUnitOrder.Instance)];
                return new DeliveryLine(
                    g.Key,
                    [.. own.Select(u => u.Id)],
                    own[0].BuildingId,
                    FloorOf(own[0].Id),
                    voted.Contains(g.Key),
                    [.. deliveries[g.Key].OrderBy(d => d.LogIndex).Select(d => new DeliveryView(d.Channel, d.At, d.Officer))],
                    reminders[g.Key].Count());
            })
            .OrderBy(l => l.Building, Results.NaturalUnitOrder.Instance)
            .ThenBy(l => l.Floor ?? int.MaxValue)
            .ThenBy(l => l.Units[0], Results.NaturalUnitOrder.Instance),
        ];
    }

    /// <summary>The floor of a unit numbered building-FFRR (e.g. 57-101 → 1, 57-1203 → 12); null for other numbering.</summary>
    public static int? FloorOf(string unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        string room = unit[(unit.LastIndexOf('-') + 1)..];
        return room.Length >= 3 && room.All(char.IsAsciiDigit) && int.TryParse(room, System.Globalization.CultureInfo.InvariantCulture, out int n) ? n / 100 : null;
    }
}
