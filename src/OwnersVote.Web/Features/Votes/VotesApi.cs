using Microsoft.AspNetCore.Http.HttpResults;
using OwnersVote.Web.Hosting;

namespace OwnersVote.Web.Features.Votes;

/// <summary><c>/api/votes</c>: the same reads as the vote pages, as JSON.</summary>
public static class VotesApi
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapVotesApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/votes").WithTags("Votes").AllowAnonymous();
        api.MapGet("/", ListVotesAsync);
        api.MapGet("/{id}", GetVoteAsync);
        return api;
    }

    /// <summary>Every vote.</summary>
    public static async Task<Ok<IReadOnlyList<VoteSummary>>> ListVotesAsync(VoteQueries votes, CancellationToken cancellationToken) =>
        TypedResults.Ok(await votes.ListAsync(cancellationToken));

    /// <summary>One vote with its full text.</summary>
    public static async Task<Results<Ok<VoteDetail>, ProblemHttpResult>> GetVoteAsync(
        string id, VoteQueries votes, CancellationToken cancellationToken) =>
        await votes.FindAsync(id, cancellationToken) is { } vote
            ? TypedResults.Ok(vote)
            : Problems.VoteNotFoundResult(id);
}
