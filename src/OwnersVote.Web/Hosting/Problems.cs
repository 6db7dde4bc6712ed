using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace OwnersVote.Web.Hosting;

/// <summary>
/// Stable ProblemDetails <c>type</c> URIs (RFC 9457 §3.1.1): clients branch on these, never on
/// the human-readable title. Unknown failures get <see cref="Internal"/> and no exception detail.
/// </summary>
public static class Problems
{
    /// <summary>No vote has the requested id.</summary>
    public const string VoteNotFound = "urn:ownersvote:problem:vote-not-found";

    /// <summary>The requested language is not offered.</summary>
    public const string UnsupportedCulture = "urn:ownersvote:problem:unsupported-culture";

    /// <summary>No resource at this path.</summary>
    public const string NotFound = "urn:ownersvote:problem:not-found";

    /// <summary>A failure on our side; the response carries a trace id, never a stack trace.</summary>
    public const string Internal = "urn:ownersvote:problem:internal";

    /// <summary>A 404 for an unknown vote id, as <c>application/problem+json</c>.</summary>
    public static ProblemHttpResult VoteNotFoundResult(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        type: VoteNotFound,
        title: "Vote not found",
        detail: $"There is no vote with id '{id}'.");

    /// <summary>Gives every ProblemDetails a stable type and a trace id, and strips exception details.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ProblemDetails problem = context.ProblemDetails;
        if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
        {
            problem.Type = problem.Status switch
            {
                StatusCodes.Status404NotFound => NotFound,
                >= StatusCodes.Status500InternalServerError => Internal,
                _ => problem.Type,
            };
        }

        // An unexpected failure says nothing of its cause; a 5xx the app answers on purpose under
        // its own type (a receipt awaiting witnesses) keeps the detail it wrote for the client.
        if (problem.Status >= StatusCodes.Status500InternalServerError && problem.Type == Internal)
        {
            problem.Detail = null;
            problem.Extensions.Remove("exception");
        }

        problem.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
    }
}
