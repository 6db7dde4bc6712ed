using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Web.Data;

namespace OwnersVote.Web.Features.Lifecycle;

/// <summary>
/// <c>/votes/{id}/objections</c>: the objections to a preliminary result and the committee's
/// answers, public like the result (DESIGN.md §1; no names, no owner hashes).
/// </summary>
[AllowAnonymous]
public sealed class ObjectionsModel(LifecycleQueries queries, TimeProvider time) : PageModel
{
    public MatterRow Matter { get; private set; } = null!; // Set before the page renders.

    public LifecycleStage Stage { get; private set; }

    public DateTimeOffset? Ends { get; private set; }

    public IReadOnlyList<ObjectionView> Objections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await queries.MatterAsync(id, cancellationToken) is not { } matter)
        {
            return NotFound();
        }

        Matter = matter;
        Stage = LifecycleStages.Of(matter, time.GetUtcNow());
        Ends = LifecycleStages.ObjectionPeriodEnds(matter);
        Objections = await queries.ObjectionsAsync(id, cancellationToken);
        return Page();
    }
}
