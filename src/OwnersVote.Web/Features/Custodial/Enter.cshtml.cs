using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Custodial;

/// <summary>
/// The first officer at the desk enters the present owner's choice (DESIGN.md "Ballot signing":
/// custodial ballots for owners without a capable phone); a second officer confirms on
/// <c>/desk/custodial/confirm</c>.
/// </summary>
[Authorize(Policy = AccessPolicies.Officer)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class EnterModel(CustodialDesk desk, OwnersVoteDb db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Vote { get; set; }

    [BindProperty]
    public string Unit { get; set; } = "";

    [BindProperty]
    public bool OwnerPresent { get; set; }

    /// <summary>The chosen vote's questions, or empty.</summary>
    public IReadOnlyList<(string Id, string Text)> Questions { get; private set; } = [];

    /// <summary>The offered answers (wire spellings).</summary>
    public IReadOnlyList<string> Options { get; private set; } = [];

    /// <summary>The compound's open votes, to choose from.</summary>
    public IReadOnlyList<MatterRow> OpenVotes { get; private set; } = [];

    /// <summary>The ballot just entered, waiting for a second officer.</summary>
    public PendingCustodial? Entered { get; private set; }

    /// <summary>Why it was refused, or null.</summary>
    public CustodialRefusal? Refused { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Dictionary<string, string> answers = Request.Form
            .Where(f => f.Key.StartsWith("q:", StringComparison.Ordinal))
            .ToDictionary(f => f.Key[2..], f => f.Value.ToString(), StringComparer.Ordinal);
        (Entered, Refused) = await desk.EnterAsync(OwnerSession.From(User)!, Vote ?? "", Unit, answers, OwnerPresent, cancellationToken);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        OwnerSession officer = OwnerSession.From(User)!;
        DateTimeOffset now = time.GetUtcNow();
        List<MatterRow> matters = await db.Matters.AsNoTracking().Where(m => m.CompoundId == officer.CompoundId && m.ClosedAt == null).ToListAsync(cancellationToken);
        OpenVotes = [.. matters.Where(m => m.OpensAt <= now && now < m.ClosesAt).OrderBy(m => m.Id, StringComparer.Ordinal)];
        if (Vote is { Length: > 0 } && await desk.QuestionsAsync(officer, Vote, cancellationToken) is { } found)
        {
            Questions = found.Questions;
            Options = found.Matter.Options.Split('\n');
        }
    }
}
