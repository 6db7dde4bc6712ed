namespace OwnersVote.Ledger;

/// <summary>A witness state store in memory (tests, or a witness that may forget on restart).</summary>
public sealed class InMemoryWitnessStateStore : IWitnessStateStore
{
    private readonly Dictionary<string, CosignedCheckpoint> _latest = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public Task<CosignedCheckpoint?> GetAsync(string origin, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_latest.GetValueOrDefault(origin));
        }
    }

    /// <inheritdoc />
    public Task<bool> CompareAndSwapAsync(string origin, CosignedCheckpoint? expected, CosignedCheckpoint next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        lock (_lock)
        {
            CosignedCheckpoint? current = _latest.GetValueOrDefault(origin);
            if (current is null ? expected is not null : !current.SameTreeHead(expected))
            {
                return Task.FromResult(false);
            }

            _latest[origin] = next;
            return Task.FromResult(true);
        }
    }
}
