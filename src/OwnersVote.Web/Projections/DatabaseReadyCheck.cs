using Microsoft.Extensions.Diagnostics.HealthChecks;
using OwnersVote.Web.Data;

namespace OwnersVote.Web.Projections;

/// <summary>Ready when the projection store was built at startup and still answers.</summary>
public sealed class DatabaseReadyCheck(ProjectionReadiness readiness, OwnersVoteDb db) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!readiness.IsReady)
        {
            return HealthCheckResult.Unhealthy("projections are not built yet");
        }

        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("the projection database does not answer");
    }
}
