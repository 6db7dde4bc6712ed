using System.Net;
using OwnersVote.Ledger;

namespace OwnersVote.Cli.Commands;

/// <summary>A read-only <see cref="ITileStore"/> over a log's HTTP prefix (c2sp.org/tlog-tiles).</summary>
public sealed class HttpTileStore : ITileStore, IDisposable
{
    private readonly HttpClient _client;
    private readonly Uri _prefix;

    /// <summary>A store reading below <paramref name="prefix"/> (a trailing slash is added if missing).</summary>
    public HttpTileStore(Uri prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        _prefix = prefix.AbsoluteUri.EndsWith('/') ? prefix : new Uri(prefix.AbsoluteUri + "/");
        _client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("ov-log-verify/1");
    }

    /// <inheritdoc />
    public async Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _client.GetAsync(new Uri(_prefix, path), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {path}: {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task WriteAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        throw new NotSupportedException("A log served over HTTP is read-only.");

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
