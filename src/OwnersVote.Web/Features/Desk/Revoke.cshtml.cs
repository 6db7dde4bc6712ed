using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Desk;

/// <summary>
/// Revoking an owner's credentials at the desk (a lost phone): one officer asks with the owner
/// present, a different officer approves (DESIGN.md §3), and each revoked credential is logged as
/// <c>CredentialRevoked</c> naming both.
/// </summary>
[Authorize(Policy = AccessPolicies.Officer)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class RevokeModel(CredentialRevocations revocations) : PageModel
{
    [BindProperty]
    public string Unit { get; set; } = "";

    [BindProperty]
    public string Reason { get; set; } = "";

    [BindProperty]
    public bool IdentityChecked { get; set; }

    /// <summary>Requests waiting for a second officer.</summary>
    public IReadOnlyList<PendingRevocation> Pending { get; private set; } = [];

    /// <summary>The request just made.</summary>
    public PendingRevocation? Requested { get; private set; }

    /// <summary>The credentials just revoked.</summary>
    public RevokedCredentials? Revoked { get; private set; }

    /// <summary>Why the last step was refused, or null.</summary>
    public RevocationRefusal? Refused { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Pending = await revocations.PendingAsync(OwnerSession.From(User)!, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        OwnerSession officer = OwnerSession.From(User)!;
        (Requested, Refused) = await revocations.RequestAsync(officer, Unit, Reason, IdentityChecked, cancellationToken);
        Pending = await revocations.PendingAsync(officer, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostApproveAsync(string id, CancellationToken cancellationToken)
    {
        OwnerSession officer = OwnerSession.From(User)!;
        (Revoked, Refused) = await revocations.ApproveAsync(officer, id, cancellationToken);
        Pending = await revocations.PendingAsync(officer, cancellationToken);
        return Page();
    }
}
