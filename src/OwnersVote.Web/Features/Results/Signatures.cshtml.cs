using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Results;

/// <summary>One online ballot with a handwritten signature, as officers see it.</summary>
/// <param name="LogIndex">The ballot's log entry.</param>
/// <param name="Units">The units it covers.</param>
/// <param name="Choice">Its answer to the main question.</param>
/// <param name="Counts">Whether it counts now.</param>
/// <param name="Handwriting">SHA-256 of the signature image, as signed in the ballot.</param>
public sealed record SignedBallotView(long LogIndex, string Units, string Choice, bool Counts, string Handwriting);

/// <summary>
/// The officers' and committee's view of a vote's handwritten signatures (issue 11): each online
/// ballot that carries one, with the image stored under the hash the owner signed. Only staff and
/// officers of the vote's compound see it; owners see their own on the receipt.
/// </summary>
[Authorize(Policy = AccessPolicies.Officer)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class SignaturesModel(OwnersVoteDb db) : PageModel
{
    /// <summary>The vote's title.</summary>
    public string Title { get; private set; } = "";

    /// <summary>The vote id.</summary>
    public string VoteId { get; private set; } = "";

    /// <summary>The ballots with a handwritten signature, in log order.</summary>
    public IReadOnlyList<SignedBallotView> Ballots { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        OwnerSession? session = OwnerSession.From(User);
        MatterRow? matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (session is null || matter is null || matter.CompoundId != session.CompoundId)
        {
            return NotFound();
        }

        VoteId = id;
        Title = matter.Title;
        List<BallotRow> rows = await db.Ballots.AsNoTracking()
            .Where(b => b.MatterId == id && b.Handwriting != null)
            .OrderBy(b => b.LogIndex)
            .ToListAsync(cancellationToken);
        List<UnitRow> units = await db.Units.AsNoTracking().Where(u => u.VoteId == id).ToListAsync(cancellationToken);
        ILookup<string, string> unitsByOwner = units.ToLookup(u => u.OwnerId, u => u.Id, StringComparer.Ordinal);
        Ballots = [.. rows.Select(b => new SignedBallotView(b.LogIndex, string.Join("、", unitsByOwner[b.OwnerId].Order(StringComparer.Ordinal)), b.Choice, b.Counts, b.Handwriting!))];
        return Page();
    }
}
