using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Paper;

/// <summary>Officers upload scanned sheets; every page is read and queued for review (<see cref="PaperScanning"/>).</summary>
[Authorize(Policy = AccessPolicies.Officer)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[RequestSizeLimit(PaperOptions.MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = PaperOptions.MaxUploadBytes)]
public sealed class UploadModel(PaperScanning scanning, PaperReview review) : PageModel
{
    /// <summary>The vote.</summary>
    public string VoteId { get; private set; } = "";

    /// <summary>The scanned files.</summary>
    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    /// <summary>What the last upload did, or null.</summary>
    public UploadOutcome? Outcome { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        VoteId = id;
        return await review.QuestionsAsync(OwnerSession.From(User)!, id, cancellationToken) is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        VoteId = id;
        var files = new List<UploadedFile>(Files.Count);
        foreach (IFormFile file in Files.Where(f => f.Length > 0))
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            files.Add(new UploadedFile(Path.GetFileName(file.FileName), buffer.ToArray()));
        }

        Outcome = await scanning.UploadAsync(OwnerSession.From(User)!, id, files, cancellationToken);
        return Outcome is null ? NotFound() : Page();
    }
}
