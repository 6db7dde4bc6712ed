using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Lifecycle;

/// <summary><c>/manage/votes</c>: the compound's drafts and votes with their lifecycle stage (issue 7 part 1).</summary>
[Authorize(Policy = AccessPolicies.Organiser)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ManageModel(LifecycleQueries queries) : PageModel
{
    public IReadOnlyList<ManagedVote> Votes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Votes = await queries.ListAsync(OwnerSession.From(User)!.CompoundId, cancellationToken);
}
