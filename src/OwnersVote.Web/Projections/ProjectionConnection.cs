using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using OwnersVote.Web.Data;

namespace OwnersVote.Web.Projections;

/// <summary>
/// The projector thread's own connection to the embedded SQLite database, open for the log's
/// lifetime, with the statements of an online ballot run prepared once (issue 10).
/// </summary>
/// <remarks>
/// Measured under load, the projector thread spent ~190 µs of CPU per ballot, half of it in
/// SQLite and the kernel: Microsoft.Data.Sqlite prepares every statement of every command anew
/// (SQL parsed and compiled per ballot row), a pooled connection ran its pragmas at every open, and
/// each run began on a handle whose page cache another run had left behind. Here the connection
/// stays open, so the page cache stays warm and the few statements an online ballot run reads
/// (the credentials, known ballot ids and counted ballots of the run) and writes (its rows, the
/// rows they supersede, the credentials' counters, the applied size) are compiled once. A run of
/// owners' own online ballots goes through these statements alone (Projector.OnlineRun); in any
/// other run, what EF Core tracked is saved through them when it is only what online ballots
/// change (<see cref="TrySave"/>), and by EF Core otherwise.
/// Used by one thread at a time: EventLog's projector, under its gate.
/// </remarks>
public sealed class ProjectionConnection : IDisposable
{
    private SqliteConnection? _connection;
    private string? _connectionString;
    private SqliteCommand? _insertBallot;
    private SqliteCommand? _updateCounts;
    private SqliteCommand? _updateSignCount;
    private SqliteCommand? _updateApplied;
    private SqliteCommand? _readApplied;
    private SqliteCommand? _readCredentials;
    private SqliteCommand? _readKnown;
    private SqliteCommand? _readCounted;
    private bool _disposed;

