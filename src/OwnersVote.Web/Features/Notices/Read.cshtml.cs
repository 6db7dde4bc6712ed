using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Notices;

/// <summary><c>/notices/{notice}</c>: one notice; opening it records the owner's read receipt.</summary>
[Authorize(Policy = AccessPolicies.Owner)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ReadModel(NoticeBoard board) : PageModel
{
    public NoticeView Notice { get; private set; } = null!; // Set by OnGetAsync before the page renders.

    public async Task<IActionResult> OnGetAsync(string notice, CancellationToken cancellationToken)
    {
        if (await board.OpenAsync(OwnerSession.From(User)!, notice, cancellationToken) is not { } opened)
        {
            return NotFound();
        }

        Notice = opened;
        return Page();
    }
}
