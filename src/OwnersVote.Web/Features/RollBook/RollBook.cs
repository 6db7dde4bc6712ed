using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OwnersVote.Voting;
using OwnersVote.Web.Data;

namespace OwnersVote.Web.Features.RollBook;

/// <summary>Why a change of the roll was refused.</summary>
public enum RollRefusal
{
    /// <summary>No such unit on the compound's roll.</summary>
    UnknownUnit,

    /// <summary>An id (building, owner) breaks the roll's id rule.</summary>
    BadId,

    /// <summary>The area is not square metres with at most two decimals, or is zero (JI art. 8).</summary>
    BadArea,

    /// <summary>The area source is not registry, survey or contract (JI art. 8).</summary>
    BadAreaSource,

    /// <summary>The ID number fails GB 11643.</summary>
    BadIdNumber,

    /// <summary>The phone is not a phone number.</summary>
    BadPhone,

    /// <summary>The owner code is known with another ID number: a different person.</summary>
    OwnerMismatch,

    /// <summary>A transfer to the unit's current owner.</summary>
    SameOwner,

    /// <summary>The owner chosen to cast is not one of the unit's co-owners.</summary>
    NotACoOwner,

    /// <summary>The developer (JI art. 9) cannot co-own a unit with a person.</summary>
    DeveloperCoOwner,
}

/// <summary>What an import did.</summary>
/// <param name="Units">Units on the roll after it (0 when refused).</param>
/// <param name="Owners">Distinct owners.</param>
/// <param name="Errors">Every bad row; nothing was imported when there is any.</param>
public sealed record RollImportOutcome(int Units, int Owners, IReadOnlyList<RollRowError> Errors);

/// <summary>A unit as the roll page lists it (no personal particulars).</summary>
public sealed record RollUnitView(string Id, string Building, Area Area, AreaSource AreaSource, string Owner, IReadOnlyList<string> CoOwners);

/// <summary>An owner's particulars as an officer sees them (the ID number only as "on file").</summary>
public sealed record RollOwnerView(string Id, string? Name, string? Phone, bool HasIdNumber);

/// <summary>A unit with its owners, transfers and history, for the unit page.</summary>
public sealed record RollUnitDetail(
    RollUnitView Unit,
    IReadOnlyList<RollOwnerView> Owners,
    IReadOnlyList<RollTransferRow> Transfers,
    IReadOnlyList<RollHistoryRow> History);

/// <summary>A unit as of a moment: the owner who casts its vote then (a sale counts from its effective time).</summary>
public sealed record RollUnitAsOf(string Id, string Building, Area Area, AreaSource AreaSource, string OwnerId, string OwnerHash);

/// <summary>
/// The compound's editable roll (issue 6 §1): units with building, exclusive area and its source
/// (JI art. 8), the owner who casts each unit's vote (JI art. 9: co-owners choose one; the
/// developer's units share one head), owners' particulars, ownership transfers, and the history of
/// every change with its officer (issue 6 §4). Votes' rolls are frozen from it by
/// <see cref="RollFreezer"/>. Owners' names, phones and ID-number hashes stay in these tables.
/// </summary>
public sealed class RollBook(OwnersVoteDb db, CompoundKey key, TimeProvider time)
{
    /// <summary>
    /// Replaces the compound's roll by a sheet's units, whole or not at all: nothing is written when
    /// the sheet has a bad row or names a known owner code with another ID number.
    /// </summary>
    public async Task<RollImportOutcome> ImportAsync(string compound, string officer, RollSheetResult sheet, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        if (!sheet.Ok)
        {
            return new RollImportOutcome(0, 0, sheet.Errors);
        }

        Dictionary<string, RollOwnerRow> owners = await db.RollOwners.Where(o => o.CompoundId == compound).ToDictionaryAsync(o => o.Id, StringComparer.Ordinal, cancellationToken);
        var errors = new List<RollRowError>();
        DateTimeOffset now = time.GetUtcNow();
        foreach (RollSheetUnit u in sheet.Units)
        {
            string code = u.Unit.Owner.Value;
            string? idHash = u.IdNumber is { } id ? await key.IdNumberHashAsync(id, cancellationToken) : null;
            if (owners.TryGetValue(code, out RollOwnerRow? owner))
            {
                if (idHash is not null && owner.IdNumberHash is not null && owner.IdNumberHash != idHash)
                {
                    errors.Add(new RollRowError(u.Row, $"业主编号 {code} 已登记为另一身份证号的业主 (owner {code} is on file with another ID number)"));
                    continue;
                }
            }
            else
            {
                owner = new RollOwnerRow { CompoundId = compound, Id = code, OwnerHash = await key.OwnerHashAsync(code, cancellationToken), UpdatedBy = officer, UpdatedAt = now };
                owners.Add(code, owner);
                db.RollOwners.Add(owner);
            }

            Update(owner, u.Name, u.Phone, idHash, officer, now);
        }

        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return new RollImportOutcome(0, 0, errors);
        }

