using Microsoft.AspNetCore.Http.HttpResults;
using OwnersVote.Web.Hosting;

namespace OwnersVote.Web.Features.Results;

/// <summary><c>/api/votes/{id}/result</c>: the public count as JSON.</summary>
public static class ResultsApi
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointConventionBuilder MapResultsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/votes/{id}/result", GetResultAsync).WithTags("Results").AllowAnonymous();

    /// <summary>Both counts against their thresholds and how far each is from passing.</summary>
    public static async Task<Results<Ok<VoteResult>, ProblemHttpResult>> GetResultAsync(
        string id, ResultQuery results, CancellationToken cancellationToken) =>
        await results.GetAsync(id, cancellationToken) is { } result
            ? TypedResults.Ok(result)
            : Problems.VoteNotFoundResult(id);
}
