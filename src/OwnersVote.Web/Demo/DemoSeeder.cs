using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OwnersVote.Voting;
using OwnersVote.Web.Data;
using OwnersVote.Web.Projections;

namespace OwnersVote.Web.Demo;

/// <summary>What seeding did.</summary>
/// <param name="Seeded">False when the store already held a compound (seeding runs once).</param>
/// <param name="CompoundId">The demo compound's id.</param>
public sealed record DemoSeedOutcome(bool Seeded, string CompoundId);

/// <summary>
/// Seeds the demo compound 景城品雅苑 (DESIGN.md: the reference case) through the
/// <see cref="Projector"/>, exactly as the log would feed it: the roll of
/// <c>samples/jingcheng/roll.csv</c>, an open vote on the building-57 lift scoped to building 57
/// (Shanghai art. 69) with the first 30 owners' ballots of <c>ballots-57-lift.csv</c> in, and a
/// closed compound-wide vote with its published result. Owners appear only as keyed-hash ids.
/// </summary>
public sealed class DemoSeeder(OwnersVoteDb db, Projector projector, TimeProvider time, IOptions<DemoOptions> options)
{
    /// <summary>The demo compound's id.</summary>
    public const string CompoundId = "jingcheng-pinyayuan";

    /// <summary>The open vote's id.</summary>
    public const string LiftVoteId = "b57-lift-2026";

    /// <summary>The closed vote's id.</summary>
    public const string ChargingVoteId = "ev-charging-2025";

    // Demo only: the key that makes owner ids and invitation codes reproducible. A real compound
    // gets a random key held by the operator, never in source.
    private static readonly byte[] s_demoKey = Encoding.UTF8.GetBytes("OwnersVote demo key: 景城品雅苑");

    private static readonly TimeSpan s_invitationLifetime = TimeSpan.FromDays(90);

    /// <summary>The demo accounts and their invitation codes (the same on every run).</summary>
    public IReadOnlyList<DemoAccount> Accounts { get; } =
    [
        new("owner", "57-101", "owner of 57-101 (building 57: sees and votes the lift repair; not voted yet)", Code("owner:57-101")),
        new("owner", "56-101", "owner of 56-101 (building 56: the building-57 lift vote is not theirs)", Code("owner:56-101")),
        new("committee", "58-101", "committee member (业委会), owner of 58-101", Code("committee:58-101")),
        new("officer", null, "officer (staff: enrolment, paper ballots, review)", Code("officer:1")),
    ];

