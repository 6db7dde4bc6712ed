using Microsoft.Extensions.Diagnostics.HealthChecks;
using OwnersVote.Ledger;
using OwnersVote.Web.Ledger;
using OwnersVote.Web.Projections;

namespace OwnersVote.Web.Cluster;

/// <summary>
/// Part of <c>/readyz</c>: the log's checkpoint reads back and verifies with the log key, and the
/// sequencer is known — in process for a single node; for a cluster node, a sequencer has published
/// the shared state and this node hears from the database.
/// </summary>
public sealed class LogReadyCheck(ProjectionReadiness readiness, EventLog log, IServiceProvider services) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!readiness.IsReady)
        {
            return HealthCheckResult.Unhealthy("the log is not open yet");
        }

        byte[]? stored = await log.Store.ReadAsync(LogAuditor.CheckpointPath, cancellationToken);
        if (stored is null)
        {
            return HealthCheckResult.Unhealthy("the log directory has no checkpoint");
        }

        try
        {
            _ = Checkpoint.Open(stored, log.Verifier);
        }
        catch (Exception e) when (e is FormatException or NoteVerificationException)
        {
            return HealthCheckResult.Unhealthy($"the stored checkpoint does not verify: {e.Message}");
        }

        if (services.GetService<ClusterNode>() is { } node)
        {
            return node.IsConnected
                ? HealthCheckResult.Healthy($"sequencer {node.State!.Sequencer}")
                : HealthCheckResult.Unhealthy("no sequencer known, or the database is not answering");
        }

        return HealthCheckResult.Healthy("sequencer in process");
    }
}
