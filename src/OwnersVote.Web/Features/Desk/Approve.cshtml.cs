using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Desk;

/// <summary>
/// The second officer approves a desk request (two-person rule, DESIGN.md §3); the answer is the
/// owner's printable invitation letter, the only time its one-time code is shown.
/// </summary>
[Authorize(Policy = AccessPolicies.Officer)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ApproveModel(DeskEnrolments desk) : PageModel
{
    /// <summary>Requests waiting for a second officer.</summary>
    public IReadOnlyList<PendingDeskEnrolment> Pending { get; private set; } = [];

    /// <summary>The letter just issued.</summary>
    public InvitationLetter? Letter { get; private set; }

    /// <summary>Why the approval was refused, or null.</summary>
    public DeskRefusal? Refused { get; private set; }

    /// <summary>The signed-in officer.</summary>
    public string Officer { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        string signIn = $"{Request.Scheme}://{Request.Host}/signin";
        (Letter, Refused) = await desk.ApproveAsync(OwnerSession.From(User)!, id, signIn, cancellationToken);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        OwnerSession session = OwnerSession.From(User)!;
        Officer = session.StaffId ?? "";
        Pending = await desk.PendingAsync(session, cancellationToken);
    }
}
