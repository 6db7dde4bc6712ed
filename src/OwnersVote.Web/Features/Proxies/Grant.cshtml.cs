using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Proxies;

/// <summary>A vote the owner may mandate a proxy for: not closed.</summary>
/// <param name="Id">The vote id.</param>
/// <param name="Title">Its title.</param>
public sealed record MandateVote(string Id, string Title);

/// <summary>
/// The owner grants a proxy online (Shanghai art. 18): names the proxy (an owner of the compound by
/// unit, or anyone by ID number), chooses one vote or a period, reads the mandate in plain words and
/// signs it with their passkey or device key (mandate.js posts the assertion to <c>/api/proxies/mandate</c>).
/// </summary>
[Authorize(Policy = AccessPolicies.Owner)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class GrantModel(OnlineMandates mandates, OwnersVoteDb db, TimeProvider time) : PageModel
{
    [BindProperty]
    public string? ProxyUnit { get; set; }

    [BindProperty]
    public string? ProxyIdNumber { get; set; }

    [BindProperty]
    public string? Vote { get; set; }

    [BindProperty]
    public DateTime? From { get; set; }

    [BindProperty]
    public DateTime? Until { get; set; }

    /// <summary>The votes the mandate may be for.</summary>
    public IReadOnlyList<MandateVote> Votes { get; private set; } = [];

    /// <summary>The mandate to read and sign, after the form.</summary>
    public PreparedMandate? Prepared { get; private set; }

    /// <summary>Why the mandate was refused, or null.</summary>
    public ProxyRefusal? Refused { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Votes = await VotesAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Votes = await VotesAsync(cancellationToken);
        // The form's times are Beijing time (UTC+8), as the owner reads them.
        (Prepared, Refused) = await mandates.PrepareAsync(
            OwnerSession.From(User)!, ProxyUnit, ProxyIdNumber, Vote, Beijing(From), Beijing(Until), cancellationToken);
        ProxyIdNumber = null;
        return Page();
    }

    private async Task<IReadOnlyList<MandateVote>> VotesAsync(CancellationToken cancellationToken)
    {
        string compound = OwnerSession.From(User)!.CompoundId;
        DateTimeOffset now = time.GetUtcNow();
        List<MatterRow> open = await db.Matters.AsNoTracking().Where(m => m.CompoundId == compound && m.ClosedAt == null).ToListAsync(cancellationToken);
        return [.. open.Where(m => m.ClosesAt > now).OrderBy(m => m.OpensAt).ThenBy(m => m.Id, StringComparer.Ordinal).Select(m => new MandateVote(m.Id, m.Title))];
    }

    private static DateTimeOffset? Beijing(DateTime? local) =>
        local is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Unspecified), TimeSpan.FromHours(8)).ToUniversalTime() : null;
}
