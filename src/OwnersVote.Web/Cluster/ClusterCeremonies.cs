using Npgsql;

namespace OwnersVote.Web.Cluster;

/// <summary>A ceremony's state as it was held: what for, for whom, the bytes, until when.</summary>
/// <param name="Kind">What it was issued for (<c>passkey-registration</c>, <c>passkey-signin</c>, <c>ballot</c>).</param>
/// <param name="OwnerHash">The owner it was issued to, or null (a sign-in challenge).</param>
/// <param name="Payload">The challenge, or the prepared ballot's canonical JSON.</param>
/// <param name="ExpiresAt">When it stops being accepted.</param>
public sealed record HeldCeremony(string Kind, string? OwnerHash, byte[] Payload, DateTimeOffset ExpiresAt);

/// <summary>
/// Passkey challenges and prepared ballots of a cluster, in PostgreSQL (<c>cluster_ceremonies</c>),
/// so that the options and the answer of one ceremony may reach different nodes behind a load
/// balancer without session affinity (docs/operations.md "Several nodes"). Single use across
/// nodes: <see cref="TakeAsync"/> is one <c>DELETE … RETURNING</c>, so of two nodes given the same
/// answer at once exactly one gets the row (WebAuthn §13.4.3: a challenge is used once).
/// </summary>
public sealed class ClusterCeremonies(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Holds a ceremony under <paramref name="handle"/> unless <paramref name="maxOutstanding"/>
    /// unexpired ones are held already (expired ones are deleted first); false when full.
    /// </summary>
    public async Task<bool> HoldAsync(string handle, HeldCeremony ceremony, DateTimeOffset now, int maxOutstanding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ceremony);
        await using NpgsqlConnection connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (NpgsqlCommand expired = new("DELETE FROM cluster_ceremonies WHERE expires_at <= @now", connection))
        {
            expired.Parameters.AddWithValue("now", now);
            await expired.ExecuteNonQueryAsync(cancellationToken);
        }

        await using NpgsqlCommand command = new(
            """
            INSERT INTO cluster_ceremonies (handle, kind, owner_hash, payload, expires_at)
            SELECT @handle, @kind, @owner, @payload, @expires
            WHERE (SELECT count(*) FROM cluster_ceremonies) < @max
            """, connection);
        command.Parameters.AddWithValue("handle", handle);
        command.Parameters.AddWithValue("kind", ceremony.Kind);
        command.Parameters.AddWithValue("owner", NpgsqlTypes.NpgsqlDbType.Text, (object?)ceremony.OwnerHash ?? DBNull.Value);
        command.Parameters.AddWithValue("payload", ceremony.Payload);
        command.Parameters.AddWithValue("expires", ceremony.ExpiresAt);
        command.Parameters.AddWithValue("max", (long)maxOutstanding);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Takes the ceremony out of the table (it can never be taken again), or null if no node holds it.</summary>
    public async Task<HeldCeremony?> TakeAsync(string handle, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using NpgsqlCommand command = new("DELETE FROM cluster_ceremonies WHERE handle = @handle RETURNING kind, owner_hash, payload, expires_at", connection);
        command.Parameters.AddWithValue("handle", handle);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new HeldCeremony(
            reader.GetString(0),
            await reader.IsDBNullAsync(1, cancellationToken) ? null : reader.GetString(1),
            reader.GetFieldValue<byte[]>(2),
            reader.GetFieldValue<DateTimeOffset>(3));
    }
}
