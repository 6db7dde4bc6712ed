using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Access;

namespace OwnersVote.Web.Features.RollBook;

/// <summary>
/// <c>/roll</c> (officers): the compound's roll — import a sheet (whole or not at all, every bad row
/// named), the units, the latest changes, and freezing the roll for a new vote (<c>RollFrozen</c>).
/// </summary>
[Authorize(Policy = AccessPolicies.Officer)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[RequestFormLimits(MultipartBodyLengthLimit = RollUpload.MaxBytes)]
[RequestSizeLimit(RollUpload.MaxBytes + (64 * 1024))]
public sealed class IndexModel(RollBook roll, RollFreezer freezer) : PageModel
{
    // Shanghai time: the officer types the opening as it is posted in the compound.
    private static readonly TimeSpan s_chinaOffset = TimeSpan.FromHours(8);

    /// <summary>Only this building's units, or all.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Building { get; set; }

    public IReadOnlyList<string> Buildings { get; private set; } = [];

    public IReadOnlyList<RollUnitView> Units { get; private set; } = [];

    public IReadOnlyList<RollHistoryRow> History { get; private set; } = [];

    /// <summary>The last import's outcome, or null.</summary>
    public RollImportOutcome? Imported { get; private set; }

    /// <summary>The last freeze, or null.</summary>
    public FrozenRoll? Frozen { get; private set; }

    public string? FrozenVote { get; private set; }

    public FreezeRefusal? FreezeRefused { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(Officer.CompoundOf(User), cancellationToken);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        Officer officer = Officer.From(User);
        if (file is null || file.Length == 0)
        {
            Imported = new RollImportOutcome(0, 0, [new RollRowError(1, "没有选择文件 (no file chosen)")]);
        }
        else
        {
            await using Stream content = file.OpenReadStream();
            RollSheetResult sheet = await RollUpload.ReadAsync(content, file.FileName, cancellationToken);
            Imported = await roll.ImportAsync(officer.Compound, officer.StaffId, sheet, Path.GetFileName(file.FileName), cancellationToken);
        }

        if (Imported.Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        await LoadAsync(officer.Compound, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostFreezeAsync(string? vote, string? opens, CancellationToken cancellationToken)
    {
        Officer officer = Officer.From(User);
        FrozenVote = vote?.Trim();
        if (string.IsNullOrEmpty(FrozenVote) || !DateTime.TryParseExact(opens, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local))
        {
            FreezeRefused = FreezeRefusal.BadVoteId;
        }
        else
        {
            (Frozen, FreezeRefused) = await freezer.FreezeAsync(officer.Compound, FrozenVote, new DateTimeOffset(local, s_chinaOffset), officer.StaffId, cancellationToken);
        }

        if (FreezeRefused is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        await LoadAsync(officer.Compound, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(string compound, CancellationToken cancellationToken)
    {
        Buildings = await roll.BuildingsAsync(compound, cancellationToken);
        Units = await roll.UnitsAsync(compound, string.IsNullOrWhiteSpace(Building) ? null : Building, cancellationToken);
        History = await roll.HistoryAsync(compound, 20, cancellationToken);
    }
}
