using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OwnersVote.Web.Features.Money;

/// <summary>The compound's public income (公共收益), quarter by quarter (Shanghai 住宅物业管理规定 art. 66): public.</summary>
[AllowAnonymous]
public sealed class IncomeModel(MoneyQuery money) : PageModel
{
    public IncomeView Income { get; private set; } = null!; // Set by OnGetAsync before the page renders.

    public async Task<IActionResult> OnGetAsync(string compound, CancellationToken cancellationToken)
    {
        if (await money.IncomeAsync(compound, cancellationToken) is not { } income)
        {
            return NotFound();
        }

        Income = income;
        return Page();
    }
}
