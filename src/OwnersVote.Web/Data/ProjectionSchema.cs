using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OwnersVote.Web.Projections;

namespace OwnersVote.Web.Data;

/// <summary>
/// Indexes added to the projection schema after databases were created with it.
/// <c>EnsureCreated</c> builds a new database whole but leaves an existing one as it is, so each
/// is created here when missing; the queries work without it, only slower.
/// </summary>
public static class ProjectionSchema
{
    /// <summary>
    /// The unique partial index of counted ballots: one row per (vote, principal) that has voted,
    /// and the database refuses a second. DESIGN.md "Ballot signing": of a principal's ballots
    /// exactly one counts, so a projection that would count two is refused by the table, not only
    /// by the projector's own rule.
    /// </summary>
    public const string CountedBallotsIndex = "UX_ballots_Counted";

    /// <summary>
    /// The same index as databases made before 28 November 2026 have it, not unique: replaced by
    /// <see cref="CountedBallotsIndex"/> at start.
    /// </summary>
    public const string FormerCountedBallotsIndex = "IX_ballots_Counted";

    // The same statements on SQLite and PostgreSQL, and the definition EnsureCreated gives a new
    // database (OwnersVoteDb: HasIndex(…, CountedBallotsIndex).IsUnique().HasFilter("\"Counts\"")).
    private const string CreateCountedBallotsIndex =
        "CREATE UNIQUE INDEX IF NOT EXISTS \"" + CountedBallotsIndex + "\" ON \"ballots\" (\"MatterId\", \"OwnerId\") WHERE \"Counts\";";

    private const string DropFormerCountedBallotsIndex = "DROP INDEX IF EXISTS \"" + FormerCountedBallotsIndex + "\";";

    /// <summary>
    /// Creates the indexes an older database lacks, then drops the one they replace. Safe to run on
    /// every start, by several nodes at once.
    /// </summary>
    /// <exception cref="ProjectionException">The tables count two ballots of one principal in one vote: they do not follow the log, and must be rebuilt from it.</exception>
    public static async Task EnsureIndexesAsync(OwnersVoteDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        try
        {
            await db.Database.ExecuteSqlRawAsync(CreateCountedBallotsIndex, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable && e.ConstraintName != CountedBallotsIndex)
        {
            // Another node of the cluster created it at the same moment: PostgreSQL does not promise
            // that IF NOT EXISTS holds between concurrent creators (its catalog's unique index may
            // refuse the second). Eight at once never raised it in ProjectionSchemaTests.
        }
        catch (Exception e) when (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } or SqliteException { SqliteErrorCode: 19 })
        {
            // SQLITE_CONSTRAINT (19), or PostgreSQL's unique violation on the index being built: two
            // rows count for one principal in one vote. Nothing was changed; the former index stays.
            throw new ProjectionException(
                "The ballots table counts two ballots of one principal in one vote, so it does not follow the log. "
                + "Rebuild the projections from the log (ov rebuild; on SQLite, delete the database file and start again).",
                e);
        }

        await db.Database.ExecuteSqlRawAsync(DropFormerCountedBallotsIndex, cancellationToken);
    }
}
