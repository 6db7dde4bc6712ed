using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OwnersVote.Voting;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Enrolment;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Privacy;

/// <summary>
/// Gathers everything held about the signed-in owner (PIPL art. 45; DESIGN.md §1: "an owner can see
/// everything held about them"), from every table that names them and from the outbox. Only the
/// session's own compound and owner hash are read: nothing of another owner or compound.
/// </summary>
public sealed class MyDataQuery(OwnersVoteDb db, OutboxNotifier outbox, IOptions<NotificationOptions> notifications, TimeProvider time)
{
    /// <summary>The owner's data, or null when the compound is unknown.</summary>
    public async Task<OwnerDataExport?> ForAsync(OwnerSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        string owner = session.OwnerHash ?? throw new ArgumentException("Not an owner's session.", nameof(session));
        string compound = session.CompoundId;
        CompoundRow? row = await db.Compounds.AsNoTracking().FirstOrDefaultAsync(c => c.Id == compound, cancellationToken);
        if (row is null)
        {
            return null;
        }

        RollOwnerRow? identity = await db.RollOwners.AsNoTracking()
            .FirstOrDefaultAsync(o => o.CompoundId == compound && o.OwnerHash == owner, cancellationToken);

        var titles = (await db.Matters.AsNoTracking().Where(m => m.CompoundId == compound)
            .Select(m => new { m.Id, m.Title, m.OpensAt }).ToListAsync(cancellationToken))
            .ToDictionary(m => m.Id, StringComparer.Ordinal);
        List<UnitRow> units = await db.Units.AsNoTracking()
            .Where(u => u.CompoundId == compound && u.OwnerHash == owner)
            .ToListAsync(cancellationToken);
        HeldRollEntry[] rollEntries = [.. units
            .Select(u => new HeldRollEntry(
                u.VoteId,
                titles.TryGetValue(u.VoteId, out var m) ? m.Title : null,
                u.Id,
                u.BuildingId,
                Area.FromHundredths(u.AreaHundredths).ToString(),
                u.AreaSource,
                titles.TryGetValue(u.VoteId, out var o) ? o.OpensAt.UtcTicks : 0))
            .OrderBy(e => e.RollOrder).ThenBy(e => e.Unit, StringComparer.Ordinal)];

        HeldCredential[] credentials = [.. (await db.Credentials.AsNoTracking()
                .Where(c => c.CompoundId == compound && c.OwnerHash == owner)
                .ToListAsync(cancellationToken))
            .Select(c => new HeldCredential(c.Id, c.Kind, c.EnrolledAt, c.ActiveFrom, c.RevokedAt))
            .OrderBy(c => c.ActiveFrom)];

        HeldInvitation[] invitations = [.. (await db.Invitations.AsNoTracking()
                .Where(i => i.CompoundId == compound && i.OwnerId == owner)
                .ToListAsync(cancellationToken))
            .Select(i =>
            {
                string[] issuers = i.IssuedBy.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                return new HeldInvitation(i.CodeHash, issuers, i.ExpiresAt, i.UsedAt, issuers.Any(x => x.StartsWith("idp:", StringComparison.Ordinal)));
            })
            .OrderBy(i => i.UsedAt ?? i.ExpiresAt)];

        HeldDeskEnrolment[] desk = [.. (await db.DeskEnrolments.AsNoTracking()
                .Where(d => d.CompoundId == compound && d.OwnerHash == owner)
                .ToListAsync(cancellationToken))
            .Select(d => new HeldDeskEnrolment(d.UnitId, d.RequestedBy, d.RequestedAt, d.ApprovedBy, d.ApprovedAt))
            .OrderBy(d => d.RequestedAt)];

        // Ballots name the headcount principal, which for an owner is their keyed hash (JI art. 9).
        string[] votes = [.. titles.Keys];
        HeldBallot[] ballots = [.. (await db.Ballots.AsNoTracking()
                .Where(b => b.OwnerId == owner && votes.Contains(b.MatterId))
                .ToListAsync(cancellationToken))
            .Select(b => new HeldBallot(b.MatterId, titles[b.MatterId].Title, b.LogIndex, b.CastAt, b.Channel, b.Choice, b.Counts, b.Superseded, b.Rejection))
            .OrderBy(b => b.Entry)];

        // Notices handed to an HTTP gateway are not kept here; the outbox keeps them until retention removes them.
        HeldNotice[] notices = string.Equals(notifications.Value.Sender, "Outbox", StringComparison.OrdinalIgnoreCase)
            ? [.. (await outbox.ReadAsync(compound, owner, cancellationToken)).Select(n => new HeldNotice(n.Template, n.Parameters, n.At))]
            : [];

        return new OwnerDataExport(
            compound,
            row.Name,
            owner,
            time.GetUtcNow(),
            identity is null ? null : new HeldParticulars(identity.Id, identity.Name, identity.IdNumberHash is not null, identity.IdNumberHash, identity.Phone, identity.UpdatedBy, identity.UpdatedAt),
            rollEntries,
            credentials,
            invitations,
            desk,
            ballots,
            notices);
    }

    /// <summary>A file name for the download, e.g. <c>ownersvote-my-data-20261126.json</c>.</summary>
    public static string FileName(DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"ownersvote-my-data-{at.UtcDateTime:yyyyMMdd}.json");
}
