using System.Collections.Concurrent;

namespace OwnersVote.Ledger;

/// <summary>An in-memory <see cref="ITileStore"/> with the same rules as <see cref="FileTileStore"/>, for tests and benchmarks.</summary>
public sealed class MemoryTileStore : ITileStore
{
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    /// <summary>The stored paths.</summary>
    public ICollection<string> Paths => _files.Keys;

    /// <inheritdoc />
    public Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        TileStorePaths.Check(path);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_files.TryGetValue(path, out byte[]? data) ? (byte[]?)data.ToArray() : null);
    }

    /// <inheritdoc />
    public Task WriteAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        TileStorePaths.Check(path);
        cancellationToken.ThrowIfCancellationRequested();
        byte[] copy = data.ToArray();
        if (TileStorePaths.IsImmutable(path))
        {
            byte[] stored = _files.GetOrAdd(path, copy);
            if (!stored.AsSpan().SequenceEqual(copy))
            {
                throw new TileConflictException($"{path}: a full tile is immutable and is already stored with different bytes");
            }
        }
        else
        {
            _files[path] = copy;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