    /// <summary>Seeds the demo into an empty store; does nothing if a compound exists.</summary>
    public async Task<DemoSeedOutcome> SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Compounds.AnyAsync(cancellationToken))
        {
            return new DemoSeedOutcome(false, CompoundId);
        }

        DateTimeOffset now = time.GetUtcNow();
        string folder = options.Value.SampleFolder ?? Path.Combine(AppContext.BaseDirectory, "demo");
        Roll sample = RollCsv.Parse(await File.ReadAllBytesAsync(Path.Combine(folder, "roll.csv"), cancellationToken));
        IReadOnlyList<Ballot> liftSample = BallotCsv.Parse(await File.ReadAllBytesAsync(Path.Combine(folder, "ballots-57-lift.csv"), cancellationToken));
        Roll roll = Pseudonymise(sample);
        List<(OwnerId, Choice)> liftSoFar = [.. LiftBallotsSoFar(roll, liftSample)];
        await projector.ApplyAsync(Events(roll, liftSoFar, now), cancellationToken);

        foreach (DemoAccount account in Accounts)
        {
            db.Invitations.Add(new InvitationRow
            {
                CodeHash = InvitationCode.Hash(account.InvitationCode),
                CompoundId = CompoundId,
                Role = account.Role,
                OwnerId = account.UnitId is { } unit ? roll[new UnitId(unit)].Owner.Value : null,
                ExpiresAt = now + s_invitationLifetime,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return new DemoSeedOutcome(true, CompoundId);
    }

    private static IEnumerable<LogEvent> Events(Roll roll, List<(OwnerId Owner, Choice Choice)> liftBallots, DateTimeOffset now)
    {
        DateTimeOffset registered = now.AddDays(-120);
        yield return new CompoundRegistered(CompoundId, "景城品雅苑", "上海市闵行区马桥镇", registered);
        yield return new RollFrozen(CompoundId, roll, registered.AddMinutes(5));

        // A closed compound-wide vote with its published result.
        var charging = new Matter("小区公共收益用于增设电动自行车集中充电设施", ThresholdClass.Ordinary, Scope.WholeCompound);
        DateTimeOffset chargingOpens = now.AddDays(-75);
        DateTimeOffset chargingCloses = now.AddDays(-45);
        yield return new MatterPublished(
            ChargingVoteId,
            CompoundId,
            charging,
            "为减少电动自行车进楼充电带来的火灾隐患，拟使用小区公共收益，在 56 号楼与 58 号楼之间的非机动车棚增设集中充电设施（40 个充电位，含消防喷淋与监控），"
            + "费用约 18.6 万元，由公共收益账户支付。施工单位通过公开比选确定，比选结果与合同在小区公告栏和本网站公示。",
            chargingOpens,
            chargingCloses,
            chargingOpens.AddMinutes(-30));

        List<(OwnerId Owner, Choice Choice)> chargingBallots = [.. ChargingBallots(roll)];
        for (int i = 0; i < chargingBallots.Count; i++)
        {
            (OwnerId owner, Choice choice) = chargingBallots[i];
            DateTimeOffset at = chargingOpens.AddHours(3 + (i * 7));
            yield return i % 4 == 3
                ? new PaperBallotRecorded(ChargingVoteId, owner, choice, at)
                : new BallotCast(ChargingVoteId, owner, choice, at);
        }

        yield return new VoteClosed(ChargingVoteId, chargingCloses);
        TallyResult chargingResult = Tally.Count(roll, charging, Expand(roll, charging.Scope, chargingBallots));
        yield return new TallyPublished(ChargingVoteId, chargingResult.Passed, chargingCloses.AddHours(20));

        // The open vote: the building-57 lift, paid from the special maintenance fund. Using the
        // fund is an ordinary matter (Civil Code art. 278 para. 1 item 6; para. 2).
        var lift = new Matter("57号楼电梯维修使用专项维修资金", ThresholdClass.Ordinary, Scope.OfBuildings([new BuildingId("57")]));
        DateTimeOffset liftOpens = now.AddDays(-6);
        yield return new MatterPublished(
            LiftVoteId,
            CompoundId,
            lift,
            "57 号楼两部电梯已运行 18 年，今年维保检查发现曳引机磨损、门机老化，多次困人。经业委会委托第三方评估，拟对两部电梯进行大修："
            + "更换曳引机、控制柜和层门门机，费用合计 46.8 万元，从 57 号楼专项维修资金分户账中按各户专有部分面积分摊列支。"
            + "维修方案、评估报告和报价单在 57 号楼大堂公示，也可在本网站下载。本事项由 57 号楼全体业主表决（《上海市住宅物业管理规定》第六十九条）。",
            liftOpens,
            now.AddDays(9),
            liftOpens.AddMinutes(-30));

        for (int i = 0; i < liftBallots.Count; i++)
        {
            (OwnerId owner, Choice choice) = liftBallots[i];
            DateTimeOffset at = liftOpens.AddHours(2 + (i * 4));
            yield return i % 4 == 3
                ? new PaperBallotRecorded(LiftVoteId, owner, choice, at)
                : new BallotCast(LiftVoteId, owner, choice, at);
        }
    }

    // The vote is under way: the first 30 owners of the sample's ballots (in file order) are in,
    // not the demo owner of 57-101, who is left to vote. One ballot per owner (JI art. 9).
    private static IEnumerable<(OwnerId, Choice)> LiftBallotsSoFar(Roll roll, IReadOnlyList<Ballot> sample)
    {
        OwnerId demoOwner = roll[new UnitId("57-101")].Owner;
        return sample
            .Select(b => (roll[b.Unit].Owner, b.Choice))
            .Where(b => b.Owner != demoOwner)
            .DistinctBy(b => b.Owner)
            .Take(30);
    }

    // About four in five owners took part; most said yes.
    private static IEnumerable<(OwnerId, Choice)> ChargingBallots(Roll roll)
    {
        List<OwnerId> owners = [.. roll.Units.Select(u => u.Owner).Distinct()];
        for (int i = 0; i < owners.Count; i++)
        {
            if (i % 5 == 4)
            {
                continue;
            }

            Choice choice = (i % 11) switch
            {
                3 => Choice.No,
                8 => Choice.Abstain,
                _ => Choice.Yes,
            };
            yield return (owners[i], choice);
        }
    }

    // One ballot per headcount principal covers all of the principal's units in scope (JI art. 9).
    private static IEnumerable<Ballot> Expand(Roll roll, Scope scope, IEnumerable<(OwnerId Owner, Choice Choice)> ballots)
    {
        var choices = ballots.ToDictionary(b => b.Owner, b => b.Choice);
        return roll.UnitsIn(scope)
            .Where(u => choices.ContainsKey(u.Owner))
            .Select(u => new Ballot(u.Id, choices[u.Owner]));
    }

    private static string Code(string label) => InvitationCode.Derive(s_demoKey, "invitation|" + label);

    // PIPL: the projections hold owners only as keyed hashes of the roll's owner ids. The
    // developer keeps its id: its units count together as one head (JI art. 9).
    private static Roll Pseudonymise(Roll roll) => Roll.Create(roll.Units.Select(u => new Unit(
        u.Id,
        u.Building,
        u.Owner.IsDeveloper
            ? u.Owner
            : new OwnerId("o-" + Convert.ToHexStringLower(HMACSHA256.HashData(s_demoKey, Encoding.UTF8.GetBytes("owner|" + u.Owner.Value)))[..20]),
        u.Area,
        u.AreaSource)));
}
