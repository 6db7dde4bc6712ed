using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OwnersVote.Web.Features.Home;

/// <summary>The home page: each compound with its open and closed votes.</summary>
public sealed class IndexModel(HomeQuery home) : PageModel
{
    public IReadOnlyList<CompoundOverview> Compounds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Compounds = await home.GetAsync(cancellationToken);
}
