using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OwnersVote.Web.Features.Results;

/// <summary>The public count of one vote: both counts against their thresholds and how far each is from passing.</summary>
public sealed class ResultModel(ResultQuery results) : PageModel
{
    public VoteResult Result { get; private set; } = null!; // Set by OnGetAsync before the page renders.

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await results.GetAsync(id, cancellationToken) is not { } result)
        {
            return NotFound();
        }

        Result = result;
        return Page();
    }
}
