using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Paper;

/// <summary>
/// 纸质表决票 (officers): print every ballot of a vote as one PDF, or one sheet on demand for a
/// unit; each serial is logged as <c>PaperBallotIssued</c> before the PDF is downloaded.
/// </summary>
[Authorize(Policy = AccessPolicies.Officer)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class PrintModel(PaperPrinting printing) : PageModel
{
    /// <summary>The vote's figures.</summary>
    public PaperVoteSummary? Summary { get; private set; }

    /// <summary>Why the last print was refused, or null.</summary>
    public PrintRefusal? Refused { get; private set; }

    /// <summary>The layout's message when the matter does not fit.</summary>
    public string? Detail { get; private set; }

    /// <summary>The unit to re-issue a sheet for.</summary>
    [BindProperty]
    public string Unit { get; set; } = "";

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        Summary = await printing.SummaryAsync(OwnerSession.From(User)!, id, cancellationToken);
        return Summary is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAllAsync(string id, CancellationToken cancellationToken) =>
        await AnswerAsync(id, await printing.PrintAllAsync(OwnerSession.From(User)!, id, cancellationToken), $"ballots-{id}.pdf", cancellationToken);

    public async Task<IActionResult> OnPostOneAsync(string id, CancellationToken cancellationToken) =>
        await AnswerAsync(id, await printing.ReissueAsync(OwnerSession.From(User)!, id, Unit, cancellationToken), $"ballot-{id}-{SafeName(Unit)}.pdf", cancellationToken);

    private async Task<IActionResult> AnswerAsync(string id, PrintOutcome outcome, string fileName, CancellationToken cancellationToken)
    {
        if (outcome.Refused == PrintRefusal.UnknownVote)
        {
            return NotFound();
        }

        if (outcome.Pdf is { } pdf)
        {
            return File(pdf, "application/pdf", fileName);
        }

        Refused = outcome.Refused;
        Detail = outcome.Detail;
        Summary = await printing.SummaryAsync(OwnerSession.From(User)!, id, cancellationToken);
        return Page();
    }

    private static string SafeName(string unit) =>
        new([.. unit.Trim().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
}
