using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OwnersVote.Web.Cluster;
using OwnersVote.Web.Data;

namespace OwnersVote.Web.Hosting;

/// <summary>
/// Deployment concerns (docs/operations.md): several nodes on one PostgreSQL (<c>Cluster:*</c>),
/// OpenTelemetry export (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>), and the log's part of <c>/readyz</c>.
/// Program.cs calls <see cref="AddOwnersVoteOperations"/> after <c>AddOwnersVote</c>.
/// </summary>
public static class OperationsServices
{
    /// <summary>Registers the cluster node when <c>Cluster:Enabled</c>, telemetry export when configured, and the log readiness check.</summary>
    /// <exception cref="InvalidOperationException"><c>Cluster:Enabled</c> without <c>Database:Provider=Postgres</c>.</exception>
    public static void AddOwnersVoteOperations(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        IConfiguration configuration = builder.Configuration;
        services.AddHealthChecks().AddCheck<LogReadyCheck>("log", tags: ["ready"]);
        services.AddSingleton<ScanQueueMonitor>();
        services.AddHostedService(provider => provider.GetRequiredService<ScanQueueMonitor>());

        ClusterOptions cluster = configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
        if (cluster.Enabled)
        {
            AddCluster(services, configuration);
        }

        // Export only when a collector is named (the OpenTelemetry SDK's own variable): without
        // one, the instruments cost nothing and no spans are recorded.
        if (configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 })
        {
            services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService("ownersvote", serviceInstanceId: cluster.NodeName))
                .WithTracing(tracing => tracing.AddSource(OwnersVoteTelemetry.Name).AddAspNetCoreInstrumentation())
                .WithMetrics(metrics => metrics.AddMeter(OwnersVoteTelemetry.Name).AddAspNetCoreInstrumentation())
                .UseOtlpExporter();
        }
    }

    private static void AddCluster(IServiceCollection services, IConfiguration configuration)
    {
        string provider = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!string.Equals(provider, nameof(DatabaseProvider.Postgres), StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Cluster:Enabled needs Database:Provider=Postgres (the nodes share the queue and the projections), not '{provider}'.");
        }

        string connectionString = configuration.GetConnectionString("Default")
            ?? throw new InvalidOperationException("ConnectionStrings:Default is not set.");
        services.Configure<ClusterOptions>(configuration.GetSection(ClusterOptions.Section));
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<ClusterQueue>();
        services.AddSingleton<ClusterCeremonies>();
        services.AddSingleton<ClusterNode>();
        services.AddHostedService(provider => provider.GetRequiredService<ClusterNode>());

        // A cookie issued by one node must open on the others: unless a shared folder is named
        // (DataProtection:KeysPath), the key ring lives in PostgreSQL.
        if (configuration["DataProtection:KeysPath"] is not { Length: > 0 })
        {
            services.AddDbContext<ClusterKeysDb>(o => o.UseNpgsql(connectionString));
            services.AddDataProtection().SetApplicationName("OwnersVote").PersistKeysToDbContext<ClusterKeysDb>();
        }
    }
}