        Dictionary<string, RollUnitRow> existing = await db.RollUnits.Where(u => u.CompoundId == compound).ToDictionaryAsync(u => u.Id, StringComparer.Ordinal, cancellationToken);
        db.RollCoOwners.RemoveRange(await db.RollCoOwners.Where(c => c.CompoundId == compound).ToListAsync(cancellationToken));
        foreach (RollSheetUnit u in sheet.Units)
        {
            if (!existing.Remove(u.Unit.Id.Value, out RollUnitRow? row))
            {
                row = new RollUnitRow { CompoundId = compound, Id = u.Unit.Id.Value, BuildingId = "", AreaSource = "", OwnerId = "" };
                db.RollUnits.Add(row);
            }

            string before = row.OwnerId.Length == 0 ? "—" : Describe(row);
            row.BuildingId = u.Unit.Building.Value;
            row.AreaHundredths = u.Unit.Area.Hundredths;
            row.AreaSource = RollCsv.FormatAreaSource(u.Unit.AreaSource);
            row.OwnerId = u.Unit.Owner.Value;
            row.UpdatedAt = now;
            if (before != Describe(row))
            {
                History(compound, row.Id, "unit", $"{before} → {Describe(row)}", officer, now);
            }
        }

        // Units the new sheet no longer has leave the roll.
        foreach (RollUnitRow gone in existing.Values)
        {
            db.RollUnits.Remove(gone);
            History(compound, gone.Id, "unit", $"{Describe(gone)} → —", officer, now);
        }

