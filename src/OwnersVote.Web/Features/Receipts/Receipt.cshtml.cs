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
/// </summary>
[AllowAnonymous]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ReceiptModel(ReceiptDesk receipts, VoteQueries votes) : PageModel
{
    /// <summary>The receipt text (c2sp.org/tlog-proof).</summary>
    public string Text { get; private set; } = "";

    /// <summary>What checking it found.</summary>
    public ReceiptCheck Check { get; private set; } = null!; // Set by OnGetAsync before the page renders.

    /// <summary>The vote of the ballot, when the entry is one.</summary>
    public VoteSummary? Vote { get; private set; }

    /// <summary>True right after the owner cast this ballot.</summary>
    public bool JustCast { get; private set; }

    public async Task<IActionResult> OnGetAsync(long index, bool cast, CancellationToken cancellationToken)
    {
        if (await receipts.IssueAsync(index, cancellationToken) is not { } receipt)
        {
            return NotFound();
        }

        Text = Encoding.UTF8.GetString(receipt.Format());
        Check = await receipts.CheckAsync(Text, cancellationToken);
        Vote = Check.Ballot is { } ballot ? (await votes.FindAsync(ballot.Vote, cancellationToken))?.Summary : null;
        JustCast = cast;
        return Page();
    }

    /// <summary>How the count treats the ballot now.</summary>
    public BallotRow? Row => Check.Row;
}
