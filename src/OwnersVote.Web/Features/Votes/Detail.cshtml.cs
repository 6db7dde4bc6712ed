using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Ballots;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Votes;

/// <summary>An attached document as the matter page lists it.</summary>
/// <param name="Name">The file name.</param>
/// <param name="Sha256">SHA-256 of the file, hex, as pinned by MatterPublished.</param>
public sealed record DocumentView(string Name, string Sha256);

/// <summary>
/// A vote's matter — full text, attached documents, scope, the rule in plain words, dates — and,
/// for a signed-in owner, step ② of the owner flow: whether this vote is theirs and the way to vote.
/// </summary>
[AllowAnonymous]
public sealed class DetailModel(VoteQueries votes, BallotDesk desk, OwnersVoteDb db) : PageModel
{
    public VoteDetail Vote { get; private set; } = null!; // Set by OnGetAsync before the page renders.

    /// <summary>The documents attached to the matter, pinned by hash in the log.</summary>
    public IReadOnlyList<DocumentView> Documents { get; private set; } = [];

    /// <summary>The signed-in owner's ballot context, when the vote is theirs.</summary>
    public BallotContext? Ballot { get; private set; }

    /// <summary>Why a signed-in owner may not vote here, or null.</summary>
    public BallotRefused? Refused { get; private set; }

    /// <summary>True for a signed-in owner.</summary>
    public bool IsOwner { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await votes.FindAsync(id, cancellationToken) is not { } vote)
        {
            return NotFound();
        }

        Vote = vote;
        string documents = await db.Matters.AsNoTracking().Where(m => m.Id == id).Select(m => m.Documents).SingleAsync(cancellationToken);
        Documents = JsonSerializer.Deserialize<DocumentView[]>(documents, JsonSerializerOptions.Web) ?? [];
        if (OwnerSession.From(User) is { OwnerHash: not null } session)
        {
            IsOwner = true;
            (Ballot, Refused) = await desk.OpenAsync(session, id, cancellationToken);
        }

        return Page();
    }
}
