using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Paper;

/// <summary>
/// The review queue (<see cref="PaperReview"/>): each scanned page with its boxes outlined, what was
/// read, and why it needs a look; a first officer confirms or corrects, a second approves.
/// </summary>
[Authorize(Policy = AccessPolicies.Officer)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ReviewModel(PaperReview review) : PageModel
{
    /// <summary>The vote.</summary>
    public string VoteId { get; private set; } = "";

    /// <summary>The matter's questions in ballot order.</summary>
    public IReadOnlyList<ReviewQuestion> Questions { get; private set; } = [];

    /// <summary>The queue.</summary>
    public IReadOnlyList<ReviewItem> Items { get; private set; } = [];

    /// <summary>The signed-in officer.</summary>
    public string Officer { get; private set; } = "";

    /// <summary>What the last step did, or null after a GET.</summary>
    public ReviewOutcome? Outcome { get; private set; }

    /// <summary>The item acted on.</summary>
    [BindProperty]
    public string Item { get; set; } = "";

    /// <summary>The confirmed answer per question id.</summary>
    [BindProperty]
    public Dictionary<string, string> Answers { get; set; } = [];

    /// <summary>The first officer sees a signature.</summary>
    [BindProperty]
    public bool Signed { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostConfirmAsync(string id, CancellationToken cancellationToken)
    {
        Outcome = await review.ConfirmAsync(OwnerSession.From(User)!, id, Item, Answers, Signed, cancellationToken);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostApproveAsync(string id, CancellationToken cancellationToken)
    {
        Outcome = await review.ApproveAsync(OwnerSession.From(User)!, id, Item, cancellationToken);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostReturnAsync(string id, CancellationToken cancellationToken)
    {
        Outcome = await review.ReturnAsync(OwnerSession.From(User)!, id, Item, cancellationToken);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>The answer a select starts on: the confirmed one, else what was read (none or several marks: invalid).</summary>
    public static string Suggested(ReviewItem item, int index, string question)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Answers.TryGetValue(question, out string? confirmed))
        {
            return confirmed;
        }

        StoredQuestion? read = item.Reading.Questions.FirstOrDefault(q => q.Number == index + 1);
        return read?.Value is "yes" or "no" or "abstain" ? read.Value : "invalid";
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        VoteId = id;
        OwnerSession session = OwnerSession.From(User)!;
        Officer = session.StaffId ?? "";
        if (await review.QuestionsAsync(session, id, cancellationToken) is not { } questions)
        {
            return false;
        }

        Questions = questions;
        Items = await review.ItemsAsync(session, id, cancellationToken);
        return true;
    }
}
