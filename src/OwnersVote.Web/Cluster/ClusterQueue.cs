using Npgsql;
using NpgsqlTypes;

namespace OwnersVote.Web.Cluster;

/// <summary>A queued entry as the sequencer reads it.</summary>
/// <param name="Id">Queue order (bigserial).</param>
/// <param name="Entry">The encoded event (EventCodec, RFC 8785).</param>
/// <param name="LeafHash">RFC 9162 §2.1.1 leaf hash of the entry: how recovery recognises it in the log.</param>
public sealed record QueuedEntry(long Id, byte[] Entry, byte[] LeafHash);

/// <summary>What became of a queued entry.</summary>
/// <param name="Ticket">The waiting node's ticket.</param>
/// <param name="Index">Its index in the log, or null when it was refused before being appended.</param>
/// <param name="Failure">Why it failed, or null. With an index: logged but not projected.</param>
public sealed record QueueOutcome(Guid Ticket, long? Index, string? Failure);

/// <summary>The deployment's shared sequencer state (one row).</summary>
/// <param name="ReconciledSize">The log size up to which every entry is matched to its queue row.</param>
/// <param name="Checkpoint">The newest checkpoint note with its witness cosignatures.</param>
/// <param name="CheckpointSize">Its tree size.</param>
/// <param name="Sequencer">The node that wrote it (the sequencer at the time).</param>
/// <param name="UpdatedAt">When.</param>
public sealed record ClusterState(long ReconciledSize, byte[] Checkpoint, long CheckpointSize, string Sequencer, DateTimeOffset UpdatedAt);

/// <summary>
/// The PostgreSQL side of the cluster (docs/operations.md "Several nodes"): the queue every node
/// writes entries to, the one-row shared state the sequencer publishes, and the advisory lock that
/// elects it. Plain SQL over Npgsql; notifications: <c>ov_queue</c> (an entry was queued) and
/// <c>ov_appended</c> (a batch was sequenced).
/// </summary>
public sealed class ClusterQueue(NpgsqlDataSource dataSource)
{
    /// <summary>Channel notified when entries are queued.</summary>
    public const string QueuedChannel = "ov_queue";

    /// <summary>Channel notified when entries were sequenced (payload: the new checkpoint size).</summary>
    public const string AppendedChannel = "ov_appended";

