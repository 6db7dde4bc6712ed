using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Lifecycle;

/// <summary>
/// <c>/votes/{id}/objection</c>: an owner on the vote's roll files an objection (询异) to the
/// preliminary result during the objection period; it goes into the log (<c>Objection</c>) and
/// the final result waits for the committee's answer (issue 7 part 4).
/// </summary>
[Authorize(Policy = AccessPolicies.Owner)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class FileObjectionModel(LifecycleQueries queries, VoteLifecycle lifecycle) : PageModel
{
    public MatterRow Matter { get; private set; } = null!; // Set before the page renders.

    public DateTimeOffset? Ends { get; private set; }

    public string? Refused { get; private set; }

    [BindProperty]
    public string Text { get; set; } = "";

    public Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) => ShowAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        Refused = await lifecycle.FileObjectionAsync(id, OwnerSession.From(User)!, Text, cancellationToken);
        if (Refused is null)
        {
            return Redirect($"/votes/{Uri.EscapeDataString(id)}/objections");
        }

        return Refused == LifecycleCodes.NotFound ? NotFound() : await ShowAsync(id, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(string id, CancellationToken cancellationToken)
    {
        // DESIGN.md §3: an owner of another compound is refused as if the vote did not exist.
        if (await queries.MatterAsync(id, cancellationToken) is not { } matter || matter.CompoundId != OwnerSession.From(User)!.CompoundId)
        {
            return NotFound();
        }

        Matter = matter;
        Ends = LifecycleStages.ObjectionPeriodEnds(matter);
        return Page();
    }
}