    /// <summary>The open connection to <paramref name="connectionString"/>, opened now if it is not.</summary>
    /// <exception cref="ObjectDisposedException">The log closed.</exception>
    public SqliteConnection Open(string connectionString)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_connection is { State: System.Data.ConnectionState.Open } open && _connectionString == connectionString)
        {
            return open;
        }

        Close();
        // Not pooled: its handle commits at synchronous=NORMAL, and a pooled handle keeps its
        // pragmas, so once closed it would hand NORMAL to the next writer of tables the log does
        // not hold (invitations, the paper review queue), which must commit at FULL.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        connection.Open();
        using (SqliteCommand pragmas = connection.CreateCommand())
        {
            // As SqliteTempStoreInterceptor does for every other connection. And a projection
            // commit need not wait for its own fsync (Projector.RelaxCommitAsync says why); only
            // this connection writes projections, so it stays at NORMAL.
            // Issue 10, measured on this thread under load: with SQLite's default 2 MiB page cache
            // the ballot indexes (random keys: ballot ids, owners) did not fit, and 8% of its time
            // went to re-reading pages; with the default checkpoint every 1,000 WAL pages, 10% went
            // to checkpoints that copied the same index pages again and again. 64 MiB keeps them
            // in memory (one connection, so 64 MiB at most), and a checkpoint every 8,192 pages
            // (32 MiB of WAL) copies each page once per many commits: 8% and 10% became 0% and 4%,
            // and the thread's reads fell from 8 calls and 33 KB per ballot to 1 call and 4 KB.
            // Its CPU per ballot did not fall with them: those reads came from the kernel's page
            // cache, and a larger cache costs more per lookup (docs/benchmarks.md).
            pragmas.CommandText = SqliteTempStoreInterceptor.Pragma + " PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=8192;";
            pragmas.ExecuteNonQuery();
        }

        _connection = connection;
        _connectionString = connectionString;
        return connection;
    }

    /// <summary>Closes the connection after a failed run: the next run opens a fresh one.</summary>
    public void Close()
    {
        _insertBallot?.Dispose();
        _updateCounts?.Dispose();
        _updateSignCount?.Dispose();
        _updateApplied?.Dispose();
        _readApplied?.Dispose();
        _readCredentials?.Dispose();
        _readKnown?.Dispose();
        _readCounted?.Dispose();
        _insertBallot = _updateCounts = _updateSignCount = _updateApplied = null;
        _readApplied = _readCredentials = _readKnown = _readCounted = null;
        _connection?.Dispose();
        _connection = null;
        _connectionString = null;
    }

    /// <summary>
    /// Saves the tracked changes with the prepared statements when they are only what an online
    /// ballot run changes: ballot rows added, a ballot row's <see cref="BallotRow.Counts"/>, a
    /// credential's <see cref="CredentialRow.SignCount"/> and the applied size. Returns false, and
    /// writes nothing, for anything else (the caller saves with EF Core then).
    /// </summary>
    public bool TrySave(ChangeTracker tracker, SqliteTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(transaction);
        List<EntityEntry> changed = [.. tracker.Entries().Where(e => e.State is not (Microsoft.EntityFrameworkCore.EntityState.Unchanged or Microsoft.EntityFrameworkCore.EntityState.Detached))];
        if (!changed.TrueForAll(IsOnlineBallotChange))
        {
            return false;
        }

        // Rows that stop counting first: the unique index of counted ballots
        // (ProjectionSchema.CountedBallotsIndex) refuses a principal's new counted ballot while the
        // one it replaces still counts.
        foreach (EntityEntry entry in changed.OrderBy(e => e is { Entity: BallotRow { Counts: false }, State: Microsoft.EntityFrameworkCore.EntityState.Modified } ? 0 : 1))
        {
            switch (entry.Entity)
            {
                case BallotRow row when entry.State == Microsoft.EntityFrameworkCore.EntityState.Added:
                    Insert(row, transaction);
                    break;
                case BallotRow row:
                    SetCounts(row.LogIndex, row.Counts, transaction);
                    break;
                case CredentialRow credential:
                    SetSignCount(credential.Id, credential.SignCount, transaction);
                    break;
                case ProjectionStateRow state:
                    SetAppliedSize(state.AppliedSize, transaction);
                    break;
            }
        }

        tracker.AcceptAllChanges();
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        Close();
    }

    private static bool IsOnlineBallotChange(EntityEntry entry) => (entry.Entity, entry.State) switch
    {
        (BallotRow, Microsoft.EntityFrameworkCore.EntityState.Added) => true,
        (BallotRow, Microsoft.EntityFrameworkCore.EntityState.Modified) => OnlyModified(entry, nameof(BallotRow.Counts)),
        (CredentialRow, Microsoft.EntityFrameworkCore.EntityState.Modified) => OnlyModified(entry, nameof(CredentialRow.SignCount)),
        (ProjectionStateRow, Microsoft.EntityFrameworkCore.EntityState.Modified) => OnlyModified(entry, nameof(ProjectionStateRow.AppliedSize)),
        _ => false,
    };

    private static bool OnlyModified(EntityEntry entry, string property) =>
        entry.Properties.All(p => !p.IsModified || p.Metadata.Name == property);

    /// <summary>The applied size the tables hold, or null before the first run saved one.</summary>
    public long? ReadAppliedSize(SqliteTransaction transaction)
    {
        _readApplied ??= Command("SELECT \"AppliedSize\" FROM \"projection_state\" WHERE \"Id\" = @id;", "@id");
        Bind(_readApplied, transaction, ProjectionStateRow.SingletonId);
        return _readApplied.ExecuteScalar() is long size ? size : null;
    }

    /// <summary>The credentials with these ids, as the table holds them (new rows, not tracked by EF Core).</summary>
    public Dictionary<string, CredentialRow> ReadCredentials(IReadOnlyCollection<string> ids, SqliteTransaction transaction)
    {
        _readCredentials ??= Command(
            "SELECT \"Id\", \"CompoundId\", \"OwnerHash\", \"PublicKey\", \"EnrolledAt\", \"ActiveFrom\", \"RevokedAt\", \"Kind\", \"SignCount\" FROM \"credentials\" "
            + "WHERE \"Id\" IN (SELECT \"value\" FROM json_each(@ids));",
            "@ids");
        Bind(_readCredentials, transaction, JsonList(ids));
        var credentials = new Dictionary<string, CredentialRow>(StringComparer.Ordinal);
        using SqliteDataReader reader = _readCredentials.ExecuteReader();
        while (reader.Read())
        {
            var credential = new CredentialRow
            {
                Id = reader.GetString(0),
                CompoundId = reader.GetString(1),
                OwnerHash = reader.GetString(2),
                PublicKey = (byte[])reader.GetValue(3),
                EnrolledAt = reader.IsDBNull(4) ? null : reader.GetDateTimeOffset(4),
                ActiveFrom = reader.GetDateTimeOffset(5),
                RevokedAt = reader.IsDBNull(6) ? null : reader.GetDateTimeOffset(6),
                Kind = reader.GetString(7),
                SignCount = reader.GetInt64(8),
            };
            credentials[credential.Id] = credential;
        }

        return credentials;
    }

    /// <summary>The (matter, ballot id) pairs of the ballot rows with these ids.</summary>
    public List<(string Matter, string Ballot)> ReadKnownBallots(IReadOnlyCollection<string> ballotIds, SqliteTransaction transaction)
    {
        _readKnown ??= Command(
            "SELECT \"MatterId\", \"BallotId\" FROM \"ballots\" WHERE \"BallotId\" IN (SELECT \"value\" FROM json_each(@ids));",
            "@ids");
        Bind(_readKnown, transaction, JsonList(ballotIds));
        List<(string, string)> known = [];
        using SqliteDataReader reader = _readKnown.ExecuteReader();
        while (reader.Read())
        {
            known.Add((reader.GetString(0), reader.GetString(1)));
        }

        return known;
    }

    /// <summary>
    /// The lookup of <see cref="ReadCountedBallots"/>: both columns, through the partial index of
    /// counted ballots by name. Left to choose, SQLite (no statistics) weighs the two (matter, owner)
    /// indexes alike and takes the one it lists first: on a database EF Core created, the full one,
    /// which made it read the table row of every earlier ballot of each principal to test "Counts":
    /// measured over a 60 s load, the projector's CPU per ballot doubled (67 to 147 µs) as owners
    /// changed their minds. The index exists wherever this runs (ProjectionSchema creates it at start);
    /// being unique now, SQLite would also choose it unasked.
    /// </summary>
    public const string ReadCountedSql = "SELECT \"MatterId\", \"OwnerId\", \"LogIndex\", \"Channel\"" + CountedFromSql + ";";

    /// <summary>
    /// The same lookup for EF Core's general path (Projector's preload), whole rows: parameters
    /// <c>@votes</c> and <c>@principals</c>, each a JSON list.
    /// </summary>
    public const string CountedRowsSql = "SELECT *" + CountedFromSql;

    private const string CountedFromSql =
        " FROM \"ballots\" INDEXED BY \"" + ProjectionSchema.CountedBallotsIndex + "\" "
        + "WHERE \"MatterId\" IN (SELECT \"value\" FROM json_each(@votes)) AND \"OwnerId\" IN (SELECT \"value\" FROM json_each(@principals)) AND \"Counts\"";

    /// <summary>
    /// The ballots that count now of these principals in these votes (every pair of the two lists;
    /// the caller keeps the pairs it asked for): their log index and channel.
    /// </summary>
    public List<(string Matter, string Principal, long LogIndex, string Channel)> ReadCountedBallots(IReadOnlyCollection<string> votes, IReadOnlyCollection<string> principals, SqliteTransaction transaction)
    {
        _readCounted ??= Command(ReadCountedSql, "@votes", "@principals");
        Bind(_readCounted, transaction, JsonList(votes), JsonList(principals));
        List<(string, string, long, string)> counted = [];
        using SqliteDataReader reader = _readCounted.ExecuteReader();
        while (reader.Read())
        {
            counted.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3)));
        }

        return counted;
    }

    /// <summary>Sets whether the ballot row at <paramref name="logIndex"/> counts.</summary>
    public void SetCounts(long logIndex, bool counts, SqliteTransaction transaction) =>
        Execute(_updateCounts ??= Command("UPDATE \"ballots\" SET \"Counts\" = @counts WHERE \"LogIndex\" = @logIndex;", "@counts", "@logIndex"), transaction, counts, logIndex);

    /// <summary>Stores a credential's last accepted signature counter (WebAuthn §7.2 step 22).</summary>
    public void SetSignCount(string id, long signCount, SqliteTransaction transaction) =>
        Execute(_updateSignCount ??= Command("UPDATE \"credentials\" SET \"SignCount\" = @signCount WHERE \"Id\" = @id;", "@signCount", "@id"), transaction, signCount, id);

    /// <summary>Stores the applied size (its row exists: <see cref="ReadAppliedSize"/> returned it).</summary>
    public void SetAppliedSize(long appliedSize, SqliteTransaction transaction) =>
        Execute(_updateApplied ??= Command("UPDATE \"projection_state\" SET \"AppliedSize\" = @appliedSize WHERE \"Id\" = @id;", "@appliedSize", "@id"), transaction, appliedSize, ProjectionStateRow.SingletonId);

    /// <summary>Inserts a new ballot row, every column as EF Core would write it.</summary>
    public void Insert(BallotRow row, SqliteTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(row);
        _insertBallot ??= Command(
            "INSERT INTO \"ballots\" (\"LogIndex\", \"BallotId\", \"MatterId\", \"OwnerId\", \"Choice\", \"Answers\", \"Channel\", \"CastAt\", \"Rejection\", \"Superseded\", \"Counts\", \"Proxy\", \"Scan\", \"Handwriting\") "
            + "VALUES (@logIndex, @ballotId, @matterId, @ownerId, @choice, @answers, @channel, @castAt, @rejection, @superseded, @counts, @proxy, @scan, @handwriting);",
            "@logIndex", "@ballotId", "@matterId", "@ownerId", "@choice", "@answers", "@channel", "@castAt", "@rejection", "@superseded", "@counts", "@proxy", "@scan", "@handwriting");
        Execute(_insertBallot, transaction, row.LogIndex, row.BallotId, row.MatterId, row.OwnerId, row.Choice, row.Answers, row.Channel, row.CastAt, row.Rejection, row.Superseded, row.Counts, row.Proxy, row.Scan, row.Handwriting);
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        SqliteConnection connection = _connection ?? throw new InvalidOperationException("The projection connection is not open.");
        SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (string name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    // Values are bound as EF Core's SQLite provider binds them (Microsoft.Data.Sqlite's own
    // conversions: DateTimeOffset as its "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz" text, bool as 0 or 1).
    private static void Execute(SqliteCommand command, SqliteTransaction transaction, params object?[] values)
    {
        Bind(command, transaction, values);
        command.ExecuteNonQuery();
    }

    private static void Bind(SqliteCommand command, SqliteTransaction transaction, params object?[] values)
    {
        command.Transaction = transaction;
        for (int i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    // A list as one JSON array parameter, read by json_each: the statement's SQL stays the same
    // whatever the run's size, so it is compiled once.
    /// <summary>A list as the JSON array this connection's statements read with <c>json_each</c>.</summary>
    internal static string JsonList(IReadOnlyCollection<string> values) => System.Text.Json.JsonSerializer.Serialize(values);
}
