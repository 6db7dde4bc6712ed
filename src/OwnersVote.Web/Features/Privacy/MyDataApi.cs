using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Privacy;

/// <summary><c>GET /api/my-data</c>: the signed-in owner's data as a JSON download (PIPL art. 45: a copy).</summary>
public static class MyDataApi
{
    /// <summary>Problem type: nothing is held about the session's owner in the session's compound.</summary>
    public const string NothingHeld = "urn:ownersvote:problem:nothing-held";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerOptions.Web)
    {
        WriteIndented = true,
        // Chinese titles stay readable in the file, as on the page.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Maps the endpoint (owner policy).</summary>
    public static void MapMyDataApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/my-data", ExportAsync).RequireAuthorization(AccessPolicies.Owner);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(HttpContext context, MyDataQuery query, CancellationToken cancellationToken)
    {
        // The owner policy guarantees an owner's session.
        OwnerSession session = OwnerSession.From(context.User)!;
        if (await query.ForAsync(session, cancellationToken) is not { HoldsAnything: true } data)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: NothingHeld, title: "Nothing is held about this owner in this compound.");
        }

        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(JsonSerializer.SerializeToUtf8Bytes(data, s_json), "application/json; charset=utf-8", MyDataQuery.FileName(data.ExportedAt));
    }
}
