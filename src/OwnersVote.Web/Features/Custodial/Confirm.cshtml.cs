using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Custodial;

/// <summary>
/// The second officer confirms a custodial ballot in the owner's presence (two-person rule,
/// DESIGN.md §3); the answer links the owner's printed receipt.
/// </summary>
[Authorize(Policy = AccessPolicies.Officer)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ConfirmModel(CustodialDesk desk) : PageModel
{
    /// <summary>Custodial ballots waiting for a second officer.</summary>
    public IReadOnlyList<PendingCustodial> Pending { get; private set; } = [];

    /// <summary>The ballot just confirmed.</summary>
    public ConfirmedCustodial? Confirmed { get; private set; }

    /// <summary>Why the confirmation was refused, or null.</summary>
    public CustodialRefusal? Refused { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Pending = await desk.PendingAsync(OwnerSession.From(User)!, cancellationToken);

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        OwnerSession officer = OwnerSession.From(User)!;
        (Confirmed, Refused) = await desk.ConfirmAsync(officer, id, cancellationToken);
        Pending = await desk.PendingAsync(officer, cancellationToken);
        return Page();
    }
}
