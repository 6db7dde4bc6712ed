using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OwnersVote.Web.Features.Results;

/// <summary>The public count of one vote: both counts against their thresholds and how far each is from passing.</summary>
[AllowAnonymous]
public sealed class ResultModel(ResultQuery results) : PageModel
{
    public VoteResult Result { get; private set; } = null!; // Set by OnGetAsync before the page renders.

    /// <summary>How often an open vote's page refreshes its count, in seconds (<c>?live=</c>, 2–60, default 10).</summary>
    [BindProperty(SupportsGet = true, Name = "live")]
    public int? LiveSeconds { get; set; }

    /// <summary>The checkpoint size a result certificate's QR code carries (<c>?checkpoint=</c>), checked against the published tally.</summary>
    [BindProperty(SupportsGet = true, Name = "checkpoint")]
    public long? Checkpoint { get; set; }

    /// <summary>The refresh interval in milliseconds.</summary>
    public int LiveMilliseconds => Math.Clamp(LiveSeconds ?? 10, 2, 60) * 1000;

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
