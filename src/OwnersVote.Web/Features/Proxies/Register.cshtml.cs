using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Proxies;

/// <summary>
/// An officer registers an owner's written proxy mandate (Shanghai art. 18) from its scan; the
/// proxy's invitation then waits for a second officer on <c>/desk/approve</c>.
/// </summary>
[Authorize(Policy = AccessPolicies.Officer)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[RequestSizeLimit(ProxyDesk.MaxScanBytes + 64 * 1024)]
public sealed class RegisterModel(ProxyDesk proxies) : PageModel
{
    [BindProperty]
    public string Unit { get; set; } = "";

    [BindProperty]
    public string ProxyIdNumber { get; set; } = "";

    [BindProperty]
    public string? Vote { get; set; }

    [BindProperty]
    public DateTime? From { get; set; }

    [BindProperty]
    public DateTime? Until { get; set; }

    [BindProperty]
    public IFormFile? Scan { get; set; }

    /// <summary>The mandate just registered.</summary>
    public RegisteredProxy? Registered { get; private set; }

    /// <summary>The invitation request just made for a proxy mandated online, or null.</summary>
    public Desk.PendingDeskEnrolment? Invited { get; private set; }

    /// <summary>Why the registration was refused, or null.</summary>
    public ProxyRefusal? Refused { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        byte[]? scan = null;
        if (Scan is { Length: > 0 and <= ProxyDesk.MaxScanBytes })
        {
            using var buffer = new MemoryStream();
            await Scan.CopyToAsync(buffer, cancellationToken);
            scan = buffer.ToArray();
        }

        // The form's times are Beijing time (UTC+8), as printed on the paper mandate.
        (Registered, Refused) = await proxies.RegisterAsync(
            OwnerSession.From(User)!, Unit, ProxyIdNumber, Vote, Beijing(From), Beijing(Until), scan, cancellationToken);
        ProxyIdNumber = "";
        return Page();
    }

    /// <summary>
    /// A proxy whom an owner mandated online by ID number is at the desk: after checking their ID
    /// card, the officer asks for their invitation, which a second officer approves.
    /// </summary>
    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        (Invited, Refused) = await proxies.RequestInvitationAsync(OwnerSession.From(User)!, Unit, ProxyIdNumber, cancellationToken);
        ProxyIdNumber = "";
        return Page();
    }

    private static DateTimeOffset? Beijing(DateTime? local) =>
        local is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Unspecified), TimeSpan.FromHours(8)).ToUniversalTime() : null;
}
