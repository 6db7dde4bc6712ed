using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace OwnersVote.Web.Data;

/// <summary>
/// Indexes added to the projection schema after databases were created with it.
/// <c>EnsureCreated</c> builds a new database whole but leaves an existing one as it is, so each
/// is created here when missing; the queries work without it, only slower.
/// </summary>
public static class ProjectionSchema
{
    /// <summary>The partial index of counted ballots, one row per (vote, principal) that has voted.</summary>
    public const string CountedBallotsIndex = "IX_ballots_Counted";

    // The same statement on SQLite and PostgreSQL, and the definition EnsureCreated gives a new
    // database (OwnersVoteDb: HasIndex(…, CountedBallotsIndex).HasFilter("\"Counts\"")).
    private const string CreateCountedBallotsIndex =
        "CREATE INDEX IF NOT EXISTS \"" + CountedBallotsIndex + "\" ON \"ballots\" (\"MatterId\", \"OwnerId\") WHERE \"Counts\";";

    /// <summary>Creates the indexes an older database lacks. Safe to run on every start, by several nodes at once.</summary>
    public static async Task EnsureIndexesAsync(OwnersVoteDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        try
        {
            await db.Database.ExecuteSqlRawAsync(CreateCountedBallotsIndex, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
        {
            // Another node of the cluster created it at the same moment: PostgreSQL does not promise
            // that IF NOT EXISTS holds between concurrent creators (its catalog's unique index may
            // refuse the second). Eight at once never raised it in ProjectionSchemaTests.
        }
    }
}
