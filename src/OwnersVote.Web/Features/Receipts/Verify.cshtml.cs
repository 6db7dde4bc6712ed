using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OwnersVote.Web.Features.Receipts;

/// <summary>
/// "Verify my ballot" (issue 4 step ⑤): anyone pastes a receipt, or chooses the downloaded file,
/// and the server checks it against this log's key and witnesses (<see cref="ReceiptDesk"/>);
/// <c>ov verify --receipt</c> does the same offline.
/// </summary>
[AllowAnonymous]
public sealed class VerifyModel(ReceiptDesk receipts) : PageModel
{
    /// <summary>The largest receipt accepted (a receipt is a few kilobytes).</summary>
    public const int MaxReceiptBytes = 256 * 1024;

    /// <summary>The pasted receipt.</summary>
    [BindProperty]
    public string? Receipt { get; set; }

    /// <summary>A receipt file.</summary>
    [BindProperty]
    public IFormFile? ReceiptFile { get; set; }

    /// <summary>The check, after a post.</summary>
    public ReceiptCheck? Check { get; private set; }

    /// <summary>True when nothing was given.</summary>
    public bool Empty { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        string? text = Receipt;
        if (ReceiptFile is { Length: > 0 and <= MaxReceiptBytes } file)
        {
            using var reader = new StreamReader(file.OpenReadStream());
            text = await reader.ReadToEndAsync(cancellationToken);
            Receipt = text;
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxReceiptBytes)
        {
            Empty = true;
            return Page();
        }

        Check = await receipts.CheckAsync(text, cancellationToken);
        return Page();
    }
}
