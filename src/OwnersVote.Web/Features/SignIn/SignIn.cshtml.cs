using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Localization;

namespace OwnersVote.Web.Features.SignIn;

/// <summary>
/// Step ① (issue 4): the first time, the one-time invitation code from the owner's letter; later,
/// the passkey (the button is driven by wwwroot/js/passkey.js). Wrong, expired or used codes change
/// nothing; attempts are limited per client (<see cref="SignInAttempts"/>).
/// </summary>
[AllowAnonymous]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class SignInModel(InvitationRedeemer redeemer, SignInAttempts attempts, UiText text, Microsoft.Extensions.Options.IOptions<OidcOptions> oidc) : PageModel
{
    /// <summary>The code as typed, or as carried by a printed letter's QR code (<c>/signin?code=…</c>: shown, never redeemed by a GET).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    /// <summary>The last four digits of the owner's phone, asked for when the roll has one.</summary>
    [BindProperty]
    public string? PhoneEnding { get; set; }

    /// <summary>True when the code is valid and the roll has the owner's phone: the digits field is shown.</summary>
    public bool AskPhone { get; private set; }

    /// <summary>Why the last attempt was refused, in the page's language.</summary>
    public string? Error { get; private set; }

    /// <summary>The identity provider's button label, or null when sign-in through one is not configured.</summary>
    public string? ExternalProvider => oidc.Value.Enabled ? oidc.Value.DisplayName : null;

    public void OnGet(string? external)
    {
        // Where an external sign-in came back refused (ExternalSignIn): say why.
        Error = external switch
        {
            ExternalSignIn.UnknownOwner => text.ExternalUnknownOwner,
            ExternalSignIn.Ambiguous => text.ExternalAmbiguous,
            ExternalSignIn.Failed => text.ExternalFailed,
            _ => null,
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Code))
        {
            Error = text.CodeRequired;
            return Page();
        }

        string client = SignInAttempts.ClientOf(HttpContext);
        if (!attempts.TryBegin(client))
        {
            Error = text.TooManyAttempts;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        InvitationOutcome outcome;
        bool refused = false;
        try
        {
            outcome = await redeemer.RedeemAsync(Code, PhoneEnding, cancellationToken);
            // Asking for the phone ending is a step of a right code, not a refusal.
            refused = outcome.Session is null && outcome.Refusal is not InvitationRefusal.PhoneRequired;
        }
        finally
        {
            attempts.End(client, refused);
        }

        if (outcome.Session is not { } session)
        {
            AskPhone = outcome.Refusal is InvitationRefusal.PhoneRequired or InvitationRefusal.PhoneMismatch;
            Error = outcome.Refusal switch
            {
                InvitationRefusal.Expired => text.CodeExpired,
                InvitationRefusal.Used => text.CodeUsed,
                InvitationRefusal.PhoneRequired => null,
                InvitationRefusal.PhoneMismatch => text.PhoneEndingWrong,
                _ => text.CodeUnknown,
            };
            return Page();
        }

        await session.SignInAsync(HttpContext);
        // An owner sets up a passkey on this device right after signing in with the letter (an
        // owner may hold several, e.g. phone and tablet); staff have no ballot to sign.
        // Officers go to their desk.
        return session.OwnerHash is not null ? LocalRedirect("/signin/passkey")
            : session.Role == Roles.Officer ? LocalRedirect("/desk/enrol")
            : LocalRedirect("/");
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect("/signin");
    }
}
