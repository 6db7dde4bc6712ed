using Microsoft.Extensions.Options;
using OwnersVote.Web.Cluster;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Features.Paper;
using OwnersVote.Web.Ledger;

namespace OwnersVote.Web.Projections;

/// <summary>
/// Before the server listens: creates the projection schema, opens the log and replays into the
/// tables whatever they lack (an empty store is rebuilt from the log), then, when
/// <c>Demo:Seed</c> is true, seeds the demo compound into an empty log. Paper review items a stop
/// left half-recorded are settled from the log (<see cref="RecordingReconciliation"/>).
/// </summary>
public sealed partial class ProjectionStartup(
    IServiceScopeFactory scopes,
    EventLog log,
    ProjectionReadiness readiness,
    IOptions<DemoOptions> demo,
    IOptions<ClusterOptions> cluster,
    ILogger<ProjectionStartup> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        bool created = await db.Database.EnsureCreatedAsync(cancellationToken);
        LogSchema(logger, db.Database.ProviderName, created);
        await ProjectionSchema.EnsureIndexesAsync(db, cancellationToken);
        await SqliteJournal.UseWriteAheadLogAsync(db, cancellationToken);
        await log.OpenAsync(cancellationToken);
        // Issue 5: an approval's append without its row update. In a cluster another node may be
        // between its claim and its append right now, so only what the log holds is settled there.
        ReconciledScans reconciled = await RecordingReconciliation.RunAsync(db, returnUnlogged: !cluster.Value.Enabled, cancellationToken);
        if (reconciled.Recorded + reconciled.Returned > 0)
        {
            LogReconciled(logger, reconciled.Recorded, reconciled.Returned);
        }

        if (demo.Value.Seed)
        {
            DemoSeeder seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
            DemoSeedOutcome outcome = await seeder.SeedAsync(cancellationToken);
            LogDemo(logger, outcome.CompoundId, outcome.Seeded, outcome.Entries);
            // DESIGN.md §3: a second compound, so compound A's owners can be shown to see nothing of B's.
            SecondDemoCompound second = scope.ServiceProvider.GetRequiredService<SecondDemoCompound>();
            if (demo.Value.SecondCompound)
            {
                await second.SeedAsync(cancellationToken);
            }

            if (demo.Value.PrintAccounts)
            {
                Console.Out.Write(DemoAccounts.Banner([.. seeder.Accounts, .. (demo.Value.SecondCompound ? second.Accounts : [])], demo.Value.PublicUrl));
            }

            // Load and crash tests only (Demo:Synthetic:Owners, default 0).
            await scope.ServiceProvider.GetRequiredService<SyntheticCompounds>().SeedAsync(cancellationToken);
        }

        readiness.MarkReady();
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Projection store ready ({Provider}); schema created now: {Created}")]
    private static partial void LogSchema(ILogger logger, string? provider, bool created);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Paper review items left recording by a stop: {Recorded} found in the log and marked recorded, {Returned} returned to approval")]
    private static partial void LogReconciled(ILogger logger, int recorded, int returned);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo compound {CompoundId}: seeded now: {Seeded} ({Entries} log entries)")]
    private static partial void LogDemo(ILogger logger, string compoundId, bool seeded, int entries);
}
