using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Ledger;

namespace OwnersVote.Web.Features.RollBook;

/// <summary>
/// <c>/roll/letters</c> (officers): invitation letters for every owner of a building as one PDF
/// (one officer asks, another approves and prints), and the record of each letter's delivery.
/// </summary>
[Authorize(Policy = AccessPolicies.Officer)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class LettersModel(InvitationLetters letters, RollBook roll, IOptions<LogOptions> options) : PageModel
{
    public IReadOnlyList<string> Buildings { get; private set; } = [];

    public IReadOnlyList<PendingLetterBatch> Pending { get; private set; } = [];

    public IReadOnlyList<LetterView> Letters { get; private set; } = [];

    public PendingLetterBatch? Requested { get; private set; }

    public LetterRefusal? Refused { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(Officer.CompoundOf(User), cancellationToken);

    public async Task<IActionResult> OnPostRequestAsync(string? building, CancellationToken cancellationToken)
    {
        Officer officer = Officer.From(User);
        (Requested, Refused) = await letters.RequestAsync(officer.Compound, officer.StaffId, building ?? "", cancellationToken);
        return await PageAsync(officer.Compound, cancellationToken);
    }

    public async Task<IActionResult> OnPostApproveAsync(string? id, CancellationToken cancellationToken)
    {
        Officer officer = Officer.From(User);
        // The configured address, never the request's Host header: the letters outlive the request.
        (byte[]? pdf, LetterRefusal? refused) = await letters.ApproveAsync(officer.Compound, officer.StaffId, id ?? "", options.Value.PublicUrl, cancellationToken);
        if (pdf is null)
        {
            Refused = refused;
            return await PageAsync(officer.Compound, cancellationToken);
        }

        // The only copy of the codes: printed now, never shown again.
        return File(pdf, "application/pdf", $"invitation-letters-{id}.pdf");
    }

    public async Task<IActionResult> OnPostDeliverAsync(string? id, string? method, CancellationToken cancellationToken)
    {
        Officer officer = Officer.From(User);
        Refused = await letters.RecordDeliveryAsync(officer.Compound, officer.StaffId, id ?? "", method ?? "", cancellationToken);
        return await PageAsync(officer.Compound, cancellationToken);
    }

    private async Task<IActionResult> PageAsync(string compound, CancellationToken cancellationToken)
    {
        if (Refused is not null)
        {
            Response.StatusCode = Refused == LetterRefusal.Unknown ? StatusCodes.Status404NotFound : StatusCodes.Status422UnprocessableEntity;
        }

        await LoadAsync(compound, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(string compound, CancellationToken cancellationToken)
    {
        Buildings = await roll.BuildingsAsync(compound, cancellationToken);
        Pending = await letters.PendingAsync(compound, cancellationToken);
        Letters = await letters.LettersAsync(compound, cancellationToken);
    }
}
