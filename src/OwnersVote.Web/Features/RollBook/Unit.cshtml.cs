using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Web.Features.Access;

namespace OwnersVote.Web.Features.RollBook;

/// <summary>
/// <c>/roll/units/{unit}</c> (officers): one unit of the compound's roll — correct its building,
/// area and source (JI art. 8), its owners' particulars, record a sale (the new owner votes in votes
/// opened after it), co-owners and which of them casts the unit's vote (JI art. 9), and its history.
/// </summary>
[Authorize(Policy = AccessPolicies.Officer)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class UnitModel(RollBook roll) : PageModel
{
    private static readonly TimeSpan s_chinaOffset = TimeSpan.FromHours(8);

    [BindProperty(SupportsGet = true)]
    public string Unit { get; set; } = "";

    public RollUnitDetail? Detail { get; private set; }

    /// <summary>Why the last change was refused, or null.</summary>
    public RollRefusal? Refused { get; private set; }

    /// <summary>Whether the last change was saved.</summary>
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(Officer.CompoundOf(User), cancellationToken);

    public Task<IActionResult> OnPostUnitAsync(string building, string area, string areaSource, CancellationToken cancellationToken) =>
        ChangeAsync(o => roll.EditUnitAsync(o.Compound, o.StaffId, Unit, building ?? "", area ?? "", areaSource ?? "", cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostOwnerAsync(string owner, string? name, string? phone, string? idNumber, CancellationToken cancellationToken) =>
        ChangeAsync(o => roll.EditOwnerAsync(o.Compound, o.StaffId, Unit, owner ?? "", name, phone, idNumber, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostTransferAsync(string owner, string? name, string? phone, string? idNumber, string? effective, CancellationToken cancellationToken)
    {
        if (!DateTime.TryParseExact(effective, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime day))
        {
            return RefuseAsync(RollRefusal.BadId, cancellationToken);
        }

        // A transfer takes effect from the start of its registration day, Shanghai time.
        var at = new DateTimeOffset(day, s_chinaOffset);
        return ChangeAsync(o => roll.TransferAsync(o.Compound, o.StaffId, Unit, owner ?? "", name, phone, idNumber, at, cancellationToken), cancellationToken);
    }

    public Task<IActionResult> OnPostCoOwnerAsync(string owner, string? name, string? phone, string? idNumber, CancellationToken cancellationToken) =>
        ChangeAsync(o => roll.AddCoOwnerAsync(o.Compound, o.StaffId, Unit, owner ?? "", name, phone, idNumber, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostCasterAsync(string owner, CancellationToken cancellationToken) =>
        ChangeAsync(o => roll.ChooseCasterAsync(o.Compound, o.StaffId, Unit, owner ?? "", cancellationToken), cancellationToken);

    private async Task<IActionResult> ChangeAsync(Func<Officer, Task<RollRefusal?>> change, CancellationToken cancellationToken)
    {
        Officer officer = Officer.From(User);
        Refused = await change(officer);
        Saved = Refused is null;
        if (Refused is not null)
        {
            Response.StatusCode = Refused == RollRefusal.UnknownUnit ? StatusCodes.Status404NotFound : StatusCodes.Status422UnprocessableEntity;
        }

        return await ShowAsync(officer.Compound, cancellationToken);
    }

    private async Task<IActionResult> RefuseAsync(RollRefusal refusal, CancellationToken cancellationToken)
    {
        Refused = refusal;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await ShowAsync(Officer.CompoundOf(User), cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(string compound, CancellationToken cancellationToken)
    {
        // The session's compound only: a unit of another compound does not exist here (DESIGN.md §3).
        Detail = await roll.UnitAsync(compound, Unit, cancellationToken);
        return Detail is null ? NotFound() : Page();
    }
}
