using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Proxies;

/// <summary>
/// The owner's proxy mandates (Shanghai art. 18) and their revocation (Civil Code art. 173): a
/// revocation is logged as <c>ProxyRevoked</c> and refuses the proxy's later ballots.
/// </summary>
[Authorize(Policy = AccessPolicies.Owner)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class MineModel(ProxyDesk proxies) : PageModel
{
    /// <summary>The mandates the owner granted.</summary>
    public IReadOnlyList<ProxyView> Mandates { get; private set; } = [];

    /// <summary>Why the revocation was refused, or null.</summary>
    public ProxyRefusal? Refused { get; private set; }

    /// <summary>True right after a revocation.</summary>
    public bool Revoked { get; private set; }

    /// <summary>The log entry of a mandate just signed online (<c>/proxies/grant</c>), or null.</summary>
    [FromQuery(Name = "granted")]
    public long? Granted { get; set; }

    /// <summary>True when that mandate's proxy still needs an invitation from the desk.</summary>
    [FromQuery(Name = "invite")]
    public bool Invite { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Mandates = await proxies.GrantedByAsync(OwnerSession.From(User)!, cancellationToken);

    public async Task<IActionResult> OnPostAsync(string mandate, CancellationToken cancellationToken)
    {
        OwnerSession owner = OwnerSession.From(User)!;
        Refused = await proxies.RevokeAsync(owner, mandate, cancellationToken);
        Revoked = Refused is null;
        Mandates = await proxies.GrantedByAsync(owner, cancellationToken);
        return Page();
    }
}
