namespace OwnersVote.Ledger.Http;

/// <summary>
/// Delivers c2sp.org/tlog-witness <c>add-checkpoint</c> requests over HTTP(S): <c>POST
/// &lt;submission prefix&gt;/add-checkpoint</c> with the request body, returning the witness's
/// status, content type and body whatever the status. Connection failures, broken exchanges and
/// HTTP-level timeouts become <see cref="IOException"/> naming the witness, as
/// <see cref="IWitnessTransport"/> requires; cancellation through the token stays an
/// <see cref="OperationCanceledException"/>. Used by <c>ov</c> and by the web server's sequencer.
/// </summary>
public sealed class HttpWitnessTransport : IWitnessTransport, IDisposable
{
    /// <summary>The largest response read from a witness: cosignature lines are ~120 bytes each.</summary>
    public const int MaxResponseBytes = 64 * 1024;

    private readonly HttpClient _client;
    private readonly bool _ownsClient;

    /// <summary>A transport with its own connection pool (kept alive between requests, as the spec advises).</summary>
    public HttpWitnessTransport()
        : this(CreateClient(), ownsClient: true)
    {
    }

    /// <summary>A transport over a caller's client (not disposed with the transport).</summary>
    public HttpWitnessTransport(HttpClient client)
        : this(client, ownsClient: false)
    {
    }

    private HttpWitnessTransport(HttpClient client, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _ownsClient = ownsClient;
    }

    /// <inheritdoc />
    public async Task<WitnessResponse> AddCheckpointAsync(WitnessEndpoint witness, byte[] body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(witness);
        ArgumentNullException.ThrowIfNull(body);
        Uri url = AddCheckpointUrl(witness.SubmissionPrefix);
        using var content = new ByteArrayContent(body);

        // tlog-witness: "The request MUST be an HTTP POST."
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        try
        {
            using HttpResponseMessage response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            byte[] responseBody = await ReadLimitedAsync(response.Content, url, cancellationToken).ConfigureAwait(false);

            // The media type alone: a 409's "Content-Type of text/x.tlog.size" may carry parameters.
            string contentType = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
            return new WitnessResponse((int)response.StatusCode, contentType, responseBody);
        }
        catch (HttpRequestException e)
        {
            throw new IOException($"POST {url}: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient's own timeout, not the caller's cancellation.
            throw new IOException($"POST {url}: timed out", e);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    /// <summary>The <c>add-checkpoint</c> URL below a submission prefix (with or without a trailing slash).</summary>
    public static Uri AddCheckpointUrl(Uri submissionPrefix)
    {
        ArgumentNullException.ThrowIfNull(submissionPrefix);
        string prefix = submissionPrefix.AbsoluteUri;
        return new Uri(prefix.EndsWith('/') ? prefix + "add-checkpoint" : prefix + "/add-checkpoint");
    }

    private static HttpClient CreateClient()
    {
        // Per-request deadlines come from the caller's token (WitnessClient times each witness).
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("ov-witness-client/1");
        return client;
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpContent content, Uri url, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxResponseBytes)
        {
            throw new IOException($"POST {url}: response of {content.Headers.ContentLength} bytes exceeds {MaxResponseBytes}");
        }

        Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            byte[] chunk = new byte[8192];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxResponseBytes)
                {
                    throw new IOException($"POST {url}: response exceeds {MaxResponseBytes} bytes");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }
}
