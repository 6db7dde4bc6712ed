using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Home;

/// <summary>The home page: each compound with its open and closed votes.</summary>
[AllowAnonymous]
public sealed class IndexModel(HomeQuery home) : PageModel
{
    public IReadOnlyList<CompoundOverview> Compounds { get; private set; } = [];

    /// <summary>True when a signed-in owner sees only the votes that are theirs.</summary>
    public bool ForOwner { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        OwnerSession? session = OwnerSession.From(User);
        ForOwner = session?.OwnerHash is not null;
        Compounds = await home.GetAsync(ForOwner ? session : null, cancellationToken);
    }
}
