using Microsoft.EntityFrameworkCore;
using OwnersVote.Web.Data;
using OwnersVote.Web.Projections;

namespace OwnersVote.Web.Features.Paper;

/// <summary>What <see cref="RecordingReconciliation.RunAsync"/> did.</summary>
/// <param name="Recorded">Items whose <c>PaperBallotRecorded</c> the log holds, now marked recorded.</param>
/// <param name="Returned">Items the log does not hold, returned to the second officer's approval.</param>
public sealed record ReconciledScans(int Recorded, int Returned);

/// <summary>
/// Settles review items left <see cref="PaperScanStates.Recording"/> by a server stop between an
/// approval's append and its row update (issue 5). The log is the source of truth (DESIGN.md §2):
/// where it holds the <c>PaperBallotRecorded</c> of the item's claimed serial — the projection,
/// caught up from the log when it opened, has its paper ballot row — the item is marked recorded
/// with that entry's index; where it does not, nothing was recorded and the item goes back to
/// <see cref="PaperScanStates.Confirmed"/>, its claim released, for a second officer to approve again.
/// </summary>
public static class RecordingReconciliation
{
    /// <summary>
    /// Runs once the log is open and its projection caught up, before requests are served. With
    /// <paramref name="returnUnlogged"/> false (a cluster, where another node may be between its
    /// claim and its append right now) only the recorded direction is taken.
    /// </summary>
    public static async Task<ReconciledScans> RunAsync(OwnersVoteDb db, bool returnUnlogged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        List<PaperScanRow> stuck = await db.PaperScans.AsNoTracking().Where(s => s.State == PaperScanStates.Recording).ToListAsync(cancellationToken);
        int recorded = 0;
        int returned = 0;
        foreach (PaperScanRow row in stuck)
        {
            string serial = row.ClaimedSerial ?? row.Serial ?? throw new InvalidOperationException($"Paper scan {row.Id} is recording without a serial.");
            BallotRow? ballot = await db.Ballots.AsNoTracking()
                .SingleOrDefaultAsync(b => b.MatterId == row.MatterId && b.Channel == Projector.Paper && b.BallotId == serial, cancellationToken);
            if (ballot is not null)
            {
                // The same fields RecordAsync sets after its append.
                recorded += await db.PaperScans
                    .Where(s => s.Id == row.Id && s.State == PaperScanStates.Recording)
                    .ExecuteUpdateAsync(
                        s => s.SetProperty(x => x.State, PaperScanStates.Recorded)
                            .SetProperty(x => x.LogIndex, ballot.LogIndex)
                            .SetProperty(x => x.Superseded, ballot.Superseded ? PaperReview.OnlineWinsOverPaper : null),
                        cancellationToken);
            }
            else if (returnUnlogged)
            {
                returned += await db.PaperScans
                    .Where(s => s.Id == row.Id && s.State == PaperScanStates.Recording)
                    .ExecuteUpdateAsync(
                        s => s.SetProperty(x => x.State, PaperScanStates.Confirmed)
                            .SetProperty(x => x.ApprovedBy, (string?)null)
                            .SetProperty(x => x.ClaimedSerial, (string?)null),
                        cancellationToken);
            }
        }

        return new ReconciledScans(recorded, returned);
    }
}
