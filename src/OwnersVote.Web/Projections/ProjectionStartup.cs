using Microsoft.Extensions.Options;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;

namespace OwnersVote.Web.Projections;

/// <summary>
/// Creates the projection schema before the server listens and, when <c>Demo:Seed</c> is true,
/// seeds the demo compound once (an empty store only).
/// </summary>
public sealed partial class ProjectionStartup(
    IServiceScopeFactory scopes,
    ProjectionReadiness readiness,
    IOptions<DemoOptions> demo,
    ILogger<ProjectionStartup> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        bool created = await db.Database.EnsureCreatedAsync(cancellationToken);
        LogSchema(logger, db.Database.ProviderName, created);

        if (demo.Value.Seed)
        {
            DemoSeeder seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
            DemoSeedOutcome outcome = await seeder.SeedAsync(cancellationToken);
            LogDemo(logger, outcome.Seeded, outcome.CompoundId);
            if (demo.Value.PrintAccounts)
            {
                Console.Out.Write(DemoAccounts.Banner(seeder.Accounts, demo.Value.PublicUrl));
            }
        }

        readiness.MarkReady();
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Projection store ready ({Provider}); schema created now: {Created}")]
    private static partial void LogSchema(ILogger logger, string? provider, bool created);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo compound {CompoundId}: seeded now: {Seeded}")]
    private static partial void LogDemo(ILogger logger, bool seeded, string compoundId);
}
