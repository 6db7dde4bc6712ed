using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Enrolment;

namespace OwnersVote.Web.Features.Privacy;

/// <summary>What one sweep removed.</summary>
/// <param name="Notices">Notices removed from the outbox.</param>
/// <param name="Invitations">Invitation rows (code hashes, issuers) deleted.</param>
/// <param name="Scans">Scanned ballot images deleted.</param>
public sealed record RetentionOutcome(int Notices, int Invitations, int Scans);

/// <summary>
/// One pass of retention (PIPL art. 19: kept no longer than needed for the purpose; art. 47: deleted
/// when the purpose is served). Removes, each up to <see cref="RetentionOptions.BatchLimit"/>:
/// outbox notices older than <see cref="RetentionOptions.Outbox"/>; invitations used (or expired
/// unused) longer ago than <see cref="RetentionOptions.Invitations"/>; scanned paper ballots of
/// votes whose result was published longer ago than <see cref="RetentionOptions.Scans"/>. The log
/// is never touched: it keeps each scan's SHA-256, so a recount still knows which sheet was read.
/// </summary>
public sealed class RetentionSweep(
    OwnersVoteDb db, OutboxNotifier outbox, IOptions<PrivacyOptions> options, IOptions<NotificationOptions> notifications, IHostEnvironment environment, TimeProvider time)
{
    /// <summary>Runs the pass once.</summary>
    public async Task<RetentionOutcome> RunAsync(CancellationToken cancellationToken)
    {
        RetentionOptions retention = options.Value.Retention;
        DateTimeOffset now = time.GetUtcNow();
        int limit = retention.BatchLimit;
        int notices = 0;
        if (retention.Outbox > TimeSpan.Zero && string.Equals(notifications.Value.Sender, "Outbox", StringComparison.OrdinalIgnoreCase))
        {
            notices = await outbox.PruneAsync(now - retention.Outbox, limit, cancellationToken);
        }

        int invitations = retention.Invitations > TimeSpan.Zero ? await PruneInvitationsAsync(now - retention.Invitations, limit, cancellationToken) : 0;
        int scans = retention.Scans > TimeSpan.Zero && retention.ScanDirectory is { Length: > 0 } folder
            ? await PruneScansAsync(Path.GetFullPath(folder, environment.ContentRootPath), now - retention.Scans, limit, cancellationToken)
            : 0;
        return new RetentionOutcome(notices, invitations, scans);
    }

    // A used code has served its purpose once the passkey is set up; an unused one once it
    // expired. SQLite cannot compare DateTimeOffset in a query, so the times are compared here;
    // invitations number in the thousands per compound, not millions.
    private async Task<int> PruneInvitationsAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        var all = await db.Invitations.AsNoTracking()
            .Select(i => new { i.CodeHash, i.UsedAt, i.ExpiresAt })
            .ToListAsync(cancellationToken);
        string[] due = [.. all
            .Where(i => (i.UsedAt ?? i.ExpiresAt) < before)
            .OrderBy(i => i.UsedAt ?? i.ExpiresAt)
            .Select(i => i.CodeHash)
            .Take(limit)];
        return due.Length == 0 ? 0 : await db.Invitations.Where(i => due.Contains(i.CodeHash)).ExecuteDeleteAsync(cancellationToken);
    }

    // Scans are files named by their SHA-256 (as PaperBallotRecorded.Scan records it), with or
    // without an extension. A scan goes once every ballot row naming it belongs to a vote whose
    // result was published before the cut-off; a file no ballot names is left for an officer.
    private async Task<int> PruneScansAsync(string folder, DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var files = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (string path in Directory.EnumerateFiles(folder))
        {
            string name = Path.GetFileName(path);
            string hash = name.Split('.', 2)[0];
            if (OwnerKey.IsHash(hash))
            {
                (files.TryGetValue(hash, out List<string>? list) ? list : files[hash] = []).Add(path);
            }
        }

        int removed = 0;
        foreach (string[] chunk in files.Keys.Order(StringComparer.Ordinal).Chunk(200))
        {
            var named = await db.Ballots.AsNoTracking()
                .Where(b => b.Scan != null && chunk.Contains(b.Scan))
                .Join(db.Matters, b => b.MatterId, m => m.Id, (b, m) => new { b.Scan, m.ResultPublishedAt })
                .ToListAsync(cancellationToken);
            foreach (var scan in named.GroupBy(n => n.Scan!, StringComparer.Ordinal))
            {
                if (!scan.All(n => n.ResultPublishedAt is { } published && published < before))
                {
                    continue;
                }

                foreach (string path in files[scan.Key])
                {
                    if (removed == limit)
                    {
                        return removed;
                    }

                    File.Delete(path);
                    removed++;
                }
            }
        }

        return removed;
    }
}
