using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Lifecycle;

/// <summary>
/// <c>/manage/votes/{id}</c>: one vote's lifecycle for its organisers — stage and timeline, close
/// (after the closing time), publish the result, answer objections, finalise (issue 7 parts 1, 4).
/// </summary>
[Authorize(Policy = AccessPolicies.Organiser)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ManageVoteModel(LifecycleQueries queries, VoteLifecycle lifecycle) : PageModel
{
    public ManagedVoteDetail Detail { get; private set; } = null!; // Set before the page renders.

    public string? Refused { get; private set; }

    public bool Done { get; private set; }

    [BindProperty]
    public string Objection { get; set; } = "";

    [BindProperty]
    public string Answer { get; set; } = "";

    /// <summary>The committee upholds the objection: the result must be corrected (询异).</summary>
    [BindProperty]
    public bool Upheld { get; set; }

    /// <summary>Units whose counted ballot the correction sets aside, separated by commas or spaces.</summary>
    [BindProperty]
    public string SetAside { get; set; } = "";

    public Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) => ShowAsync(id, cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(string id, CancellationToken cancellationToken) =>
        StepAsync(id, session => lifecycle.CloseAsync(id, session, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostPublishAsync(string id, CancellationToken cancellationToken) =>
        StepAsync(id, session => lifecycle.PublishResultAsync(id, session, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostCorrectAsync(string id, CancellationToken cancellationToken) =>
        StepAsync(id, session => lifecycle.PublishResultAsync(id, session, [.. (SetAside ?? "").Split([',', '，', ' ', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)], cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostFinaliseAsync(string id, CancellationToken cancellationToken) =>
        StepAsync(id, session => lifecycle.FinaliseAsync(id, session, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostAnswerAsync(string id, CancellationToken cancellationToken) =>
        StepAsync(id, session => lifecycle.AnswerObjectionAsync(id, Objection, Answer, Upheld, session, cancellationToken), cancellationToken);

    private async Task<IActionResult> StepAsync(string id, Func<OwnerSession, Task<string?>> step, CancellationToken cancellationToken)
    {
        Refused = await step(OwnerSession.From(User)!);
        if (Refused == LifecycleCodes.NotFound)
        {
            return NotFound();
        }

        Done = Refused is null;
        return await ShowAsync(id, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(string id, CancellationToken cancellationToken)
    {
        if (await queries.VoteAsync(id, OwnerSession.From(User)!.CompoundId, cancellationToken) is not { } detail)
        {
            return NotFound();
        }

        Detail = detail;
        return Page();
    }
}
