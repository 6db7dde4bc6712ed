namespace OwnersVote.Ledger;

/// <summary>
/// Where a tiled log keeps its resources, addressed by c2sp.org/tlog-tiles paths relative to the
/// log prefix (<c>checkpoint</c>, <c>tile/0/x001/234</c>, <c>tile/entries/000.p/17</c>).
/// Implementations make each write atomic, durable when it completes or at the next
/// <see cref="FlushAsync"/> (a store created to defer syncs), and keep full tiles
/// immutable: "This endpoint is immutable" (c2sp.org/tlog-tiles).
/// </summary>
public interface ITileStore
{
    /// <summary>The stored bytes, or null when nothing is stored at <paramref name="path"/>.</summary>
    public Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="data"/> at <paramref name="path"/> atomically and durably. Writing a
    /// full tile or bundle again with the same bytes is a no-op.
    /// </summary>
    /// <exception cref="TileConflictException">A full tile or bundle is already stored with different bytes.</exception>
    public Task WriteAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>
    /// Makes every write that completed before this call durable. A store whose writes are
    /// durable when they complete returns at once.
    /// </summary>
    public Task FlushAsync(CancellationToken cancellationToken);
}
