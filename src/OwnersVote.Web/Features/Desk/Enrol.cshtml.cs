using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Desk;

/// <summary>
/// The first officer at the desk: with the owner present, checks identity and ownership and asks
/// for the owner's invitation; a second officer approves on <c>/desk/approve</c>.
/// </summary>
[Authorize(Policy = AccessPolicies.Officer)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class EnrolModel(DeskEnrolments desk) : PageModel
{
    [BindProperty]
    public string Unit { get; set; } = "";

    [BindProperty]
    public bool IdentityChecked { get; set; }

    /// <summary>The request just made, waiting for a second officer.</summary>
    public PendingDeskEnrolment? Requested { get; private set; }

    /// <summary>Why the request was refused, or null.</summary>
    public DeskRefusal? Refused { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        (Requested, Refused) = await desk.RequestAsync(OwnerSession.From(User)!, Unit, IdentityChecked, cancellationToken);
        return Page();
    }
}
