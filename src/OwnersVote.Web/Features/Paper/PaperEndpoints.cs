using Microsoft.AspNetCore.Http.HttpResults;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Paper;

/// <summary>
/// <c>GET /votes/{id}/paper/scans/{scan}</c>: a queued page's image (grey PNG) for the review page,
/// to officers of the vote's compound only — it shows an owner's signature.
/// </summary>
public static class PaperEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static void MapPaperEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/votes/{id}/paper/scans/{scan}", GetScanAsync).RequireAuthorization(AccessPolicies.Officer);
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> GetScanAsync(
        string id, string scan, HttpContext context, PaperReview review, ScanStore store, CancellationToken cancellationToken)
    {
        if (OwnerSession.From(context.User) is not { } officer
            || await review.ImageOfAsync(officer, id, scan, cancellationToken) is not { } sha
            || await store.GetAsync(sha, cancellationToken) is not { } png)
        {
            return TypedResults.NotFound();
        }

        // An owner's signature: kept out of shared caches.
        context.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Bytes(png, "image/png");
    }
}
