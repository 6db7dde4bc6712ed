using Microsoft.EntityFrameworkCore;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Enrolment;

/// <summary>
/// The cooling-off period of a new credential (issue 6 §2): when it may first vote, and, for the
/// ballot page, whether the signed-in owner's newest passkey is still waiting.
/// </summary>
public sealed class CoolingOff(OwnersVoteDb db, TimeProvider time)
{
    /// <summary>
    /// The earliest moment one of the owner's credentials that cannot vote yet may vote, or null
    /// when none is waiting.
    /// </summary>
    public async Task<DateTimeOffset?> WaitingUntilAsync(OwnerSession? session, CancellationToken cancellationToken)
    {
        if (session?.OwnerHash is not { } owner)
        {
            return null;
        }

        DateTimeOffset now = time.GetUtcNow();
        List<DateTimeOffset> waiting = await db.Credentials.AsNoTracking()
            .Where(c => c.CompoundId == session.CompoundId && c.OwnerHash == owner && c.RevokedAt == null)
            .Select(c => c.ActiveFrom)
            .ToListAsync(cancellationToken);
        // Compared here, not in SQL: SQLite stores DateTimeOffset as text.
        DateTimeOffset[] future = [.. waiting.Where(a => a > now)];
        return future.Length == 0 ? null : future.Min();
    }
}
