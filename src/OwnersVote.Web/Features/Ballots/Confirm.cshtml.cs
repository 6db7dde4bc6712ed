using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Ballots;

/// <summary>
/// Step ④ (issue 4): the choice in plain words, then the passkey signs the exact ballot
/// (wwwroot/js/ballot.js asks <c>/api/votes/{id}/ballot/options</c> for the ballot and its
/// challenge, then posts the assertion). A refused signature comes back here with <c>error=</c>.
/// </summary>
[Authorize(Policy = SignInSetup.OwnerPolicy)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ConfirmModel(BallotDesk desk) : PageModel
{
    /// <summary>The owner's ballot context, when they may vote.</summary>
    public BallotContext? Context { get; private set; }

    /// <summary>Why the owner may not vote here, or null.</summary>
    public BallotRefused? Refused { get; private set; }

    /// <summary>The vote id.</summary>
    public string VoteId { get; private set; } = "";

    /// <summary>The answers to confirm.</summary>
    public IReadOnlyDictionary<string, string> Chosen { get; private set; } = new Dictionary<string, string>();

    /// <summary>The refusal code the signing step came back with, if any.</summary>
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string? error, CancellationToken cancellationToken)
    {
        // Issue 11: WeChat's in-app browser cannot sign here; it gets the guidance page.
        if (OpenInBrowserModel.IsInAppBrowser(Request.Headers.UserAgent))
        {
            return LocalRedirect(OpenInBrowserModel.For(Request.Path + Request.QueryString));
        }

        VoteId = id;
        (Context, Refused) = await desk.OpenAsync(OwnerSession.From(User)!, id, cancellationToken);
        if (Refused?.Reason == BallotRefusal.NoSuchVote)
        {
            return NotFound();
        }

        Chosen = BallotAnswers.FromQuery(Request.Query);
        if (Context is not null && Refused is null && !BallotAnswers.Complete(Chosen, Context))
        {
            // Nothing (or not everything) chosen: back to the choice.
            return LocalRedirect($"/votes/{Uri.EscapeDataString(id)}/ballot{BallotAnswers.ToQuery(Chosen)}");
        }

        Error = error is { Length: > 0 and <= 64 } ? error : null;
        return Page();
    }
}