    /// <summary>Opens a connection of the shared data source.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>
    /// Creates the cluster tables if missing. Nodes starting together serialise on a transaction
    /// advisory lock (CREATE TABLE IF NOT EXISTS alone races on the catalog).
    /// </summary>
    public async Task EnsureSchemaAsync(long lockKey, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await OpenAsync(cancellationToken);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (NpgsqlCommand command = new("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            command.Parameters.AddWithValue("key", lockKey + 1);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (NpgsqlCommand command = new(
            """
            CREATE TABLE IF NOT EXISTS cluster_queue (
                id bigserial PRIMARY KEY,
                ticket uuid NOT NULL UNIQUE,
                entry bytea NOT NULL,
                leaf_hash bytea NOT NULL,
                node text NOT NULL,
                queued_at timestamptz NOT NULL DEFAULT now(),
                log_index bigint UNIQUE,
                failure text,
                done_at timestamptz);
            -- A caller's entries queued together share a group (its first ticket): the sequencer
            -- takes a group whole into one batch, so the log holds all of it or none.
            ALTER TABLE cluster_queue ADD COLUMN IF NOT EXISTS grp uuid;
            CREATE INDEX IF NOT EXISTS cluster_queue_pending ON cluster_queue (id) WHERE log_index IS NULL AND failure IS NULL;
            CREATE INDEX IF NOT EXISTS cluster_queue_group ON cluster_queue (grp) WHERE grp IS NOT NULL AND log_index IS NULL AND failure IS NULL;
            CREATE INDEX IF NOT EXISTS cluster_queue_done ON cluster_queue (done_at) WHERE done_at IS NOT NULL;
            CREATE TABLE IF NOT EXISTS cluster_state (
                id int PRIMARY KEY CHECK (id = 1),
                reconciled_size bigint NOT NULL,
                checkpoint bytea NOT NULL,
                checkpoint_size bigint NOT NULL,
                sequencer text NOT NULL,
                updated_at timestamptz NOT NULL);
            CREATE TABLE IF NOT EXISTS data_protection_keys (
                id serial PRIMARY KEY,
                friendly_name text,
                xml text);
            CREATE TABLE IF NOT EXISTS cluster_ceremonies (
                handle text PRIMARY KEY,
                kind text NOT NULL,
                owner_hash text,
                payload bytea NOT NULL,
                expires_at timestamptz NOT NULL);
            CREATE INDEX IF NOT EXISTS cluster_ceremonies_expiry ON cluster_ceremonies (expires_at);
            """, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Tries the sequencer's session-level advisory lock on <paramref name="connection"/> (held until it closes).</summary>
    public static async Task<bool> TryLockAsync(NpgsqlConnection connection, long lockKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using NpgsqlCommand command = new("SELECT pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", lockKey);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!; // pg_try_advisory_lock returns a boolean, never null.
    }

    /// <summary>Subscribes <paramref name="connection"/> to a notification channel.</summary>
    public static async Task ListenAsync(NpgsqlConnection connection, string channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        // The channel names are our constants, never input.
        await using NpgsqlCommand command = new($"LISTEN {channel}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A round trip on <paramref name="connection"/>: throws if the session (and so the lock) is gone.</summary>
    public static async Task PingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using NpgsqlCommand command = new("SELECT 1", connection);
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>
    /// Queues entries in order under the given tickets and notifies the sequencer (on commit). More
    /// than one entry form a group, which the sequencer appends in one batch (<see cref="PendingAsync"/>).
    /// </summary>
    public async Task EnqueueAsync(IReadOnlyList<Guid> tickets, IReadOnlyList<byte[]> entries, IReadOnlyList<byte[]> leafHashes, string node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(leafHashes);
        await using NpgsqlConnection connection = await OpenAsync(cancellationToken);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using NpgsqlBatch batch = new(connection, transaction);
        // One statement per entry, in order: ids (the sequencer's order) follow the caller's order.
        for (int i = 0; i < entries.Count; i++)
        {
            var insert = new NpgsqlBatchCommand("INSERT INTO cluster_queue (ticket, entry, leaf_hash, node, grp) VALUES ($1, $2, $3, $4, $5)");
            insert.Parameters.Add(new NpgsqlParameter { Value = tickets[i], NpgsqlDbType = NpgsqlDbType.Uuid });
            insert.Parameters.Add(new NpgsqlParameter { Value = entries[i], NpgsqlDbType = NpgsqlDbType.Bytea });
            insert.Parameters.Add(new NpgsqlParameter { Value = leafHashes[i], NpgsqlDbType = NpgsqlDbType.Bytea });
            insert.Parameters.Add(new NpgsqlParameter { Value = node, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter { Value = entries.Count > 1 ? tickets[0] : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
            batch.BatchCommands.Add(insert);
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_notify('{QueuedChannel}', '')"));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The oldest entries not yet sequenced nor refused, in queue order: <paramref name="limit"/> of
    /// them, and the rest of every group they begin — a group is queued in one transaction, so
    /// all of it is visible at once, and it is never split over two batches.
    /// </summary>
    public async Task<List<QueuedEntry>> PendingAsync(int limit, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = dataSource.CreateCommand(
            """
            WITH head AS (SELECT id, grp FROM cluster_queue WHERE log_index IS NULL AND failure IS NULL ORDER BY id LIMIT $1)
            SELECT id, entry, leaf_hash FROM cluster_queue
            WHERE log_index IS NULL AND failure IS NULL
              AND (id IN (SELECT id FROM head) OR grp IN (SELECT grp FROM head WHERE grp IS NOT NULL))
            ORDER BY id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = limit, NpgsqlDbType = NpgsqlDbType.Integer });
        var pending = new List<QueuedEntry>();
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            pending.Add(new QueuedEntry(reader.GetInt64(0), (byte[])reader[1], (byte[])reader[2]));
        }

        return pending;
    }

    /// <summary>How many entries wait for the sequencer.</summary>
    public async Task<long> PendingCountAsync(CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = dataSource.CreateCommand("SELECT count(*) FROM cluster_queue WHERE log_index IS NULL AND failure IS NULL");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!; // count(*) is never null.
    }

    /// <summary>The outcomes decided so far for the given tickets.</summary>
    public static async Task<List<QueueOutcome>> OutcomesAsync(NpgsqlConnection connection, IReadOnlyList<Guid> tickets, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = new(
            "SELECT ticket, log_index, failure FROM cluster_queue WHERE ticket = ANY($1) AND (log_index IS NOT NULL OR failure IS NOT NULL)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tickets.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        var outcomes = new List<QueueOutcome>();
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            outcomes.Add(new QueueOutcome(
                reader.GetGuid(0),
                reader.IsDBNull(1) ? null : reader.GetInt64(1),
                reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return outcomes;
    }

    /// <summary>The shared state, or null before any sequencer published one.</summary>
    public static async Task<ClusterState?> ReadStateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = new(
            "SELECT reconciled_size, checkpoint, checkpoint_size, sequencer, updated_at FROM cluster_state WHERE id = 1", connection);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ClusterState(reader.GetInt64(0), (byte[])reader[1], reader.GetInt64(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4))
            : null;
    }

    /// <summary>The shared state, or null before any sequencer published one.</summary>
    public async Task<ClusterState?> ReadStateAsync(CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await OpenAsync(cancellationToken);
        return await ReadStateAsync(connection, cancellationToken);
    }

    /// <summary>
    /// Records, in one transaction, the log index of each sequenced entry (and a failure, for
    /// entries logged but not projected), the new shared state, and notifies the waiting nodes.
    /// <c>log_index</c> is unique: an index can never be given to two queue rows.
    /// </summary>
    public async Task CompleteAsync(IReadOnlyList<long> ids, IReadOnlyList<long> indexes, string? failure, ClusterState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(indexes);
        ArgumentNullException.ThrowIfNull(state);
        await using NpgsqlConnection connection = await OpenAsync(cancellationToken);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using NpgsqlBatch batch = new(connection, transaction);
        if (ids.Count > 0)
        {
            var update = new NpgsqlBatchCommand(
                "UPDATE cluster_queue SET log_index = v.i, failure = $3, done_at = now() FROM unnest($1, $2) AS v(id, i) WHERE cluster_queue.id = v.id AND cluster_queue.log_index IS NULL");
            update.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            update.Parameters.Add(new NpgsqlParameter { Value = indexes.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)failure ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            batch.BatchCommands.Add(update);
        }

        var upsert = new NpgsqlBatchCommand(
            """
            INSERT INTO cluster_state (id, reconciled_size, checkpoint, checkpoint_size, sequencer, updated_at) VALUES (1, $1, $2, $3, $4, now())
            ON CONFLICT (id) DO UPDATE SET reconciled_size = $1, checkpoint = $2, checkpoint_size = $3, sequencer = $4, updated_at = now()
            """);
        upsert.Parameters.Add(new NpgsqlParameter { Value = state.ReconciledSize, NpgsqlDbType = NpgsqlDbType.Bigint });
        upsert.Parameters.Add(new NpgsqlParameter { Value = state.Checkpoint, NpgsqlDbType = NpgsqlDbType.Bytea });
        upsert.Parameters.Add(new NpgsqlParameter { Value = state.CheckpointSize, NpgsqlDbType = NpgsqlDbType.Bigint });
        upsert.Parameters.Add(new NpgsqlParameter { Value = state.Sequencer, NpgsqlDbType = NpgsqlDbType.Text });
        batch.BatchCommands.Add(upsert);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_notify('{AppendedChannel}', '{state.CheckpointSize}')"));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        if (ids.Count > 0 && batch.BatchCommands[0].RecordsAffected != ids.Count)
        {
            throw new InvalidOperationException(
                $"{batch.BatchCommands[0].RecordsAffected} of {ids.Count} queue rows took their log index: another sequencer recorded the others.");
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Refuses entries that cannot be appended (nothing was logged for them).</summary>
    public async Task RefuseAsync(IReadOnlyList<long> ids, string failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await using NpgsqlBatch batch = dataSource.CreateBatch();
        var update = new NpgsqlBatchCommand("UPDATE cluster_queue SET failure = $2, done_at = now() WHERE id = ANY($1) AND log_index IS NULL");
        update.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        update.Parameters.Add(new NpgsqlParameter { Value = failure, NpgsqlDbType = NpgsqlDbType.Text });
        batch.BatchCommands.Add(update);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_notify('{AppendedChannel}', '')"));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes rows decided more than <paramref name="retention"/> ago; returns how many.</summary>
    public async Task<int> PruneAsync(TimeSpan retention, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = dataSource.CreateCommand("DELETE FROM cluster_queue WHERE done_at < now() - $1");
        command.Parameters.Add(new NpgsqlParameter { Value = retention, NpgsqlDbType = NpgsqlDbType.Interval });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
