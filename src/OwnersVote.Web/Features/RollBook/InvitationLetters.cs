using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OwnersVote.Paper;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Localization;

namespace OwnersVote.Web.Features.RollBook;

/// <summary>Why a letter step was refused.</summary>
public enum LetterRefusal
{
    /// <summary>The building has no unit on the compound's roll.</summary>
    NoSuchBuilding,

    /// <summary>No pending batch (or letter) has this id in the officer's compound.</summary>
    Unknown,

    /// <summary>Two-person rule: the officer who asked cannot approve.</summary>
    SameOfficer,

    /// <summary>The delivery method is not in-person, mailbox or post.</summary>
    BadMethod,
}

/// <summary>A batch waiting for a second officer.</summary>
public sealed record PendingLetterBatch(string Id, string Building, string RequestedBy, DateTimeOffset RequestedAt);

/// <summary>A printed letter and its delivery.</summary>
public sealed record LetterView(string Id, string Owner, string Units, DateTimeOffset PrintedAt, string? DeliveredBy, DateTimeOffset? DeliveredAt, string? DeliveryMethod);

/// <summary>
/// Invitation letters for every owner of a building at once (issue 6 §2): one officer asks, a
/// second, different officer approves (DESIGN.md §3: two-person rule for enrolment), and only then
/// are one-time codes made — their SHA-256 stored as invitations naming both officers — and the
/// letters rendered as one PDF, a page per owner who casts a vote in the building, with a QR code
/// of the sign-in page carrying the code. Each letter's delivery is recorded: who, when and how.
/// </summary>
public sealed class InvitationLetters(OwnersVoteDb db, TimeProvider time)
{
    /// <summary>How long a printed letter's code is valid.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>The delivery methods: handed over in person, put in the mailbox, sent by post.</summary>
    public static IReadOnlyList<string> Methods { get; } = ["in-person", "mailbox", "post"];

