using Microsoft.Extensions.Options;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Enrolment;
using OwnersVote.Web.Projections;

namespace OwnersVote.Web.Features.Privacy;

/// <summary>
/// Runs <see cref="RetentionSweep"/> every <see cref="RetentionOptions.Interval"/>, each run bounded
/// by <see cref="RetentionOptions.BatchLimit"/> per kind and <see cref="RetentionOptions.Timeout"/>;
/// what a run leaves, the next one continues. A failed run (database or disk) is logged and retried
/// at the next interval: retention is not worth stopping the voting for.
/// </summary>
public sealed partial class RetentionService(IServiceScopeFactory scopes, ProjectionReadiness readiness, IOptions<PrivacyOptions> options, TimeProvider time, ILogger<RetentionService> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        RetentionOptions retention = options.Value.Retention;
        using var timer = new PeriodicTimer(retention.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!readiness.IsReady)
            {
                continue;
            }

            using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            run.CancelAfter(retention.Timeout);
            try
            {
                await using AsyncServiceScope scope = scopes.CreateAsyncScope();
                RetentionOutcome outcome = await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(run.Token);
                LogSwept(outcome.Notices, outcome.Invitations, outcome.Scans);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                LogTimedOut(retention.Timeout);
            }
            catch (Exception e) when (DatabaseFailure.IsOutage(e) || e is IOException or UnauthorizedAccessException or NotifierException)
            {
                LogFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention removed {Notices} notices, {Invitations} invitations and {Scans} scans")]
    private partial void LogSwept(int notices, int invitations, int scans);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention stopped after {Timeout}; the next run continues")]
    private partial void LogTimedOut(TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention failed; it is retried at the next interval")]
    private partial void LogFailed(Exception exception);
}
