using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OwnersVote.Web.Features.Votes;

/// <summary>A vote's matter: full text, scope, the rule in plain words, dates.</summary>
public sealed class DetailModel(VoteQueries votes) : PageModel
{
    public VoteDetail Vote { get; private set; } = null!; // Set by OnGetAsync before the page renders.

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await votes.FindAsync(id, cancellationToken) is not { } vote)
        {
            return NotFound();
        }

        Vote = vote;
        return Page();
    }
}
