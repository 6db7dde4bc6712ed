using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Notices;

/// <summary><c>/notices</c>: the notices that concern the signed-in owner, unread ones marked.</summary>
[Authorize(Policy = AccessPolicies.Owner)]
public sealed class ListModel(NoticeBoard board) : PageModel
{
    public IReadOnlyList<NoticeView> Notices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Notices = await board.ForOwnerAsync(OwnerSession.From(User)!, cancellationToken); // The owner policy demands the claims.
}
