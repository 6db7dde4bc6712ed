using Microsoft.EntityFrameworkCore;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Features.Privacy;

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

    /// <summary>The roll has a phone number for the owner: the last four digits are asked for as well (nothing was used up).</summary>
    PhoneRequired,

    /// <summary>The digits typed are not the ending of the phone number on file.</summary>
    PhoneMismatch,
}

/// <summary>What redeeming an invitation code gave: a session, or a refusal.</summary>
/// <param name="Session">The session to issue, or null when refused.</param>
/// <param name="Refusal">Why it was refused, or null when accepted.</param>
/// <param name="PhoneChecked">Whether the phone's last digits were checked as a second factor (false: none on file).</param>
public sealed record InvitationOutcome(OwnerSession? Session, InvitationRefusal? Refusal, bool PhoneChecked = false);

/// <summary>
/// Redeems the one-time invitation code from an owner's printed letter (issue 4, step ①): each code
/// works once, before it expires. Where the roll has a phone number for the owner, the last four
/// digits are a second factor (the letter alone is not enough: it may lie in a shared mailbox);
/// where none is on file, the code alone identifies the owner and the page says so.
/// </summary>
public sealed class InvitationRedeemer(OwnersVoteDb db, OwnerIdentities identities, PhoneAttempts phoneAttempts, TimeProvider time)
{
    /// <summary>Marks the invitation used and returns the session it grants, or why it is refused.</summary>
    /// <param name="typedCode">The code as typed.</param>
    /// <param name="phoneEnding">The last four digits of the owner's phone as typed, or null when not asked yet.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    public async Task<InvitationOutcome> RedeemAsync(string typedCode, string? phoneEnding, CancellationToken cancellationToken)
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

        bool phoneChecked = false;
        if (invitation.OwnerId is { } owner
            && await identities.PhoneEndingAsync(invitation.CompoundId, owner, cancellationToken) is { } ending)
        {
            if (string.IsNullOrWhiteSpace(phoneEnding))
            {
                return new InvitationOutcome(null, InvitationRefusal.PhoneRequired);
            }

            // 10⁴ endings: besides the per-client limit, each code gets few tries, so spreading
            // guesses over many addresses does not help either.
            if (!phoneAttempts.TryAttempt(hash) || !OwnerIdentities.EndingMatches(ending, phoneEnding))
            {
                return new InvitationOutcome(null, InvitationRefusal.PhoneMismatch);
            }

            phoneChecked = true;
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

        return new InvitationOutcome(new OwnerSession(invitation.CompoundId, invitation.Role, invitation.OwnerId, invitation.StaffId), null, phoneChecked);
    }
}
