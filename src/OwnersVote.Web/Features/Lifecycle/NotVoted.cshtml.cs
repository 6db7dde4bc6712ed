using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Lifecycle;

/// <summary>
/// <c>/manage/votes/{id}/not-voted</c>: the owners who have not voted yet, by building and floor,
/// for door-knocking, printable (print CSS hides the site's frame). It never shows how anyone voted
/// (issue 7 part 2).
/// </summary>
[Authorize(Policy = AccessPolicies.Organiser)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class NotVotedModel(LifecycleQueries queries, TimeProvider time) : PageModel
{
    public MatterRow Matter { get; private set; } = null!; // Set before the page renders.

    public IReadOnlyList<DeliveryLine> Lines { get; private set; } = [];

    public DateTimeOffset At { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await queries.SheetAsync(id, OwnerSession.From(User)!.CompoundId, cancellationToken) is not { } sheet)
        {
            return NotFound();
        }

        Matter = sheet.Matter;
        Lines = [.. sheet.Lines.Where(l => !l.Voted)];
        At = time.GetUtcNow();
        return Page();
    }
}
