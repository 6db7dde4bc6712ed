using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Privacy;

/// <summary>
/// "My data" (我的个人信息): everything held about the signed-in owner, readable, with a JSON
/// download (<see cref="MyDataApi"/>). PIPL arts. 44–45; DESIGN.md §1.
/// </summary>
[Authorize(Policy = SignInSetup.OwnerPolicy)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class MyDataModel(MyDataQuery query) : PageModel
{
    /// <summary>The owner's data.</summary>
    public OwnerDataExport Data { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // The owner policy guarantees an owner's session.
        if (await query.ForAsync(OwnerSession.From(User)!, cancellationToken) is not { } data)
        {
            return NotFound();
        }

        Data = data;
        return Page();
    }
}
