using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OwnersVote.Web.Features.Money;

/// <summary>
/// A building's special maintenance fund (专项维修资金): public, like the notice in the lobby
/// (Shanghai 住宅物业管理规定 art. 66). Each spending shows the vote that authorised it, and a
/// spending whose vote is still open is shown as planned, outside the balance.
/// </summary>
[AllowAnonymous]
public sealed class FundModel(MoneyQuery money) : PageModel
{
    public FundView Fund { get; private set; } = null!; // Set by OnGetAsync before the page renders.

    public async Task<IActionResult> OnGetAsync(string compound, string building, CancellationToken cancellationToken)
    {
        if (await money.FundAsync(compound, building, cancellationToken) is not { } fund)
        {
            return NotFound();
        }

        Fund = fund;
        return Page();
    }
}
