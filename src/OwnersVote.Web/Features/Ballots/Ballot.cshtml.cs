using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Ballots;

/// <summary>
/// Step ③ (issue 4): one answer per question for the principal's one ballot (JI art. 9), as a
/// plain form that works without JavaScript; the answers go on to the confirmation (step ④).
/// </summary>
[Authorize(Policy = SignInSetup.OwnerPolicy)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class BallotModel(BallotDesk desk) : PageModel
{
    /// <summary>The owner's ballot context, when they may vote.</summary>
    public BallotContext? Context { get; private set; }

    /// <summary>Why the owner may not vote here, or null.</summary>
    public BallotRefused? Refused { get; private set; }

    /// <summary>The vote id.</summary>
    public string VoteId { get; private set; } = "";

    /// <summary>The answers chosen so far (question id → wire choice), to re-check the radios.</summary>
    public IReadOnlyDictionary<string, string> Chosen { get; private set; } = new Dictionary<string, string>();

    /// <summary>True when the form came back without an answer to every question.</summary>
    public bool Incomplete { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        Chosen = BallotAnswers.FromQuery(Request.Query);
        return Refused?.Reason == BallotRefusal.NoSuchVote ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        if (Context is null || Refused is not null)
        {
            return Refused?.Reason == BallotRefusal.NoSuchVote ? NotFound() : Page();
        }

        Chosen = BallotAnswers.FromForm(Request.Form, Context);
        if (!BallotAnswers.Complete(Chosen, Context))
        {
            Incomplete = true;
            return Page();
        }

        return LocalRedirect($"/votes/{Uri.EscapeDataString(id)}/ballot/confirm{BallotAnswers.ToQuery(Chosen)}");
    }

    private async Task LoadAsync(string id, CancellationToken cancellationToken)
    {
        VoteId = id;
        (Context, Refused) = await desk.OpenAsync(OwnerSession.From(User)!, id, cancellationToken);
    }
}
