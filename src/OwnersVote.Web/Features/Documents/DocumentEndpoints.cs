using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace OwnersVote.Web.Features.Documents;

/// <summary>
/// <c>GET /documents/{sha256}/{name}</c>: an attached document by the hash its matter pins in the
/// log. The name is only for the browser's download; the hash decides what is served.
/// </summary>
public static class DocumentEndpoints
{
    private static readonly FileExtensionContentTypeProvider s_types = new();

    /// <summary>Maps the endpoint.</summary>
    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/documents/{sha256}/{name}", GetAsync).AllowAnonymous();
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> GetAsync(string sha256, string name, DocumentStore store, HttpResponse response, CancellationToken cancellationToken)
    {
        byte[]? content = await store.GetAsync(sha256, cancellationToken);
        if (content is null)
        {
            return TypedResults.NotFound();
        }

        // Content-addressed: the bytes at this address never change.
        response.Headers.CacheControl = "public, max-age=31536000, immutable";
        string type = s_types.TryGetContentType(name, out string? known) ? known : "application/octet-stream";
        if (type.StartsWith("text/", StringComparison.Ordinal))
        {
            type += "; charset=utf-8";
        }

        // Shown in the browser (a quotation is read, not saved), under its own name if saved.
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileNameStar = name }.ToString();
        return TypedResults.Bytes(content, type);
    }
}
