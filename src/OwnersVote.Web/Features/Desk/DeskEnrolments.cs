using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Features.SignIn;
using OwnersVote.Web.Ledger;

namespace OwnersVote.Web.Features.Desk;

/// <summary>Why a desk enrolment step was refused.</summary>
public enum DeskRefusal
{
    /// <summary>The unit is not on any roll of the officer's compound.</summary>
    NotOnRoll,

    /// <summary>The officer did not confirm checking identity and ownership.</summary>
    IdentityNotChecked,

    /// <summary>No pending request has this id in the officer's compound.</summary>
    Unknown,

    /// <summary>Two-person rule: the officer who asked cannot approve.</summary>
    SameOfficer,
}

/// <summary>A request waiting for a second officer.</summary>
public sealed record PendingDeskEnrolment(string Id, string UnitId, string RequestedBy, DateTimeOffset RequestedAt);

/// <summary>The invitation letter issued on approval: the only time its code is shown.</summary>
public sealed record InvitationLetter(string CompoundName, string UnitId, string Code, IReadOnlyList<string> Officers, DateTimeOffset ExpiresAt, string SignInUrl);

/// <summary>
/// Enrolment at the officers' desk (issue 6 §2, DESIGN.md §3): one officer checks the present
/// owner's identity and ownership and asks; a second, different officer approves; only then is a
/// one-time invitation issued, naming both, so the passkey the owner sets up with it is logged as
/// <c>CredentialEnrolled</c> with both officers. The approval itself is logged as
/// <c>EnrolmentApproved</c> naming both (issue 6: officer actions that change who may vote are in the log).
/// </summary>
public sealed class DeskEnrolments(OwnersVoteDb db, EventLog log, TimeProvider time)
{
    /// <summary>How long a desk invitation is valid: the owner normally uses it at the desk.</summary>
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    /// <summary>Records the first officer's request for the owner of <paramref name="unit"/>.</summary>
    public async Task<(PendingDeskEnrolment? Pending, DeskRefusal? Refused)> RequestAsync(OwnerSession officer, string unit, bool identityChecked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(unit);
        if (!identityChecked)
        {
            return (null, DeskRefusal.IdentityNotChecked);
        }

        string unitId = unit.Trim();
        // The owner as on the rolls frozen for the compound's votes; a later roll (a transfer) wins.
        List<UnitRow> rows = await db.Units.AsNoTracking()
            .Where(u => u.CompoundId == officer.CompoundId && u.Id == unitId)
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return (null, DeskRefusal.NotOnRoll);
        }

        List<string> votes = [.. rows.Select(r => r.VoteId)];
        Dictionary<string, DateTimeOffset> opens = await db.Matters.AsNoTracking()
            .Where(m => votes.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => m.OpensAt, cancellationToken);
        UnitRow latest = rows.OrderByDescending(r => opens.GetValueOrDefault(r.VoteId)).First();

        var row = new DeskEnrolmentRow
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            CompoundId = officer.CompoundId,
            UnitId = unitId,
            OwnerHash = latest.OwnerHash,
            RequestedBy = StaffOf(officer),
            RequestedAt = time.GetUtcNow(),
        };
        db.DeskEnrolments.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return (new PendingDeskEnrolment(row.Id, row.UnitId, row.RequestedBy, row.RequestedAt), null);
    }

    /// <summary>The requests of the officer's compound waiting for a second officer, oldest first.</summary>
    public async Task<IReadOnlyList<PendingDeskEnrolment>> PendingAsync(OwnerSession officer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        List<DeskEnrolmentRow> rows = await db.DeskEnrolments.AsNoTracking()
            .Where(d => d.CompoundId == officer.CompoundId && d.ApprovedBy == null)
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.RequestedAt).Select(r => new PendingDeskEnrolment(r.Id, r.UnitId, r.RequestedBy, r.RequestedAt))];
    }

    /// <summary>
    /// The second officer approves: the owner's one-time invitation is issued (its SHA-256 stored)
    /// and its letter returned, the only time the code is shown.
    /// </summary>
    public async Task<(InvitationLetter? Letter, DeskRefusal? Refused)> ApproveAsync(OwnerSession officer, string id, string signInUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        DeskEnrolmentRow? row = await db.DeskEnrolments
            .SingleOrDefaultAsync(d => d.Id == id && d.CompoundId == officer.CompoundId && d.ApprovedBy == null, cancellationToken);
        if (row is null)
        {
            return (null, DeskRefusal.Unknown);
        }

        string approver = StaffOf(officer);
        // DESIGN.md §3: two-person rule for enrolment.
        if (string.Equals(approver, row.RequestedBy, StringComparison.Ordinal))
        {
            return (null, DeskRefusal.SameOfficer);
        }

        DateTimeOffset now = time.GetUtcNow();
        row.ApprovedBy = approver;
        row.ApprovedAt = now;
        string[] officers = [.. new[] { row.RequestedBy, approver }.Order(StringComparer.Ordinal)];
        // A proxy's invitation (Features/Proxies) is for someone other than the unit's owner on the roll.
        bool forProxy = !await db.Units.AnyAsync(u => u.CompoundId == row.CompoundId && u.Id == row.UnitId && u.OwnerHash == row.OwnerHash, cancellationToken);
        await log.AppendAsync(new EnrolmentApproved(row.CompoundId, EventTime.Truncate(now), approver, row.OwnerHash, row.UnitId, forProxy, row.RequestedBy, approver), cancellationToken);
        string code = InvitationCode.NewRandom();
        db.Invitations.Add(new InvitationRow
        {
            CodeHash = InvitationCode.Hash(code),
            CompoundId = row.CompoundId,
            Role = "owner",
            OwnerId = row.OwnerHash,
            IssuedBy = string.Join('\n', officers),
            ExpiresAt = now + InvitationLifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        string compoundName = await db.Compounds.AsNoTracking().Where(c => c.Id == row.CompoundId).Select(c => c.Name).SingleAsync(cancellationToken);
        return (new InvitationLetter(compoundName, row.UnitId, code, officers, now + InvitationLifetime, signInUrl), null);
    }

    private static string StaffOf(OwnerSession officer) =>
        officer.StaffId ?? throw new InvalidOperationException("An officer session carries no staff id; officers must sign in with their own invitation.");
}
