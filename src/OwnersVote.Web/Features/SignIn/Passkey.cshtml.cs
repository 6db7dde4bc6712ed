using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OwnersVote.Web.Features.SignIn;

/// <summary>Right after the first sign-in: one big button that registers a passkey (wwwroot/js/passkey.js).</summary>
[Authorize(Policy = SignInSetup.OwnerPolicy)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class PasskeyModel : PageModel
{
    /// <summary>True after the passkey was enrolled.</summary>
    public bool Done { get; private set; }

    public void OnGet(int? done) => Done = done == 1;
}
