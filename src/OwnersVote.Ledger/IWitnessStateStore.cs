namespace OwnersVote.Ledger;

/// <summary>
/// Where a witness keeps the latest cosigned checkpoint of each log. c2sp.org/tlog-witness:
/// "checking the old size against the latest checkpoint and persisting the new checkpoint must be
/// performed atomically", hence compare-and-swap.
/// </summary>
public interface IWitnessStateStore
{
    /// <summary>The latest cosigned checkpoint for the origin, or null if none.</summary>
    public Task<CosignedCheckpoint?> GetAsync(string origin, CancellationToken cancellationToken);

    /// <summary>
    /// Durably replaces the record for the origin with <paramref name="next"/> only if the current
    /// record still has the tree head of <paramref name="expected"/> (null: no record yet).
    /// Returns false, changing nothing, when another update came first.
    /// </summary>
    public Task<bool> CompareAndSwapAsync(string origin, CosignedCheckpoint? expected, CosignedCheckpoint next, CancellationToken cancellationToken);
}
