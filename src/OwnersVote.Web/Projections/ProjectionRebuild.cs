using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Ledger;

namespace OwnersVote.Web.Projections;

/// <summary>Where the tables and the log are, as the server is configured (<c>Database:Provider</c>, <c>ConnectionStrings:Default</c>, <c>Log:*</c>).</summary>
/// <param name="Provider">SQLite or PostgreSQL.</param>
/// <param name="ConnectionString">The projection store.</param>
/// <param name="LogDirectory">The log's directory.</param>
/// <param name="LogKeyFile">The log's signer key file (it must exist: a rebuild never makes a new log).</param>
public sealed record ProjectionRebuildOptions(DatabaseProvider Provider, string ConnectionString, string LogDirectory, string LogKeyFile);

/// <summary>What a rebuild did.</summary>
/// <param name="Entries">Log entries replayed.</param>
/// <param name="Votes">Votes in the rebuilt tables.</param>
/// <param name="Ballots">Ballots in the rebuilt tables.</param>
/// <param name="Invitations">Invitations kept (they are secrets, not log entries).</param>
public sealed record ProjectionRebuildOutcome(long Entries, int Votes, int Ballots, int Invitations);

/// <summary>
/// <c>ov rebuild</c> (DESIGN.md §2: "tables are rebuildable projections"): drops the projection
/// tables, recreates them, audits the whole log with its key and replays every entry through the
/// same <see cref="Projector"/> the server uses. Invitations and the paper review queue, the
/// tables that are not derived from the log, are carried over. Run it with the server stopped:
/// the log allows one writer.
/// </summary>
public static class ProjectionRebuild
{
    /// <summary>Rebuilds the tables from the log.</summary>
    /// <exception cref="FileNotFoundException">The log key file is missing.</exception>
    /// <exception cref="OwnersVote.Ledger.LogVerificationException">The log does not verify; the tables are left empty.</exception>
    public static async Task<ProjectionRebuildOutcome> RunAsync(ProjectionRebuildOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(options.LogKeyFile))
        {
            throw new FileNotFoundException($"{options.LogKeyFile}: no log key; a rebuild replays an existing log and never makes a new one.", options.LogKeyFile);
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<OwnersVoteDb>(o => _ = options.Provider == DatabaseProvider.Postgres
            ? o.UseNpgsql(options.ConnectionString)
            : o.UseSqlite(options.ConnectionString).AddInterceptors(new SqliteTempStoreInterceptor()));
        services.AddScoped<Projector>();
        services.AddSingleton<IOptions<LogOptions>>(Options.Create(new LogOptions { Directory = options.LogDirectory, KeyFile = options.LogKeyFile }));
        services.AddSingleton<IHostEnvironment>(new RebuildEnvironment());
        // A rebuild only replays the log: no witness is asked (none configured, no demo).
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IOptions<WitnessesOptions>>(Options.Create(new WitnessesOptions()));
        services.AddSingleton<IOptions<DemoOptions>>(Options.Create(new DemoOptions()));
        services.AddSingleton<LogWitnesses>();
        services.AddSingleton<EventLog>();
        await using ServiceProvider provider = services.BuildServiceProvider();

        List<InvitationRow> invitations;
        List<NoticeReadRow> reads;
        await using (AsyncServiceScope scope = provider.CreateAsyncScope())
        {
            OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
            invitations = await ReadInvitationsAsync(db, cancellationToken);
            // Neither the paper review queue (uploads are not events) nor the editable roll and its
            // letters (issue 6) are derived from the log: they are carried over.
            List<PaperScanRow> scans = await ReadKeptAsync(db.PaperScans, cancellationToken);
            // Read receipts are not log entries either (reading a notice changes no outcome).
            reads = await ReadKeptAsync(db.NoticeReads, cancellationToken);
            var roll = new KeptRoll(
                await ReadKeptAsync(db.RollOwners, cancellationToken),
                await ReadKeptAsync(db.RollUnits, cancellationToken),
                await ReadKeptAsync(db.RollCoOwners, cancellationToken),
                await ReadKeptAsync(db.RollTransfers, cancellationToken),
                await ReadKeptAsync(db.RollHistory, cancellationToken),
                await ReadKeptAsync(db.LetterBatches, cancellationToken),
                await ReadKeptAsync(db.InvitationLetters, cancellationToken));
            await db.Database.EnsureDeletedAsync(cancellationToken);
            await db.Database.EnsureCreatedAsync(cancellationToken);
            await SqliteJournal.UseWriteAheadLogAsync(db, cancellationToken);
            db.Invitations.AddRange(invitations);
            db.PaperScans.AddRange(scans);
            db.NoticeReads.AddRange(reads);
            db.RollOwners.AddRange(roll.Owners);
            db.RollUnits.AddRange(roll.Units);
            db.RollCoOwners.AddRange(roll.CoOwners);
            db.RollTransfers.AddRange(roll.Transfers);
            db.RollHistory.AddRange(roll.History);
            db.LetterBatches.AddRange(roll.Batches);
            db.InvitationLetters.AddRange(roll.Letters);
            await db.SaveChangesAsync(cancellationToken);
        }

        EventLog log = provider.GetRequiredService<EventLog>();
        // Opening audits the log against its key and replays every entry into the empty tables.
        await log.OpenAsync(cancellationToken);
        await using (AsyncServiceScope scope = provider.CreateAsyncScope())
        {
            OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
            return new ProjectionRebuildOutcome(
                log.TreeSize,
                await db.Matters.CountAsync(cancellationToken),
                await db.Ballots.CountAsync(cancellationToken),
                invitations.Count);
        }
    }

    // The table may not exist yet (a fresh or foreign database): then there is nothing to keep.
    private static Task<List<InvitationRow>> ReadInvitationsAsync(OwnersVoteDb db, CancellationToken cancellationToken) =>
        ReadKeptAsync(db.Invitations, cancellationToken);

    private static async Task<List<T>> ReadKeptAsync<T>(DbSet<T> table, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await table.AsNoTracking().ToListAsync(cancellationToken);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Npgsql.PostgresException)
        {
            // A database made before the table existed: nothing to keep.
            return [];
        }
    }

    private sealed record KeptRoll(
        List<RollOwnerRow> Owners,
        List<RollUnitRow> Units,
        List<RollCoOwnerRow> CoOwners,
        List<RollTransferRow> Transfers,
        List<RollHistoryRow> History,
        List<LetterBatchRow> Batches,
        List<InvitationLetterRow> Letters);

    private sealed class RebuildEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;

        public string ApplicationName { get; set; } = "OwnersVote";

        public string ContentRootPath { get; set; } = Environment.CurrentDirectory;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } =
            new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
