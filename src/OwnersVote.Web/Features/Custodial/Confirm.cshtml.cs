using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.Receipts;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Custodial;

/// <summary>Whether a custodial ballot's printed receipt can be printed, or what it waits for.</summary>
/// <param name="Index">The ballot's log index.</param>
/// <param name="Held">True while the compound's witnesses have not cosigned a checkpoint covering it.</param>
/// <param name="Waiting">Which witnesses it waits for, and why, while held.</param>
public sealed record CustodialReceiptStatus(long Index, bool Held, string? Waiting)
{
    /// <summary>The status of an issued (or held) receipt.</summary>
    public static CustodialReceiptStatus Of(long index, IssuedReceipt issued)
    {
        ArgumentNullException.ThrowIfNull(issued);
        return new CustodialReceiptStatus(index, issued.Receipt is null, issued.Held);
    }
}

/// <summary>
/// The second officer confirms a custodial ballot in the owner's presence (two-person rule,
/// DESIGN.md §3); the answer links the owner's printed receipt, or says it waits for the
/// compound's witnesses (docs/operations.md "Per-compound witnesses") — as does
/// <c>?receipt={index}</c>, where printing a held receipt leads.
/// </summary>
[Authorize(Policy = AccessPolicies.Officer)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ConfirmModel(CustodialDesk desk) : PageModel
{
    /// <summary>Custodial ballots waiting for a second officer.</summary>
    public IReadOnlyList<PendingCustodial> Pending { get; private set; } = [];

    /// <summary>The ballot just confirmed.</summary>
    public ConfirmedCustodial? Confirmed { get; private set; }

    /// <summary>Whether the printed receipt of the ballot just confirmed (or asked about) can be printed.</summary>
    public CustodialReceiptStatus? Receipt { get; private set; }

    /// <summary>Why the confirmation was refused, or null.</summary>
    public CustodialRefusal? Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? receipt, CancellationToken cancellationToken)
    {
        OwnerSession officer = OwnerSession.From(User)!;
        if (receipt is long index)
        {
            if (await desk.ReceiptAsync(officer, index, cancellationToken) is not { } issued)
            {
                return NotFound();
            }

            Receipt = CustodialReceiptStatus.Of(index, issued);
        }

        Pending = await desk.PendingAsync(officer, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        OwnerSession officer = OwnerSession.From(User)!;
        (Confirmed, Refused) = await desk.ConfirmAsync(officer, id, cancellationToken);
        if (Confirmed is { } confirmed)
        {
            IssuedReceipt issued = await desk.ReceiptAsync(officer, confirmed.Index, cancellationToken)
                ?? throw new InvalidOperationException($"Custodial ballot {confirmed.Index} was appended but is not in the log.");
            Receipt = CustodialReceiptStatus.Of(confirmed.Index, issued);
        }

        Pending = await desk.PendingAsync(officer, cancellationToken);
        return Page();
    }
}
