using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using OwnersVote.Ledger;
using OwnersVote.Web.Ledger;

namespace OwnersVote.Web.Features.Log;

/// <summary>
/// Serves the log per c2sp.org/tlog-tiles under <c>/log</c> — <c>checkpoint</c>,
/// <c>tile/&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]</c>, <c>tile/entries/&lt;N&gt;[.p/&lt;W&gt;]</c> — and the
/// log's verifier key at <c>/log/key</c>, so anyone can download and audit it (<c>ov verify</c>);
/// and its witnesses' verifier keys with the quorum at <c>/log/witnesses</c> (a compound's own
/// at <c>/log/witnesses?compound=&lt;id&gt;</c>).
/// </summary>
public static class LogEndpoints
{
    /// <summary>Full tiles never change: c2sp.org/tlog-tiles lets clients and proxies cache them forever.</summary>
    public const string ImmutableCache = "public, max-age=31536000, immutable";

    /// <summary>A partial tile is replaced by a wider one as the log grows, so it is cached briefly.</summary>
    public const string PartialCache = "public, max-age=60";

    /// <summary>The checkpoint changes with every batch.</summary>
    public const string NoCache = "no-cache";

    private const string OctetStream = "application/octet-stream";
    private const string PlainText = "text/plain; charset=utf-8";

    /// <summary>Maps the <c>/log</c> endpoints.</summary>
    public static void MapLogEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // HEAD too, as static file servers and caches in front of a tiled log expect.
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        RouteGroupBuilder log = app.MapGroup("/log").AllowAnonymous();
        log.MapMethods("/checkpoint", methods, Checkpoint);
        log.MapMethods("/key", methods, Key);
        log.MapMethods("/witnesses", methods, Witnesses);
        log.MapMethods("/tile/{**path}", methods, TileAsync);
    }

    private static FileContentHttpResult Checkpoint(EventLog log, HttpResponse response)
    {
        response.Headers.CacheControl = NoCache;
        return TypedResults.Bytes(log.LatestCheckpoint, PlainText);
    }

    // One line; during a log-key rotation one line per key, the signing key first (docs/operations.md).
    private static ContentHttpResult Key(EventLog log) =>
        TypedResults.Text(string.Concat(log.Verifiers.Select(v => v.VerifierKey + "\n")), PlainText, Encoding.UTF8);

    /// <summary>
    /// <c>quorum &lt;k&gt;</c>, then one cosignature/v1 verifier key (<c>name+keyid+base64</c>) per
    /// witness: what a client needs to require k cosignatures on <c>/log/checkpoint</c>.
    /// </summary>
    public static string FormatWitnesses(LogWitnesses witnesses)
    {
        ArgumentNullException.ThrowIfNull(witnesses);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"quorum {witnesses.Quorum}\n");
        foreach (PublishedWitness witness in witnesses.All)
        {
            text.Append(witness.Key.VerifierKey).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// A compound's own witnesses in the same format (<c>/log/witnesses?compound=&lt;id&gt;</c>):
    /// <c>quorum &lt;m&gt;</c> then their keys; <c>quorum 0</c> for a compound without any.
    /// </summary>
    public static string FormatWitnesses(CompoundWitnesses witnesses)
    {
        ArgumentNullException.ThrowIfNull(witnesses);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"quorum {witnesses.Quorum}\n");
        foreach (PublishedWitness witness in witnesses.Witnesses)
        {
            text.Append(witness.Key.VerifierKey).Append('\n');
        }

        return text.ToString();
    }

    private static ContentHttpResult Witnesses(string? compound, EventLog log, HttpResponse response)
    {
        response.Headers.CacheControl = NoCache;
        string text = compound is { Length: > 0 } ? FormatWitnesses(log.Witnesses.Of(compound)) : FormatWitnesses(log.Witnesses);
        return TypedResults.Text(text, PlainText, Encoding.UTF8);
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> TileAsync(string? path, EventLog log, HttpResponse response, CancellationToken cancellationToken)
    {
        // Only canonical tile paths are read (TilePath re-formats what it parsed, so nothing
        // outside the log's tile/ tree can be named); anything else is 404.
        if (!TilePath.TryParse("tile/" + path, out TilePath tile) || tile.ToString() != "tile/" + path)
        {
            return TypedResults.NotFound();
        }

        byte[]? data = await log.Store.ReadAsync(tile.ToString(), cancellationToken);
        if (data is null)
        {
            return TypedResults.NotFound();
        }

        response.Headers[HeaderNames.CacheControl] = tile.IsPartial ? PartialCache : ImmutableCache;
        return TypedResults.Bytes(data, OctetStream);
    }
}
