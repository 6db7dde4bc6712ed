using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.RollBook;
using OwnersVote.Web.Ledger;
using OwnersVote.Web.Spreadsheets;

namespace OwnersVote.Web.Demo;

/// <summary>
/// A second, small demo compound (清溪花园) beside 景城品雅苑, so that "an owner of compound A sees
/// nothing personal of compound B" (DESIGN.md §3) can be tried and tested: four units in two
/// buildings (one owner with two units, one of the developer's unsold units), its own roll in the
/// editable roll (imported as an officer would), frozen by <see cref="RollFreezer"/> for its own open
/// vote, and an owner and two officers of its own with invitations.
/// </summary>
public sealed class SecondDemoCompound(OwnersVoteDb db, EventLog log, RollBook roll, RollFreezer freezer, TimeProvider time, IOptions<DemoOptions> options)
{
    /// <summary>The compound's id.</summary>
    public const string CompoundId = "qingxi-huayuan";

    /// <summary>Its open vote.</summary>
    public const string VoteId = "qx-garden-2026";

    /// <summary>Its first officer's staff id.</summary>
    public const string Officer = "officer:qx-1";

    /// <summary>Its second officer's staff id.</summary>
    public const string SecondOfficer = "officer:qx-2";

    // 楼号 室号 业主编号 姓名 面积 面积来源, as a property office writes it.
    private const string RollSheetText = """
        楼号,室号,业主编号,姓名,面积,面积来源
        1,1-101,QX-01,示例业主甲,88.50,不动产登记
        1,1-102,QX-02,示例业主乙,92.00,实测
        2,2-101,QX-01,示例业主甲,75.25,合同
        2,2-102,开发商,,120.00,不动产登记
        """;

    /// <summary>Its demo accounts (the same codes on every run).</summary>
    public IReadOnlyList<DemoAccount> Accounts { get; } =
    [
        new("owner", "1-101", "owner of 1-101 in the second compound 清溪花园 (votes there; sees nothing of 景城品雅苑's owners)", DemoSeeder.Code("qingxi|owner:1-101")),
        new("officer", null, "officer of 清溪花园 (its roll, letters and desk only)", DemoSeeder.Code("qingxi|officer:1")),
        new("officer", null, "second officer of 清溪花园", DemoSeeder.Code("qingxi|officer:2")),
    ];

    /// <summary>Registers, rolls, freezes and opens the compound once; re-adds the invitations when missing.</summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = EventTime.Truncate(time.GetUtcNow());
        if (!await db.Compounds.AnyAsync(c => c.Id == CompoundId, cancellationToken))
        {
            string origin = new Uri(options.Value.PublicUrl).GetLeftPart(UriPartial.Authority);
            string[] origins = [.. options.Value.Origins.Append(origin).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
            // Electronic Signature Law art. 13: ballots need user verification.
            await log.AppendAsync(new CompoundRegistered(CompoundId, now, "admin:demo", "清溪花园", "上海市闵行区", DemoSeeder.RpId, origins, RequireUserVerification: true), cancellationToken);
        }

        if (!await db.RollUnits.AnyAsync(u => u.CompoundId == CompoundId, cancellationToken))
        {
            RollSheetResult sheet = RollSheet.Read([.. CsvReader.ReadAll(RollSheetText).Select(r => new SheetRow(r.Row, [.. r.Fields.Select(f => new SheetCell(f, IsNumber: false))]))]);
            RollImportOutcome imported = await roll.ImportAsync(CompoundId, Officer, sheet, "qingxi-roll.csv", cancellationToken);
            if (imported.Errors.Count > 0)
            {
                throw new InvalidOperationException("The second demo compound's roll does not import: " + string.Join("; ", imported.Errors));
            }
        }

        if (!await db.Matters.AnyAsync(m => m.Id == VoteId, cancellationToken))
        {
            (FrozenRoll? _, FreezeRefusal? refused) = await freezer.FreezeAsync(CompoundId, VoteId, now, Officer, cancellationToken);
            if (refused is not null && refused != FreezeRefusal.AlreadyFrozen)
            {
                throw new InvalidOperationException($"The second demo compound's roll cannot be frozen: {refused}.");
            }

            const string Title = "清溪花园中心花园改造使用公共收益";
            // Published and opened together, as DemoSeeder opens its votes: the lifecycle service would
            // otherwise log VoteOpened on its first tick, at some moment after the start.
            await log.AppendManyAsync(
            [
                new MatterPublished(
                    CompoundId,
                    VoteId,
                    now,
                    Officer,
                    Title,
                    "拟使用小区公共收益约 6.2 万元改造中心花园（增设无障碍坡道和座椅）。本事项为演示用的第二个小区的表决。",
                    [new MatterQuestion("q1", Title)],
                    [Choice.Yes, Choice.No, Choice.Abstain],
                    [],
                    ThresholdClass.Ordinary,
                    now,
                    now.AddDays(14),
                    AllowChange: true,
                    InvalidBallotRule.Participating,
                    []),
                new VoteOpened(CompoundId, VoteId, now, LedgerEvent.SystemActor),
            ], cancellationToken);
        }

        foreach (DemoAccount account in Accounts)
        {
            string hash = InvitationCode.Hash(account.InvitationCode);
            if (await db.Invitations.AnyAsync(i => i.CodeHash == hash, cancellationToken))
            {
                continue;
            }

            string? ownerHash = null;
            if (account.UnitId is { } unit)
            {
                string ownerCode = await db.RollUnits.Where(u => u.CompoundId == CompoundId && u.Id == unit).Select(u => u.OwnerId).SingleAsync(cancellationToken);
                ownerHash = (await roll.FindOwnerAsync(CompoundId, ownerCode, cancellationToken))?.OwnerHash;
            }

            db.Invitations.Add(new InvitationRow
            {
                CodeHash = hash,
                CompoundId = CompoundId,
                Role = account.Role,
                OwnerId = ownerHash,
                StaffId = account.Role == "officer" ? (account.InvitationCode == Accounts[1].InvitationCode ? Officer : SecondOfficer) : null,
                IssuedBy = Officer + "\n" + SecondOfficer,
                ExpiresAt = now.AddDays(90),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
