using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Enrolment;
using OwnersVote.Web.Features.Proxies;
using OwnersVote.Web.Features.SignIn;
using OwnersVote.Web.Ledger;

namespace OwnersVote.Web.Features.Desk;

/// <summary>Why a credential revocation step was refused.</summary>
public enum RevocationRefusal
{
    /// <summary>The unit is not on any roll of the officer's compound.</summary>
    NotOnRoll,

    /// <summary>The officer did not confirm checking the owner's identity.</summary>
    IdentityNotChecked,

    /// <summary>The reason is not one of <see cref="CredentialRevocations.Reasons"/>.</summary>
    BadReason,

    /// <summary>The owner has no credential that is not revoked already.</summary>
    NoCredential,

    /// <summary>No pending request has this id in the officer's compound.</summary>
    Unknown,

    /// <summary>Two-person rule: the officer who asked cannot approve.</summary>
    SameOfficer,
}

/// <summary>A revocation request waiting for a second officer.</summary>
public sealed record PendingRevocation(string Id, string UnitId, string Reason, string RequestedBy, DateTimeOffset RequestedAt);

/// <summary>The credentials just revoked: their log entries, and whether the owner's notice was handed over.</summary>
public sealed record RevokedCredentials(string UnitId, IReadOnlyList<long> Indexes, IReadOnlyList<string> Officers, bool OwnerNotified);

/// <summary>
/// Revoking an owner's credentials at the desk — a lost or stolen phone (DESIGN.md §3, issue 6): one
/// officer checks the owner's identity and asks; a second, different officer approves, as for a desk
/// enrolment; then every credential of the owner that is not revoked yet is logged as
/// <c>CredentialRevoked</c> naming both officers, so no ballot or mandate signed with it from then on
/// counts (VoteReplay). The owner is told through the notifier (outbox or gateway) and enrols again
/// at the desk.
/// </summary>
public sealed class CredentialRevocations(OwnersVoteDb db, EventLog log, INotifier notifier, ILogger<CredentialRevocations> logger, TimeProvider time)
{
    /// <summary>The notice template sent to the owner; parameters <c>credentials</c>, <c>officers</c>, <c>reason</c>.</summary>
    public const string NoticeTemplate = "credential-revoked";

    /// <summary>The reasons an officer may log, as codes (CredentialRevoked.reason carries no personal data).</summary>
    public static IReadOnlyList<string> Reasons { get; } = ["lost-device", "stolen-device", "owner-request"];

    /// <summary>Records the first officer's request for the owner of <paramref name="unit"/>.</summary>
    public async Task<(PendingRevocation? Pending, RevocationRefusal? Refused)> RequestAsync(
        OwnerSession officer, string unit, string reason, bool identityChecked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        if (!identityChecked)
        {
            return (null, RevocationRefusal.IdentityNotChecked);
        }

        if (!Reasons.Contains(reason))
        {
            return (null, RevocationRefusal.BadReason);
        }

        string unitId = (unit ?? "").Trim();
        if (await ProxyDesk.OwnerOnRollAsync(db, officer.CompoundId, unitId, cancellationToken) is not { } owner)
        {
            return (null, RevocationRefusal.NotOnRoll);
        }

        if ((await ActiveAsync(officer.CompoundId, owner, cancellationToken)).Count == 0)
        {
            return (null, RevocationRefusal.NoCredential);
        }

        var row = new CredentialRevocationRow
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            CompoundId = officer.CompoundId,
            UnitId = unitId,
            OwnerHash = owner,
            Reason = reason,
            RequestedBy = StaffOf(officer),
            RequestedAt = time.GetUtcNow(),
        };
        db.CredentialRevocations.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return (View(row), null);
    }

    /// <summary>The requests of the officer's compound waiting for a second officer, oldest first.</summary>
    public async Task<IReadOnlyList<PendingRevocation>> PendingAsync(OwnerSession officer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        List<CredentialRevocationRow> rows = await db.CredentialRevocations.AsNoTracking()
            .Where(r => r.CompoundId == officer.CompoundId && r.ApprovedBy == null)
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.RequestedAt).Select(View)];
    }

    /// <summary>
    /// The second officer approves: one <c>CredentialRevoked</c> per credential of the owner not yet
    /// revoked, naming both officers, then the owner's notice.
    /// </summary>
    public async Task<(RevokedCredentials? Revoked, RevocationRefusal? Refused)> ApproveAsync(OwnerSession officer, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        CredentialRevocationRow? row = await db.CredentialRevocations.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Id == id && r.CompoundId == officer.CompoundId && r.ApprovedBy == null, cancellationToken);
        if (row is null)
        {
            return (null, RevocationRefusal.Unknown);
        }

        string approver = StaffOf(officer);
        // DESIGN.md §3: two-person rule, as for enrolment.
        if (string.Equals(approver, row.RequestedBy, StringComparison.Ordinal))
        {
            return (null, RevocationRefusal.SameOfficer);
        }

        // Claim the request with one conditional update, so two approvals at once log it once.
        DateTimeOffset now = EventTime.Truncate(time.GetUtcNow());
        int claimed = await db.CredentialRevocations
            .Where(r => r.Id == row.Id && r.ApprovedBy == null)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.ApprovedBy, approver).SetProperty(r => r.ApprovedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return (null, RevocationRefusal.Unknown);
        }

        List<string> active = await ActiveAsync(row.CompoundId, row.OwnerHash, cancellationToken);
        if (active.Count == 0)
        {
            return (null, RevocationRefusal.NoCredential);
        }

        string[] officers = [.. new[] { row.RequestedBy, approver }.Order(StringComparer.Ordinal)];
        var indexes = new List<long>();
        foreach (string credential in active)
        {
            byte[] credentialId = Base64UrlText.TryDecode(credential, out byte[] decoded) ? decoded : throw new InvalidOperationException($"Stored credential id {credential} is not base64url.");
            indexes.Add((await log.AppendAsync(new CredentialRevoked(row.CompoundId, now, approver, row.OwnerHash, credentialId, officers, row.Reason), cancellationToken)).Index);
        }

        bool notified = true;
        try
        {
            await notifier.NotifyAsync(
                new OwnerNotice(row.CompoundId, row.OwnerHash, NoticeTemplate, new Dictionary<string, string>
                {
                    ["credentials"] = active.Count.ToString(CultureInfo.InvariantCulture),
                    ["officers"] = string.Join(' ', officers),
                    ["reason"] = row.Reason,
                }, now),
                cancellationToken);
        }
        catch (NotifierException e)
        {
            // The revocation is in the log and in force; the notice is retried by hand.
            notified = false;
            logger.LogWarning(e, "The owner's notice of revoked credentials (unit {Unit}, entries {Indexes}) could not be handed over", row.UnitId, string.Join(',', indexes));
        }

        return (new RevokedCredentials(row.UnitId, indexes, officers, notified), null);
    }

    private async Task<List<string>> ActiveAsync(string compound, string owner, CancellationToken cancellationToken) =>
        (await db.Credentials.AsNoTracking()
            .Where(c => c.CompoundId == compound && c.OwnerHash == owner && c.RevokedAt == null)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken))
        .Order(StringComparer.Ordinal)
        .ToList();

    private static PendingRevocation View(CredentialRevocationRow row) => new(row.Id, row.UnitId, row.Reason, row.RequestedBy, row.RequestedAt);

    private static string StaffOf(OwnerSession officer) =>
        officer.StaffId ?? throw new InvalidOperationException("An officer session carries no staff id; officers must sign in with their own invitation.");
}
