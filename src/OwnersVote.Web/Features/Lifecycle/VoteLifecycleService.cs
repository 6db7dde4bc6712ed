using Microsoft.Extensions.Options;
using OwnersVote.Web.Data;
using OwnersVote.Web.Projections;

namespace OwnersVote.Web.Features.Lifecycle;

/// <summary>
/// Opens and closes votes at their published times and sends the configured reminders (issue 7
/// parts 1 and 3), every <see cref="LifecycleOptions.TickInterval"/> on the app's
/// <see cref="TimeProvider"/>. Each tick is bounded (<see cref="LifecycleOptions.TickTimeout"/>,
/// <see cref="LifecycleOptions.MaxRemindersPerTick"/>); a failed tick (the database away, the
/// notifier or the log failing) is logged and retried on the next; it never stops the server.
/// </summary>
public sealed partial class VoteLifecycleService(
    IServiceScopeFactory scopes,
    ProjectionReadiness readiness,
    IOptions<LifecycleOptions> options,
    TimeProvider time,
    ILogger<VoteLifecycleService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LifecycleOptions settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (readiness.IsReady)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(settings.TickTimeout);
                try
                {
                    await using AsyncServiceScope scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<VoteLifecycle>().TickAsync(settings.MaxRemindersPerTick, timeout.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    LogTimedOut(logger, settings.TickTimeout);
                }
                // A database outage must not end the service, which would stop the whole host.
                catch (Exception e) when (DatabaseFailure.IsOutage(e) || e is Enrolment.NotifierException or OwnersVote.Ledger.LogStorageException or ProjectionException or Microsoft.EntityFrameworkCore.DbUpdateException)
                {
                    LogFailed(logger, e);
                }
            }

            try
            {
                await Task.Delay(settings.TickInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A vote lifecycle tick took longer than {Timeout}; retrying on the next")]
    private static partial void LogTimedOut(ILogger logger, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Error, Message = "A vote lifecycle tick failed; retrying on the next")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
