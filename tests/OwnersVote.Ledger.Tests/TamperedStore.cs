namespace OwnersVote.Ledger.Tests;

/// <summary>
/// Reads through to a real store except for paths an attacker (or a broken disk) has changed:
/// replaced content, or null for a deleted file. Writes are refused.
/// </summary>
internal sealed class TamperedStore(ITileStore inner) : ITileStore
{
    private readonly Dictionary<string, byte[]?> _changes = [];

    public void Replace(string path, byte[] content) => _changes[path] = content;

    public void Remove(string path) => _changes[path] = null;

    public void Restore(string path) => _changes.Remove(path);

    public Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken) =>
        _changes.TryGetValue(path, out byte[]? content) ? Task.FromResult(content) : inner.ReadAsync(path, cancellationToken);

    public Task WriteAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The tampered view is read-only.");

    public Task FlushAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException("The tampered view is read-only.");
}
