using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Money;

/// <summary>
/// <c>/desk/statements</c>: the committee or an officer uploads a statement's lines (.xlsx or .csv)
/// with the period and opening balance; every bad row is listed by number and nothing is published
/// until there is none (issue 7 part 7).
/// </summary>
[Authorize(Policy = AccessPolicies.Organiser)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[RequestSizeLimit(MaxUpload)]
public sealed class PublishModel(StatementDesk desk, OwnersVoteDb db) : PageModel
{
    /// <summary>The largest upload: lines and attachments together.</summary>
    public const int MaxUpload = 20 * 1024 * 1024;

    [BindProperty]
    public string Kind { get; set; } = StatementRow.Fund;

    [BindProperty]
    public string Building { get; set; } = "";

    [BindProperty]
    public DateOnly? From { get; set; }

    [BindProperty]
    public DateOnly? To { get; set; }

    [BindProperty]
    public string Opening { get; set; } = "";

    [BindProperty]
    public IFormFile? Lines { get; set; }

    [BindProperty]
    public List<IFormFile> Attachments { get; set; } = [];

    /// <summary>The compound's buildings for the choice.</summary>
    public IReadOnlyList<string> Buildings { get; private set; } = [];

    /// <summary>The outcome of the last upload, or null.</summary>
    public StatementOutcome? Outcome { get; private set; }

    /// <summary>The session's compound.</summary>
    public string CompoundId => OwnerSession.From(User)!.CompoundId; // The policy demands a compound claim.

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (From is not { } from || To is not { } to || Lines is null)
        {
            Outcome = new StatementOutcome(null, -1, [new ImportProblem(0, ImportProblemCode.BadPeriod, "")]);
            return Page();
        }

        var attachments = new List<UploadedFile>();
        foreach (IFormFile a in Attachments)
        {
            attachments.Add(new UploadedFile(a.FileName, await ReadAsync(a, cancellationToken)));
        }

        Outcome = await desk.PublishAsync(
            OwnerSession.From(User)!,
            new StatementRequest(Kind == StatementRow.Income ? StatementRow.Income : StatementRow.Fund, Building, from, to, Opening),
            new UploadedFile(Lines.FileName, await ReadAsync(Lines, cancellationToken)),
            attachments,
            cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        string compound = CompoundId;
        List<string> buildings = await db.Buildings.AsNoTracking().Where(b => b.CompoundId == compound).Select(b => b.Id).ToListAsync(cancellationToken);
        Buildings = [.. buildings.Order(Results.NaturalUnitOrder.Instance)];
    }

    private static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var memory = new MemoryStream();
        await file.CopyToAsync(memory, cancellationToken);
        return memory.ToArray();
    }
}
