using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.Money;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Notices;

/// <summary><c>/desk/notices</c>: the committee or an officer publishes a notice, and sees how many owners of each building have read each one.</summary>
[Authorize(Policy = AccessPolicies.Organiser)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[RequestSizeLimit(PublishModel.MaxUpload)]
public sealed class DeskModel(NoticeBoard board, OwnersVoteDb db) : PageModel
{
    [BindProperty]
    public string Title { get; set; } = "";

    [BindProperty]
    public string Body { get; set; } = "";

    [BindProperty]
    public List<string> Scope { get; set; } = [];

    [BindProperty]
    public List<IFormFile> Attachments { get; set; } = [];

    public IReadOnlyList<string> Buildings { get; private set; } = [];

    public IReadOnlyList<NoticeReceipts> Receipts { get; private set; } = [];

    /// <summary>The log entry of the notice just published, or null.</summary>
    public long? Published { get; private set; }

    /// <summary>Why the notice was refused, or null.</summary>
    public string? Refused { get; private set; }

    /// <summary>Whether the last notice was refused as larger than one log entry holds.</summary>
    public bool TooLarge { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var files = new List<UploadedFile>();
        foreach (IFormFile a in Attachments)
        {
            using var memory = new MemoryStream();
            await a.CopyToAsync(memory, cancellationToken);
            files.Add(new UploadedFile(a.FileName, memory.ToArray()));
        }

        try
        {
            (_, long index) = await board.PublishAsync(OwnerSession.From(User)!, Title, Body, Scope, files, cancellationToken);
            Published = index;
        }
        catch (NoticeTooLargeException)
        {
            TooLarge = true;
        }
        catch (ArgumentException e)
        {
            Refused = e.Message;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        string compound = OwnerSession.From(User)!.CompoundId; // The policy demands a compound claim.
        List<string> buildings = await db.Buildings.AsNoTracking().Where(b => b.CompoundId == compound).Select(b => b.Id).ToListAsync(cancellationToken);
        Buildings = [.. buildings.Order(Results.NaturalUnitOrder.Instance)];
        Receipts = await board.ReceiptsAsync(compound, cancellationToken);
    }
}
