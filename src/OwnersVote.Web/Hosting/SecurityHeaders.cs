namespace OwnersVote.Web.Hosting;

/// <summary>
/// Response headers that keep every page self-contained: scripts, styles and images only from this
/// server (no CDN), no framing (a ballot page inside someone else's frame could be clickjacked),
/// no MIME sniffing, no referrer leaking vote ids to other sites.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The Content-Security-Policy every response carries.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Adds the headers before the response starts.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        IHeaderDictionary headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        await next(context);
    });
}
