using Microsoft.EntityFrameworkCore;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Paper;
using OwnersVote.Web.Projections;

namespace OwnersVote.Web.Hosting;

/// <summary>
/// Feeds the <c>ownersvote.paper.scans.waiting</c> gauge (docs/operations.md "Telemetry"): every
/// <see cref="Interval"/> it counts the scanned pages waiting for officers in <c>paper_scans</c>
/// — <c>pending</c> (a first officer's confirmation) and <c>confirmed</c> (the second officer's
/// approval, the two-person rule of DESIGN.md "Paper ballots"). The table is shared by every
/// cluster node, so each node reports the deployment's queue. A failed count (the database away)
/// is logged and the gauge keeps its last value until the next one.
/// </summary>
public sealed partial class ScanQueueMonitor(IServiceScopeFactory scopes, ProjectionReadiness readiness, TimeProvider time, ILogger<ScanQueueMonitor> logger)
    : BackgroundService
{
    /// <summary>How often the queue is counted.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    /// <summary>Counts the waiting scans now and publishes them to the gauge.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        var counts = await db.PaperScans.AsNoTracking()
            .Where(s => s.State == PaperScanStates.Pending || s.State == PaperScanStates.Confirmed)
            .GroupBy(s => s.State)
            .Select(g => new { State = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        OwnersVoteTelemetry.ScansWaiting(
            counts.Where(c => c.State == PaperScanStates.Pending).Sum(c => c.Count),
            counts.Where(c => c.State == PaperScanStates.Confirmed).Sum(c => c.Count));
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            if (!readiness.IsReady)
            {
                continue;
            }

            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (DatabaseFailure.IsOutage(e))
            {
                LogFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counting the paper scan queue failed; the gauge keeps its last value until the next count")]
    private partial void LogFailed(Exception exception);
}
