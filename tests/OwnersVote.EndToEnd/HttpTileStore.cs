using System.Net;
using OwnersVote.Ledger;

namespace OwnersVote.EndToEnd;

/// <summary>
/// A read-only c2sp.org/tlog-tiles reader over HTTP, as an outside auditor uses the log: each path
/// is fetched from <c>/log/&lt;path&gt;</c>; 404 is "not there". Every response's headers are kept.
/// </summary>
public sealed class HttpTileStore(HttpClient client) : ITileStore
{
    /// <summary>The responses' Cache-Control and Content-Type, by path.</summary>
    public Dictionary<string, (string? CacheControl, string? ContentType)> Fetched { get; } = new(StringComparer.Ordinal);

    public async Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await client.GetAsync("/log/" + path, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        Fetched[path] = (response.Headers.CacheControl?.ToString(), response.Content.Headers.ContentType?.ToString());
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    public Task WriteAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The served log is read-only.");

    public Task FlushAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException("The served log is read-only.");
}
