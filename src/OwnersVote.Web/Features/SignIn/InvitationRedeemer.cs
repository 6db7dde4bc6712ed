using Microsoft.EntityFrameworkCore;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;

namespace OwnersVote.Web.Features.SignIn;

/// <summary>Why an invitation code was refused. Every refusal leaves the invitation as it was.</summary>
public enum InvitationRefusal
{
    /// <summary>No invitation has this code (a typo or a made-up code).</summary>
    Unknown,

    /// <summary>The code's validity period is over.</summary>
    Expired,

    /// <summary>The code was already used once.</summary>
    Used,
}

/// <summary>What redeeming an invitation code gave: a session, or a refusal.</summary>
/// <param name="Session">The session to issue, or null when refused.</param>
/// <param name="Refusal">Why it was refused, or null when accepted.</param>
public sealed record InvitationOutcome(OwnerSession? Session, InvitationRefusal? Refusal);

/// <summary>
/// Redeems the one-time invitation code from an owner's printed letter (issue 4, step ①): each code
/// works once, before it expires. The seeded data stores no phone numbers, so the code alone
/// identifies the owner.
/// </summary>
public sealed class InvitationRedeemer(OwnersVoteDb db, TimeProvider time)
{
    /// <summary>Marks the invitation used and returns the session it grants, or why it is refused.</summary>
    public async Task<InvitationOutcome> RedeemAsync(string typedCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(typedCode);
        string hash = InvitationCode.Hash(typedCode);
        InvitationRow? invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.CodeHash == hash, cancellationToken);
        if (invitation is null)
        {
            return new InvitationOutcome(null, InvitationRefusal.Unknown);
        }

        if (invitation.UsedAt is not null)
        {
            return new InvitationOutcome(null, InvitationRefusal.Used);
        }

        DateTimeOffset now = time.GetUtcNow();
        if (now >= invitation.ExpiresAt)
        {
            return new InvitationOutcome(null, InvitationRefusal.Expired);
        }

        // Single use even under concurrent attempts: only the request whose update finds the code
        // still unused wins; the database decides, not this process.
        int claimed = await db.Invitations
            .Where(i => i.CodeHash == hash && i.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, now), cancellationToken);
        if (claimed != 1)
        {
            return new InvitationOutcome(null, InvitationRefusal.Used);
        }

        return new InvitationOutcome(new OwnerSession(invitation.CompoundId, invitation.Role, invitation.OwnerId, invitation.StaffId), null);
    }
}
