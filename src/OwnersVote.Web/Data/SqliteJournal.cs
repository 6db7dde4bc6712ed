using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OwnersVote.Web.Data;

/// <summary>
/// The embedded database's write-ahead log. In WAL mode a commit is one append and one fsync of
/// <c>ownersvote.db-wal</c> (synchronous FULL, SQLite's default: as durable as the rollback
/// journal, which created, synced and deleted a journal file per transaction), and readers do not
/// block the projector's writes (sqlite.org/wal.html).
/// </summary>
public static class SqliteJournal
{
    /// <summary>
    /// Puts the database in WAL mode. The mode is stored in the file, so this runs once per start
    /// and after every re-creation (<c>ov rebuild</c>); other providers are left alone.
    /// </summary>
    public static async Task UseWriteAheadLogAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>
    /// Deletes <c>-wal</c> and <c>-shm</c> files left beside a database file that is gone (someone
    /// deleted <c>ownersvote.db</c> to rebuild it from the log, as README.md says): SQLite would
    /// otherwise replay another database's pages into the new file.
    /// </summary>
    public static void ForgetOrphans(string databasePath)
    {
        ArgumentNullException.ThrowIfNull(databasePath);
        if (File.Exists(databasePath))
        {
            return;
        }

        File.Delete(databasePath + "-wal");
        File.Delete(databasePath + "-shm");
    }
}

/// <summary>
/// Keeps SQLite's temporary tables in memory on every connection: <c>IN</c> lists over
/// <c>json_each</c> and sorts without an index otherwise create, write and delete a file under
/// <c>/var/tmp</c> per statement (PRAGMA temp_store is per connection, sqlite.org/pragma.html#pragma_temp_store).
/// </summary>
public sealed class SqliteTempStoreInterceptor : DbConnectionInterceptor
{
    /// <summary>The pragma every connection runs at its open.</summary>
    public const string Pragma = "PRAGMA temp_store=MEMORY;";

    /// <inheritdoc />
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using DbCommand command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        DbCommand command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragma;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
