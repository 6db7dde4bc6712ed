using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Votes;

namespace OwnersVote.Web.Features.Receipts;

/// <summary>
/// Step ⑤ (issue 4): the receipt of a log entry — index, leaf hash, checkpoint with its
/// cosignatures and the inclusion proof, as c2sp.org/tlog-proof text to keep or download — checked
/// here as the verify page checks a pasted one. Public: the log is public, and names are not in it.
/// Like <c>GET /api/receipts/{index}</c>, the receipt is given only on a checkpoint the deployment's
/// and the entry's compound's witnesses have cosigned (docs/operations.md "Per-compound
/// witnesses"); until then the page says the entry is in the log and what it waits for.
/// </summary>
[AllowAnonymous]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ReceiptModel(ReceiptDesk receipts, VoteQueries votes) : PageModel
{
    /// <summary>Seconds between asking again for a held receipt (the API's Retry-After too).</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>The entry index.</summary>
    public long Index { get; private set; }

    /// <summary>What the receipt waits for (which witnesses, and why), or null once it is given.</summary>
    public string? Held { get; private set; }

    /// <summary>The receipt text (c2sp.org/tlog-proof); empty while held.</summary>
    public string Text { get; private set; } = "";

    /// <summary>What checking it found; null while held.</summary>
    public ReceiptCheck? Check { get; private set; }

    /// <summary>The vote of the ballot, when the entry is one.</summary>
    public VoteSummary? Vote { get; private set; }

    /// <summary>True right after the owner cast this ballot.</summary>
    public bool JustCast { get; private set; }

    public async Task<IActionResult> OnGetAsync(long index, bool cast, CancellationToken cancellationToken)
    {
        if (await receipts.IssueWitnessedAsync(index, null, null, cancellationToken) is not { } issued)
        {
            return NotFound();
        }

        Index = index;
        JustCast = cast;
        if (issued.Receipt is not { } receipt)
        {
            // The entry stands in the log; only its receipt waits for the witnesses. A person reads
            // this page, so it answers 200 with a status note (not the API's 503); Retry-After says
            // when asking again is worth it, and receipt-held.js does so.
            Held = issued.Held;
            Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Page();
        }

        Text = Encoding.UTF8.GetString(receipt.Format());
        Check = await receipts.CheckAsync(Text, cancellationToken);
        Vote = Check.Ballot is { } ballot ? (await votes.FindAsync(ballot.Vote, cancellationToken))?.Summary : null;
        return Page();
    }

    /// <summary>How the count treats the ballot now.</summary>
    public BallotRow? Row => Check?.Row;
}
