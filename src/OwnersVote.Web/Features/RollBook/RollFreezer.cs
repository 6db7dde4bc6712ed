using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OwnersVote.Ledger.Sequencing;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Data;
using OwnersVote.Web.Ledger;

namespace OwnersVote.Web.Features.RollBook;

/// <summary>Why a roll could not be frozen for a vote.</summary>
public enum FreezeRefusal
{
    /// <summary>The vote id is not 1–64 lower-case letters, digits and hyphens.</summary>
    BadVoteId,

    /// <summary>The compound is not registered in the log.</summary>
    UnknownCompound,

    /// <summary>The compound's roll has no unit.</summary>
    EmptyRoll,

    /// <summary>The vote already has a frozen roll (or was published): a roll is frozen once.</summary>
    AlreadyFrozen,
}

/// <summary>A frozen roll: its log entries and its totals.</summary>
/// <param name="LogIndex">The index of the (first) <c>RollFrozen</c> entry.</param>
/// <param name="Entries">How many entries the roll is logged in (<see cref="RollFrozen.Split"/>).</param>
/// <param name="Units">Units on the roll.</param>
/// <param name="Heads">Headcount principals (JI art. 9).</param>
/// <param name="Area">Total exclusive area (JI art. 8).</param>
public sealed record FrozenRoll(long LogIndex, int Entries, int Units, int Heads, Area Area);

/// <summary>
/// Freezes the compound's editable roll for a vote (<see cref="FreezeAsync"/>): the roll as of the
/// vote's opening (<see cref="RollBook.AsOfAsync"/>) is appended as <c>RollFrozen</c> — units,
/// areas with their source, owners as keyed hashes and headcount principals; never a name or ID
/// number. The log entry is the freeze's record (issue 6 §4). Call it before the vote's
/// <c>MatterPublished</c>.
/// </summary>
public sealed partial class RollFreezer(OwnersVoteDb db, RollBook roll, EventLog log, TimeProvider time)
{
    // One freeze at a time: the check "not frozen yet" and the append must not interleave, or a
    // second RollFrozen for the vote would reach the log (the projector refuses a vote frozen twice).
    private static readonly SemaphoreSlim s_gate = new(1, 1);

    /// <summary>
    /// Appends <c>RollFrozen</c> for <paramref name="vote"/> of <paramref name="compound"/> with the
    /// roll as it stands at <paramref name="opensAt"/>, recorded as done by <paramref name="actor"/>.
    /// </summary>
    public async Task<(FrozenRoll? Frozen, FreezeRefusal? Refused)> FreezeAsync(
        string compound, string vote, DateTimeOffset opensAt, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        if (!VoteIdPattern().IsMatch(vote))
        {
            return (null, FreezeRefusal.BadVoteId);
        }

        await s_gate.WaitAsync(cancellationToken);
        try
        {
            return await FreezeOnceAsync(compound, vote, opensAt, actor, cancellationToken);
        }
        finally
        {
            s_gate.Release();
        }
    }

    private async Task<(FrozenRoll? Frozen, FreezeRefusal? Refused)> FreezeOnceAsync(
        string compound, string vote, DateTimeOffset opensAt, string actor, CancellationToken cancellationToken)
    {
        if (!await db.Compounds.AnyAsync(c => c.Id == compound, cancellationToken))
        {
            return (null, FreezeRefusal.UnknownCompound);
        }

        if (await db.Units.AnyAsync(u => u.VoteId == vote, cancellationToken) || await db.Matters.AnyAsync(m => m.Id == vote, cancellationToken))
        {
            return (null, FreezeRefusal.AlreadyFrozen);
        }

        if (await EntryAsync(compound, vote, opensAt, EventTime.Truncate(time.GetUtcNow()), actor, cancellationToken) is not { } frozen)
        {
            return (null, FreezeRefusal.EmptyRoll);
        }

        DoubleCount total = frozen.ToRoll().Total(Scope.WholeCompound);
        // A roll larger than one log entry (about 300 units) is logged in parts, as one group.
        IReadOnlyList<AppendResult> appended = await log.AppendManyAsync(frozen.Split(), cancellationToken);
        return (new FrozenRoll(appended[0].Index, appended.Count, frozen.Units.Count, total.Heads.Value, total.Area), null);
    }

    /// <summary>
    /// The <c>RollFrozen</c> entry for <paramref name="vote"/> from the compound's editable roll as
    /// it stands at <paramref name="opensAt"/>, dated <paramref name="at"/>, not appended; null when
    /// the editable roll has no unit. The vote lifecycle appends it with the vote's announcement.
    /// </summary>
    public async Task<RollFrozen?> EntryAsync(string compound, string vote, DateTimeOffset opensAt, DateTimeOffset at, string actor, CancellationToken cancellationToken)
    {
        IReadOnlyList<RollUnitAsOf> units = await roll.AsOfAsync(compound, opensAt, cancellationToken);
        if (units.Count == 0)
        {
            return null;
        }

        // JI art. 9: the principal is the casting owner's keyed hash, so an owner of several units
        // (and a co-owned unit, cast by the co-owner the co-owners chose) counts once; the
        // developer's unsold units share the one principal DEVELOPER.
        List<RollEntry> entries = [.. units.Select(u => new RollEntry(
            new UnitId(u.Id),
            new BuildingId(u.Building),
            u.Area,
            u.AreaSource,
            u.OwnerHash,
            u.OwnerId == OwnerId.DeveloperValue ? OwnerId.Developer : new OwnerId(u.OwnerHash)))];
        return new RollFrozen(compound, vote, at, actor, entries);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex VoteIdPattern();
}
