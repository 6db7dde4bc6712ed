using System.Collections.Concurrent;
using OwnersVote.Web.Cluster;
using OwnersVote.Web.Data;

namespace OwnersVote.Web.Features.Ballots;

/// <summary>
/// The matter and the owner's credentials every ballot request reads, kept in memory on a single
/// node (issue 10: the two queries were an eighth of the server's CPU per ballot). The tables follow
/// the log and, on a single node, only this process writes them: its projector, after each run it
/// commits that holds anything but online ballots, calls <see cref="Invalidate"/>, which retires
/// everything read before (a generation count, so a read that raced the commit is never kept as
/// current). Online ballots change no matter and no credential a cast relies on — only a passkey's
/// signature counter, which the projection checks again against the stored one in log order.
/// On a cluster node (<see cref="ClusterNode"/>) other nodes' appends change the tables unseen, so
/// nothing is kept and every request reads the tables, as before.
/// </summary>
public sealed class BallotReadCache(ClusterNode? cluster = null)
{
    /// <summary>The most entries of each kind kept at once (emptied when full: a miss only reads again).</summary>
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<string, Entry<MatterRow?>> _matters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Compound, string Owner), Entry<IReadOnlyList<CredentialRow>>> _credentials = new();
    private long _generation;

    /// <summary>Whether anything is kept (false on a cluster node).</summary>
    public bool Enabled => cluster is null;

    /// <summary>
    /// Retires everything kept: the tables changed other than by online ballots (called after the
    /// change is committed, and by any other writer of matters or credentials).
    /// </summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _matters.Clear();
        _credentials.Clear();
    }

    /// <summary>The matter <paramref name="id"/> (untracked; callers must not change it), from memory or read by <paramref name="read"/>.</summary>
    public Task<MatterRow?> MatterAsync(string id, Func<Task<MatterRow?>> read) =>
        GetAsync(_matters, id, read);

    /// <summary>An owner's credentials not revoked (untracked; callers must not change them), from memory or read by <paramref name="read"/>.</summary>
    public Task<IReadOnlyList<CredentialRow>> CredentialsAsync(string compound, string owner, Func<Task<IReadOnlyList<CredentialRow>>> read) =>
        GetAsync(_credentials, (compound, owner), read);

    private async Task<T> GetAsync<TKey, T>(ConcurrentDictionary<TKey, Entry<T>> entries, TKey key, Func<Task<T>> read)
        where TKey : notnull
    {
        long generation = Volatile.Read(ref _generation);
        if (!Enabled)
        {
            return await read();
        }

        if (entries.TryGetValue(key, out Entry<T>? kept) && kept.Generation == generation)
        {
            return kept.Value;
        }

        // Read after noting the generation: if the projector commits a change meanwhile, the
        // generation moves on and this entry is never taken as current.
        T value = await read();
        if (entries.Count >= Capacity)
        {
            entries.Clear();
        }

        entries[key] = new Entry<T>(value, generation);
        return value;
    }

    private sealed record Entry<T>(T Value, long Generation);
}
