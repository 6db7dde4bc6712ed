using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Lifecycle;

/// <summary>
/// <c>/manage/votes/{id}/delivery</c>: for each owner, how the notice and ballot reached them (app,
/// SMS, letter, posted at the building, door to door) with time and officer, and a form to record a
/// delivery (<c>BallotDelivered</c>; issue 7 part 2). Shows whether an owner voted, never how.
/// </summary>
[Authorize(Policy = AccessPolicies.Organiser)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class DeliveryModel(LifecycleQueries queries, VoteLifecycle lifecycle) : PageModel
{
    public MatterRow Matter { get; private set; } = null!; // Set before the page renders.

    public IReadOnlyList<DeliveryLine> Lines { get; private set; } = [];

    public string? Refused { get; private set; }

    [BindProperty]
    public string Principal { get; set; } = "";

    [BindProperty]
    public DeliveryChannel Channel { get; set; }

    public Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) => ShowAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        Refused = await lifecycle.RecordDeliveryAsync(id, Principal, Channel, OwnerSession.From(User)!, cancellationToken);
        return Refused == LifecycleCodes.NotFound ? NotFound() : await ShowAsync(id, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(string id, CancellationToken cancellationToken)
    {
        if (await queries.SheetAsync(id, OwnerSession.From(User)!.CompoundId, cancellationToken) is not { } sheet)
        {
            return NotFound();
        }

        (Matter, Lines) = sheet;
        return Page();
    }
}