    /// <summary>The first officer asks for a building's letters.</summary>
    public async Task<(PendingLetterBatch? Pending, LetterRefusal? Refused)> RequestAsync(string compound, string officer, string building, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(building);
        string id = building.Trim();
        if (!await db.RollUnits.AnyAsync(u => u.CompoundId == compound && u.BuildingId == id, cancellationToken))
        {
            return (null, LetterRefusal.NoSuchBuilding);
        }

        var row = new LetterBatchRow
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            CompoundId = compound,
            BuildingId = id,
            RequestedBy = officer,
            RequestedAt = time.GetUtcNow(),
        };
        db.LetterBatches.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return (new PendingLetterBatch(row.Id, row.BuildingId, row.RequestedBy, row.RequestedAt), null);
    }

    /// <summary>The compound's batches waiting for a second officer, oldest first.</summary>
    public async Task<IReadOnlyList<PendingLetterBatch>> PendingAsync(string compound, CancellationToken cancellationToken)
    {
        List<LetterBatchRow> rows = await db.LetterBatches.AsNoTracking().Where(b => b.CompoundId == compound && b.ApprovedBy == null).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.RequestedAt).Select(r => new PendingLetterBatch(r.Id, r.BuildingId, r.RequestedBy, r.RequestedAt))];
    }

    /// <summary>
    /// The second officer approves: a fresh code per owner who casts a vote in the building (the
    /// developer's units get one letter: one principal, JI art. 9), and the PDF — the only time the
    /// codes exist in the clear.
    /// </summary>
    public async Task<(byte[]? Pdf, LetterRefusal? Refused)> ApproveAsync(string compound, string officer, string batchId, string publicUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publicUrl);
        LetterBatchRow? batch = await db.LetterBatches.SingleOrDefaultAsync(b => b.Id == batchId && b.CompoundId == compound && b.ApprovedBy == null, cancellationToken);
        if (batch is null)
        {
            return (null, LetterRefusal.Unknown);
        }

        // DESIGN.md §3: two-person rule for enrolment.
        if (string.Equals(batch.RequestedBy, officer, StringComparison.Ordinal))
        {
            return (null, LetterRefusal.SameOfficer);
        }

        DateTimeOffset now = time.GetUtcNow();
        batch.ApprovedBy = officer;
        batch.ApprovedAt = now;
        string[] officers = [.. new[] { batch.RequestedBy, officer }.Order(StringComparer.Ordinal)];
        CompoundRow compoundRow = await db.Compounds.AsNoTracking().SingleAsync(c => c.Id == compound, cancellationToken);
        List<RollUnitRow> units = await db.RollUnits.AsNoTracking().Where(u => u.CompoundId == compound && u.BuildingId == batch.BuildingId).ToListAsync(cancellationToken);
        List<string> ownerIds = [.. units.Select(u => u.OwnerId).Distinct()];
        Dictionary<string, RollOwnerRow> owners = await db.RollOwners.AsNoTracking()
            .Where(o => o.CompoundId == compound && ownerIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, StringComparer.Ordinal, cancellationToken);

        UiText t = ChineseText.Instance;
        var letters = new List<InvitationLetterContent>();
        foreach (IGrouping<string, RollUnitRow> owned in units.GroupBy(u => u.OwnerId).OrderBy(g => g.Select(u => u.Id).Order(Results.NaturalUnitOrder.Instance).First(), Results.NaturalUnitOrder.Instance))
        {
            RollOwnerRow owner = owners[owned.Key];
            string code = InvitationCode.NewRandom();
            string letterId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            string unitList = string.Join('\n', owned.Select(u => u.Id).Order(Results.NaturalUnitOrder.Instance));
            db.Invitations.Add(new InvitationRow
            {
                CodeHash = InvitationCode.Hash(code),
                CompoundId = compound,
                Role = "owner",
                OwnerId = owner.OwnerHash,
                IssuedBy = string.Join('\n', officers),
                ExpiresAt = now + Lifetime,
            });
            db.InvitationLetters.Add(new InvitationLetterRow
            {
                Id = letterId,
                CompoundId = compound,
                BatchId = batch.Id,
                CodeHash = InvitationCode.Hash(code),
                OwnerId = owner.Id,
                Units = unitList,
                PrintedAt = now,
            });
            string signIn = $"{publicUrl.TrimEnd('/')}/signin?code={Uri.EscapeDataString(code)}";
            letters.Add(new InvitationLetterContent(
                t.LetterTitle(compoundRow.Name),
                [
                    t.LetterTo(owner.Name ?? owner.Id),
                    t.LetterUnit(string.Join("、", owned.Select(u => u.Id).Order(Results.NaturalUnitOrder.Instance))),
                    t.LetterHowTo($"{publicUrl.TrimEnd('/')}/signin"),
                    t.LetterExpires(t.When(now + Lifetime)),
                    t.LetterOfficers(string.Join("、", officers)),
                ],
                code,
                signIn,
                t.LetterScan,
                t.LetterFooter(letterId)));
        }

        using var pdf = new MemoryStream();
        InvitationLetterSheet.Render(letters, pdf);
        await db.SaveChangesAsync(cancellationToken);
        return (pdf.ToArray(), null);
    }

    /// <summary>The compound's printed letters, newest batch first, with their delivery.</summary>
    public async Task<IReadOnlyList<LetterView>> LettersAsync(string compound, CancellationToken cancellationToken)
    {
        List<InvitationLetterRow> rows = await db.InvitationLetters.AsNoTracking().Where(l => l.CompoundId == compound).ToListAsync(cancellationToken);
        return [.. rows
            .OrderByDescending(r => r.PrintedAt)
            .ThenBy(r => r.Units, Results.NaturalUnitOrder.Instance)
            .Select(r => new LetterView(r.Id, r.OwnerId, r.Units.Replace('\n', '、'), r.PrintedAt, r.DeliveredBy, r.DeliveredAt, r.DeliveryMethod))];
    }

    /// <summary>Records that <paramref name="officer"/> handed a letter out now, by <paramref name="method"/>.</summary>
    public async Task<LetterRefusal?> RecordDeliveryAsync(string compound, string officer, string letterId, string method, CancellationToken cancellationToken)
    {
        if (!Methods.Contains(method))
        {
            return LetterRefusal.BadMethod;
        }

        InvitationLetterRow? letter = await db.InvitationLetters.SingleOrDefaultAsync(l => l.Id == letterId && l.CompoundId == compound, cancellationToken);
        if (letter is null)
        {
            return LetterRefusal.Unknown;
        }

        letter.DeliveredBy = officer;
        letter.DeliveredAt = time.GetUtcNow();
        letter.DeliveryMethod = method;
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