        int distinct = sheet.Units.Select(u => u.Unit.Owner.Value).Distinct(StringComparer.Ordinal).Count();
        History(compound, null, "import", $"{fileName}: {sheet.Units.Count} units, {distinct} owners", officer, now);
        await db.SaveChangesAsync(cancellationToken);
        return new RollImportOutcome(sheet.Units.Count, distinct, []);
    }

    /// <summary>The compound's units in natural order (building, then unit), optionally of one building.</summary>
    public async Task<IReadOnlyList<RollUnitView>> UnitsAsync(string compound, string? building, CancellationToken cancellationToken)
    {
        List<RollUnitRow> units = await db.RollUnits.AsNoTracking()
            .Where(u => u.CompoundId == compound && (building == null || u.BuildingId == building))
            .ToListAsync(cancellationToken);
        ILookup<string, string> coOwners = (await db.RollCoOwners.AsNoTracking().Where(c => c.CompoundId == compound).ToListAsync(cancellationToken))
            .ToLookup(c => c.UnitId, c => c.OwnerId, StringComparer.Ordinal);
        return [.. units.OrderBy(u => u.Id, Results.NaturalUnitOrder.Instance).Select(u => View(u, coOwners[u.Id]))];
    }

    /// <summary>The buildings of the compound's roll, in natural order.</summary>
    public async Task<IReadOnlyList<string>> BuildingsAsync(string compound, CancellationToken cancellationToken)
    {
        List<string> buildings = await db.RollUnits.AsNoTracking().Where(u => u.CompoundId == compound).Select(u => u.BuildingId).Distinct().ToListAsync(cancellationToken);
        return [.. buildings.OrderBy(b => b, Results.NaturalUnitOrder.Instance)];
    }

    /// <summary>One unit with its owners, transfers and history, or null.</summary>
    public async Task<RollUnitDetail?> UnitAsync(string compound, string unit, CancellationToken cancellationToken)
    {
        RollUnitRow? row = await db.RollUnits.AsNoTracking().SingleOrDefaultAsync(u => u.CompoundId == compound && u.Id == unit, cancellationToken);
        if (row is null)
        {
            return null;
        }

        List<string> coOwners = await db.RollCoOwners.AsNoTracking().Where(c => c.CompoundId == compound && c.UnitId == unit).Select(c => c.OwnerId).ToListAsync(cancellationToken);
        coOwners.Sort(StringComparer.Ordinal);
        List<string> ids = [row.OwnerId, .. coOwners];
        List<RollOwnerRow> owners = await db.RollOwners.AsNoTracking().Where(o => o.CompoundId == compound && ids.Contains(o.Id)).ToListAsync(cancellationToken);
        List<RollTransferRow> transfers = await db.RollTransfers.AsNoTracking().Where(t => t.CompoundId == compound && t.UnitId == unit).ToListAsync(cancellationToken);
        List<RollHistoryRow> history = await db.RollHistory.AsNoTracking().Where(h => h.CompoundId == compound && h.UnitId == unit).ToListAsync(cancellationToken);
        return new RollUnitDetail(
            View(row, coOwners),
            [.. ids.Select(id => owners.Single(o => o.Id == id)).Select(o => new RollOwnerView(o.Id, o.Name, o.Phone, o.IdNumberHash is not null))],
            [.. transfers.OrderBy(t => t.EffectiveAt).ThenBy(t => t.Id)],
            [.. history.OrderByDescending(h => h.Id)]);
    }

    /// <summary>The most recent changes of the compound's roll, newest first.</summary>
    public async Task<IReadOnlyList<RollHistoryRow>> HistoryAsync(string compound, int count, CancellationToken cancellationToken) =>
        await db.RollHistory.AsNoTracking().Where(h => h.CompoundId == compound).OrderByDescending(h => h.Id).Take(count).ToListAsync(cancellationToken);

    /// <summary>Corrects a unit's building, area and area source (JI art. 8); recorded with the officer.</summary>
    public async Task<RollRefusal?> EditUnitAsync(string compound, string officer, string unit, string building, string area, string areaSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(areaSource);
        RollUnitRow? row = await db.RollUnits.SingleOrDefaultAsync(u => u.CompoundId == compound && u.Id == unit, cancellationToken);
        if (row is null)
        {
            return RollRefusal.UnknownUnit;
        }

        if (!IsId(building.Trim()))
        {
            return RollRefusal.BadId;
        }

        // Area.Parse is the roll's rule: at most two decimals, never rounded; zero is refused (JI art. 8).
        if (!Area.TryParse(area.Trim(), out Area parsed) || parsed == Area.Zero)
        {
            return RollRefusal.BadArea;
        }

        if (RollSheet.AreaSourceOf(areaSource) is not AreaSource source)
        {
            return RollRefusal.BadAreaSource;
        }

        string before = Describe(row);
        row.BuildingId = building.Trim();
        row.AreaHundredths = parsed.Hundredths;
        row.AreaSource = RollCsv.FormatAreaSource(source);
        DateTimeOffset now = time.GetUtcNow();
        row.UpdatedAt = now;
        if (before != Describe(row))
        {
            History(compound, unit, "unit", $"{before} → {Describe(row)}", officer, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Updates an owner's particulars (blank leaves a field as it is); recorded without the particulars.</summary>
    public async Task<RollRefusal?> EditOwnerAsync(string compound, string officer, string unit, string ownerCode, string? name, string? phone, string? idNumber, CancellationToken cancellationToken)
    {
        RollUnitRow? row = await db.RollUnits.AsNoTracking().SingleOrDefaultAsync(u => u.CompoundId == compound && u.Id == unit, cancellationToken);
        if (row is null)
        {
            return RollRefusal.UnknownUnit;
        }

        bool ownsUnit = row.OwnerId == ownerCode
            || await db.RollCoOwners.AnyAsync(c => c.CompoundId == compound && c.UnitId == unit && c.OwnerId == ownerCode, cancellationToken);
        if (!ownsUnit)
        {
            return RollRefusal.NotACoOwner;
        }

        (RollOwnerRow? _, RollRefusal? refused) = await OwnerAsync(compound, officer, ownerCode, name, phone, idNumber, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        History(compound, unit, "owner", $"owner {ownerCode}: particulars updated", officer, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// Records a sale (过户): from <paramref name="effectiveAt"/> the unit's owner is the new one;
    /// its co-owners are cleared. A vote that opened before keeps the old owner (see <see cref="AsOfAsync"/>).
    /// </summary>
    public async Task<RollRefusal?> TransferAsync(
        string compound, string officer, string unit, string newOwner, string? name, string? phone, string? idNumber, DateTimeOffset effectiveAt, CancellationToken cancellationToken)
    {
        RollUnitRow? row = await db.RollUnits.SingleOrDefaultAsync(u => u.CompoundId == compound && u.Id == unit, cancellationToken);
        if (row is null)
        {
            return RollRefusal.UnknownUnit;
        }

        string code = OwnerCode(newOwner);
        if (code == row.OwnerId)
        {
            return RollRefusal.SameOwner;
        }

        (RollOwnerRow? _, RollRefusal? refused) = await OwnerAsync(compound, officer, code, name, phone, idNumber, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        DateTimeOffset now = time.GetUtcNow();
        db.RollTransfers.Add(new RollTransferRow
        {
            CompoundId = compound,
            UnitId = unit,
            FromOwnerId = row.OwnerId,
            ToOwnerId = code,
            EffectiveAt = effectiveAt,
            RecordedAt = now,
            RecordedBy = officer,
        });
        db.RollCoOwners.RemoveRange(await db.RollCoOwners.Where(c => c.CompoundId == compound && c.UnitId == unit).ToListAsync(cancellationToken));
        History(compound, unit, "transfer", $"owner {row.OwnerId} → {code}, effective {effectiveAt.ToString("u", CultureInfo.InvariantCulture)}", officer, now);
        row.OwnerId = code;
        row.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Adds a co-owner (共有人) of a unit; the unit still has one vote, cast by one of them (JI art. 9).</summary>
    public async Task<RollRefusal?> AddCoOwnerAsync(string compound, string officer, string unit, string coOwner, string? name, string? phone, string? idNumber, CancellationToken cancellationToken)
    {
        RollUnitRow? row = await db.RollUnits.AsNoTracking().SingleOrDefaultAsync(u => u.CompoundId == compound && u.Id == unit, cancellationToken);
        if (row is null)
        {
            return RollRefusal.UnknownUnit;
        }

        string code = OwnerCode(coOwner);
        // JI art. 9: the developer's unsold units are counted together as one; they are not co-owned.
        if (code == OwnerId.DeveloperValue || row.OwnerId == OwnerId.DeveloperValue)
        {
            return RollRefusal.DeveloperCoOwner;
        }

        if (code == row.OwnerId || await db.RollCoOwners.AnyAsync(c => c.CompoundId == compound && c.UnitId == unit && c.OwnerId == code, cancellationToken))
        {
            return RollRefusal.SameOwner;
        }

        (RollOwnerRow? _, RollRefusal? refused) = await OwnerAsync(compound, officer, code, name, phone, idNumber, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        db.RollCoOwners.Add(new RollCoOwnerRow { CompoundId = compound, UnitId = unit, OwnerId = code });
        History(compound, unit, "co-owner-added", $"co-owner {code}", officer, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Records which co-owner casts the unit's one vote, as the co-owners agreed (JI art. 9).</summary>
    public async Task<RollRefusal?> ChooseCasterAsync(string compound, string officer, string unit, string ownerCode, CancellationToken cancellationToken)
    {
        RollUnitRow? row = await db.RollUnits.SingleOrDefaultAsync(u => u.CompoundId == compound && u.Id == unit, cancellationToken);
        if (row is null)
        {
            return RollRefusal.UnknownUnit;
        }

        RollCoOwnerRow? chosen = await db.RollCoOwners.SingleOrDefaultAsync(c => c.CompoundId == compound && c.UnitId == unit && c.OwnerId == ownerCode, cancellationToken);
        if (chosen is null)
        {
            return row.OwnerId == ownerCode ? null : RollRefusal.NotACoOwner;
        }

        // The one who cast so far becomes a co-owner; the chosen one casts.
        db.RollCoOwners.Remove(chosen);
        db.RollCoOwners.Add(new RollCoOwnerRow { CompoundId = compound, UnitId = unit, OwnerId = row.OwnerId });
        DateTimeOffset now = time.GetUtcNow();
        History(compound, unit, "caster", $"casts: {row.OwnerId} → {ownerCode}", officer, now);
        row.OwnerId = ownerCode;
        row.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// The roll as of <paramref name="at"/> (a vote's opening): each unit with the owner who cast its
    /// vote then. A sale effective after <paramref name="at"/> is undone: the new owner votes only in
    /// votes opened at or after the transfer.
    /// </summary>
    public async Task<IReadOnlyList<RollUnitAsOf>> AsOfAsync(string compound, DateTimeOffset at, CancellationToken cancellationToken)
    {
        List<RollUnitRow> units = await db.RollUnits.AsNoTracking().Where(u => u.CompoundId == compound).ToListAsync(cancellationToken);
        ILookup<string, RollTransferRow> transfers = (await db.RollTransfers.AsNoTracking().Where(t => t.CompoundId == compound).ToListAsync(cancellationToken))
            .ToLookup(t => t.UnitId, StringComparer.Ordinal);
        Dictionary<string, string> hashes = await db.RollOwners.AsNoTracking().Where(o => o.CompoundId == compound).ToDictionaryAsync(o => o.Id, o => o.OwnerHash, StringComparer.Ordinal, cancellationToken);
        var result = new List<RollUnitAsOf>(units.Count);
        foreach (RollUnitRow u in units.OrderBy(u => u.Id, StringComparer.Ordinal))
        {
            // The earliest sale after the moment names who owned the unit at it.
            RollTransferRow? later = transfers[u.Id].Where(t => t.EffectiveAt > at).OrderBy(t => t.EffectiveAt).ThenBy(t => t.Id).FirstOrDefault();
            string owner = later?.FromOwnerId ?? u.OwnerId;
            result.Add(new RollUnitAsOf(u.Id, u.BuildingId, Area.FromHundredths(u.AreaHundredths), RollCsv.ParseAreaSource(u.AreaSource), owner, hashes[owner]));
        }

        return result;
    }

    /// <summary>The owner row of a code in the compound (for letters and sign-in), or null.</summary>
    public Task<RollOwnerRow?> FindOwnerAsync(string compound, string ownerCode, CancellationToken cancellationToken) =>
        db.RollOwners.AsNoTracking().SingleOrDefaultAsync(o => o.CompoundId == compound && o.Id == ownerCode, cancellationToken);

    private static string OwnerCode(string text)
    {
        string code = text.Trim();
        return code is "开发商" or "开发建设单位" ? OwnerId.DeveloperValue : code;
    }

    private async Task<(RollOwnerRow? Owner, RollRefusal? Refused)> OwnerAsync(
        string compound, string officer, string code, string? name, string? phone, string? idNumber, CancellationToken cancellationToken)
    {
        if (!IsId(code))
        {
            return (null, RollRefusal.BadId);
        }

        string? idHash = null;
        if (!string.IsNullOrWhiteSpace(idNumber))
        {
            if (ResidentIdNumber.Normalise(idNumber) is not { } normalised)
            {
                return (null, RollRefusal.BadIdNumber);
            }

            idHash = await key.IdNumberHashAsync(normalised, cancellationToken);
        }

        if (!string.IsNullOrWhiteSpace(phone) && !RollSheet.IsPhone(phone.Trim()))
        {
            return (null, RollRefusal.BadPhone);
        }

        DateTimeOffset now = time.GetUtcNow();
        RollOwnerRow? owner = await db.RollOwners.SingleOrDefaultAsync(o => o.CompoundId == compound && o.Id == code, cancellationToken);
        if (owner is null)
        {
            owner = new RollOwnerRow { CompoundId = compound, Id = code, OwnerHash = await key.OwnerHashAsync(code, cancellationToken), UpdatedBy = officer, UpdatedAt = now };
            db.RollOwners.Add(owner);
        }
        else if (idHash is not null && owner.IdNumberHash is not null && owner.IdNumberHash != idHash)
        {
            return (null, RollRefusal.OwnerMismatch);
        }

        Update(owner, Blank(name), Blank(phone), idHash, officer, now);
        return (owner, null);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static void Update(RollOwnerRow owner, string? name, string? phone, string? idHash, string officer, DateTimeOffset now)
    {
        bool changed = false;
        if (name is not null && name != owner.Name)
        {
            owner.Name = name;
            changed = true;
        }

        if (phone is not null && phone != owner.Phone)
        {
            owner.Phone = phone;
            changed = true;
        }

        if (idHash is not null && idHash != owner.IdNumberHash)
        {
            owner.IdNumberHash = idHash;
            changed = true;
        }

        if (changed)
        {
            owner.UpdatedAt = now;
            owner.UpdatedBy = officer;
        }
    }

    private static bool IsId(string text)
    {
        try
        {
            _ = new OwnerId(text);
            return true;
        }
        catch (VotingDataException)
        {
            return false;
        }
    }

    private void History(string compound, string? unit, string action, string detail, string officer, DateTimeOffset at) =>
        db.RollHistory.Add(new RollHistoryRow { CompoundId = compound, UnitId = unit, Action = action, Detail = detail, Officer = officer, At = at });

    // Units, owner codes, areas and sources only: never a name, phone or ID number (issue 6 §4).
    private static string Describe(RollUnitRow u) =>
        $"building {u.BuildingId}, {Area.FromHundredths(u.AreaHundredths)} m² ({u.AreaSource}), owner {u.OwnerId}";

    private static RollUnitView View(RollUnitRow u, IEnumerable<string> coOwners) =>
        new(u.Id, u.BuildingId, Area.FromHundredths(u.AreaHundredths), RollCsv.ParseAreaSource(u.AreaSource), u.OwnerId, [.. coOwners.Order(StringComparer.Ordinal)]);
}
