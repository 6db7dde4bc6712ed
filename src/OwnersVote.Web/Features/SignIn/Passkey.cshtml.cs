using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OwnersVote.Web.Features.SignIn;

/// <summary>Right after the first sign-in: one big button that registers a passkey (wwwroot/js/passkey.js).</summary>
[Authorize(Policy = SignInSetup.OwnerPolicy)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class PasskeyModel(Privacy.OwnerIdentities identities) : PageModel
{
    /// <summary>True after the passkey was enrolled.</summary>
    public bool Done { get; private set; }

    /// <summary>True when the credential just enrolled is a device key (issue 11).</summary>
    public bool DeviceKey { get; private set; }

    /// <summary>True when the roll has no phone number for the owner, so the code alone identified them (issue 4).</summary>
    public bool NoPhoneOnFile { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? done, CancellationToken cancellationToken)
    {
        if (OwnerSession.From(User) is { OwnerHash: { } owner } session)
        {
            NoPhoneOnFile = await identities.PhoneEndingAsync(session.CompoundId, owner, cancellationToken) is null;
        }

        // Issue 11: WeChat's in-app browser gets the guidance to open the system browser.
        if (Ballots.OpenInBrowserModel.IsInAppBrowser(Request.Headers.UserAgent))
        {
            return LocalRedirect(Ballots.OpenInBrowserModel.For(Request.Path + Request.QueryString));
        }

        Done = done is 1 or 2;
        DeviceKey = done == 2;
        return Page();
    }
}
