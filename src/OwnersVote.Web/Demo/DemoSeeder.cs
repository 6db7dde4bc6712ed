using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Documents;
using OwnersVote.Web.Features.RollBook;
using OwnersVote.Web.Ledger;

namespace OwnersVote.Web.Demo;

/// <summary>What seeding did.</summary>
/// <param name="Seeded">False when the log already held entries (seeding runs once).</param>
/// <param name="CompoundId">The demo compound's id.</param>
/// <param name="Entries">How many log entries seeding appended.</param>
public sealed record DemoSeedOutcome(bool Seeded, string CompoundId, int Entries);

/// <summary>
/// Seeds the demo compound 景城品雅苑 (DESIGN.md: the reference case) as log events through the
/// <see cref="EventLog"/>, so the tables follow from the log: the compound, per vote the roll of
/// <c>samples/jingcheng/roll.csv</c> (owners only as <see cref="OwnerKey"/> hashes) and the matter,
/// a passkey per voting owner, and ballots that are genuine WebAuthn assertions made by a
/// <see cref="SoftwareAuthenticator"/> over <see cref="BallotChallenge"/> — verifiable offline from
/// the log alone. The closed compound-wide vote is closed and its tally, recounted by
/// <see cref="VoteReplay"/>, published; the open building-57 lift vote has its first 30 ballots in.
/// </summary>
public sealed class DemoSeeder(OwnersVoteDb db, EventLog log, TimeProvider time, IOptions<DemoOptions> options, IHostEnvironment environment, DocumentStore documents, RollBook rollBook)
{
    /// <summary>The demo compound's id.</summary>
    public const string CompoundId = "jingcheng-pinyayuan";

    /// <summary>The open vote's id.</summary>
    public const string LiftVoteId = "b57-lift-2026";

    /// <summary>The closed vote's id.</summary>
    public const string ChargingVoteId = "ev-charging-2025";

    /// <summary>The WebAuthn RP ID of the demo: the pages are served from localhost.</summary>
    public const string RpId = "localhost";

    private const string Question = "q1";
    private const string Admin = "admin:demo";
    private const string Officer = "officer:demo-1";
    private const string SecondOfficer = "officer:demo-2";

    // Demo only: the key that makes invitation codes reproducible, so the banner prints the same
    // codes every run. A real compound's codes are random, printed on the owners' letters.
    private static readonly byte[] s_invitationKey = Encoding.UTF8.GetBytes("OwnersVote demo key: 景城品雅苑");

    private static readonly TimeSpan s_invitationLifetime = TimeSpan.FromDays(90);

    /// <summary>The demo accounts and their invitation codes (the same on every run).</summary>
    public IReadOnlyList<DemoAccount> Accounts { get; } =
    [
        new("owner", "57-101", "owner of 57-101 (building 57: sees and votes the lift repair; not voted yet)", Code("owner:57-101")),
        new("owner", "56-101", "owner of 56-101 (building 56: the building-57 lift vote is not theirs)", Code("owner:56-101")),
        new("committee", "58-101", "committee member (业委会), owner of 58-101", Code("committee:58-101")),
        new("officer", null, "officer (staff: enrolment, paper ballots, review)", Code("officer:1")),
        new("officer", null, "second officer (approves desk enrolments: two-person rule)", Code("officer:2")),
    ];

    /// <summary>
    /// Appends the demo's events to an empty log, and makes sure the demo accounts' invitations
    /// exist (they are secrets, not log entries, so a rebuilt store gets them back here).
    /// </summary>
    public async Task<DemoSeedOutcome> SeedAsync(CancellationToken cancellationToken)
    {
        (Roll roll, byte[] compoundKey, string folder) = await LoadRollAsync(cancellationToken);
        DateTimeOffset now = EventTime.Truncate(time.GetUtcNow());

        // The attached document is kept by its hash; a data folder rebuilt from the log gets it back.
        await documents.PutAsync(DemoDocuments.LiftQuotation, cancellationToken);
        int appended = 0;
        if (log.TreeSize == 0)
        {
            IReadOnlyList<Ballot> liftSample = BallotCsv.Parse(await File.ReadAllBytesAsync(Path.Combine(folder, "ballots-57-lift.csv"), cancellationToken));
            List<LedgerEvent> events = Events(roll, compoundKey, [.. LiftBallotsSoFar(roll, liftSample)], now);
            await log.AppendManyAsync(events, cancellationToken);
            appended = events.Count;
        }

        foreach (DemoAccount account in Accounts)
        {
            string hash = InvitationCode.Hash(account.InvitationCode);
            if (!await db.Invitations.AnyAsync(i => i.CodeHash == hash, cancellationToken))
            {
                db.Invitations.Add(new InvitationRow
                {
                    CodeHash = hash,
                    CompoundId = CompoundId,
                    Role = account.Role,
                    OwnerId = account.UnitId is { } unit ? roll[new UnitId(unit)].Owner.Value : null,
                    StaffId = account.Role == "officer" ? (account.InvitationCode == Code("officer:1") ? Officer : SecondOfficer) : null,
                    IssuedBy = Officer + "\n" + SecondOfficer,
                    ExpiresAt = now + s_invitationLifetime,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        // The editable roll (issue 6) starts as the sample roll, imported as an officer would, so
        // the next vote's roll is frozen from it; the owner hashes equal the ones in the log.
        if (!await db.RollUnits.AnyAsync(u => u.CompoundId == CompoundId, cancellationToken))
        {
            await using FileStream sample = File.OpenRead(Path.Combine(folder, "roll.csv"));
            RollSheetResult sheet = await RollUpload.ReadAsync(sample, "roll.csv", cancellationToken);
            RollImportOutcome imported = await rollBook.ImportAsync(CompoundId, Admin, sheet, "roll.csv", cancellationToken);
            if (imported.Errors.Count > 0)
            {
                throw new InvalidOperationException("The demo roll does not import: " + string.Join("; ", imported.Errors));
            }
        }

        return new DemoSeedOutcome(appended > 0, CompoundId, appended);
    }

    /// <summary>
    /// The demo's stand-in for the officers' desk (issue 6 builds the real one): issues, or finds,
    /// the one-time invitation code for the owner of <paramref name="unit"/>, as printed on their
    /// letter, so any demo owner can try the five steps. Codes are derived like the banner's.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The unit is not on the demo roll.</exception>
    public async Task<string> IssueOwnerInvitationAsync(string unit, CancellationToken cancellationToken)
    {
        (Roll roll, _, _) = await LoadRollAsync(cancellationToken);
        if (!roll.Units.Any(u => u.Id.Value == unit))
        {
            throw new KeyNotFoundException($"Unit {unit} is not on the demo roll.");
        }

        string code = Code("owner:" + unit);
        string hash = InvitationCode.Hash(code);
        if (!await db.Invitations.AnyAsync(i => i.CodeHash == hash, cancellationToken))
        {
            db.Invitations.Add(new InvitationRow
            {
                CodeHash = hash,
                CompoundId = CompoundId,
                Role = "owner",
                OwnerId = roll[new UnitId(unit)].Owner.Value,
                IssuedBy = Officer + "\n" + SecondOfficer,
                ExpiresAt = time.GetUtcNow() + s_invitationLifetime,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        return code;
    }

    private async Task<(Roll Roll, byte[] CompoundKey, string Folder)> LoadRollAsync(CancellationToken cancellationToken)
    {
        byte[] compoundKey = await SecretFile.ReadOrCreateAsync(
            Path.GetFullPath(options.Value.CompoundKeyFile, environment.ContentRootPath),
            () => RandomNumberGenerator.GetBytes(OwnerKey.MinimumKeyLength),
            cancellationToken);
        string folder = options.Value.SampleFolder ?? Path.Combine(AppContext.BaseDirectory, "demo");
        Roll sample = RollCsv.Parse(await File.ReadAllBytesAsync(Path.Combine(folder, "roll.csv"), cancellationToken));
        return (Pseudonymise(sample, compoundKey), compoundKey, folder);
    }

    private List<LedgerEvent> Events(Roll roll, byte[] compoundKey, List<(OwnerId Owner, Choice Choice)> liftBallots, DateTimeOffset now)
    {
        DateTimeOffset registered = now.AddDays(-120);
        string origin = new Uri(options.Value.PublicUrl).GetLeftPart(UriPartial.Authority);
        string[] origins = [.. options.Value.Origins.Append(origin).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        List<LedgerEvent> events =
        [
            // Electronic Signature Law art. 13: ballots need user verification (PIN or biometrics).
            new CompoundRegistered(CompoundId, registered, Admin, "景城品雅苑", "上海市闵行区马桥镇", RpId, origins, RequireUserVerification: true),
        ];

        List<(OwnerId Owner, Choice Choice)> chargingBallots = [.. ChargingBallots(roll)];
        var authenticators = new Dictionary<OwnerId, SoftwareAuthenticator>();
        try
        {
            // A passkey per owner who votes, enrolled by two officers, active after a day's cooling-off.
            foreach (OwnerId owner in chargingBallots.Concat(liftBallots).Select(b => b.Owner).Distinct())
            {
                var authenticator = SoftwareAuthenticator.MakeCredential(RpId);
                authenticators.Add(owner, authenticator);
                DateTimeOffset enrolled = registered.AddDays(1);
                events.Add(new CredentialEnrolled(
                    CompoundId, enrolled, Officer, OwnerHash(owner, compoundKey), authenticator.CredentialId, CoseKey.Parse(authenticator.CosePublicKey),
                    CredentialKind.Passkey, [Officer, SecondOfficer], enrolled.AddDays(1), OwnerNotified: true));
            }

            // A closed compound-wide vote with its published result.
            DateTimeOffset chargingOpens = now.AddDays(-75);
            DateTimeOffset chargingCloses = now.AddDays(-45);
            events.Add(Frozen(roll, compoundKey, ChargingVoteId, chargingOpens.AddHours(-1)));
            var charging = Matter(
                ChargingVoteId,
                "小区公共收益用于增设电动自行车集中充电设施",
                "为减少电动自行车进楼充电带来的火灾隐患，拟使用小区公共收益，在 56 号楼与 58 号楼之间的非机动车棚增设集中充电设施（40 个充电位，含消防喷淋与监控），"
                + "费用约 18.6 万元，由公共收益账户支付。施工单位通过公开比选确定，比选结果与合同在小区公告栏和本网站公示。",
                [],
                chargingOpens,
                chargingCloses);
            events.Add(charging);
            // Issue 7: the system logs each vote's opening at its published time.
            events.Add(new VoteOpened(CompoundId, ChargingVoteId, chargingOpens, LedgerEvent.SystemActor));
            for (int i = 0; i < chargingBallots.Count; i++)
            {
                events.Add(Cast(roll, charging, chargingBallots[i], chargingOpens.AddHours(3 + (i * 7)), authenticators[chargingBallots[i].Owner], origin, i));
            }

            events.Add(new VoteClosed(CompoundId, ChargingVoteId, chargingCloses, LedgerEvent.SystemActor));
            VoteReplayResult recount = VoteReplay.Replay(events, ChargingVoteId);
            events.Add(recount.ToTallyPublished(chargingCloses.AddHours(20), Officer));

            // The open vote: the building-57 lift, paid from the special maintenance fund. Using the
            // fund is an ordinary matter (Civil Code art. 278 para. 1 item 6; para. 2); only
            // building 57 decides (Shanghai art. 69).
            DateTimeOffset liftOpens = now.AddDays(-6);
            events.Add(Frozen(roll, compoundKey, LiftVoteId, liftOpens.AddHours(-1)));
            var lift = Matter(
                LiftVoteId,
                "57号楼电梯维修使用专项维修资金",
                "57 号楼两部电梯已运行 18 年，今年维保检查发现曳引机磨损、门机老化，多次困人。经业委会委托第三方评估，拟对两部电梯进行大修："
                + "更换曳引机、控制柜和层门门机，费用合计 46.8 万元，从 57 号楼专项维修资金分户账中按各户专有部分面积分摊列支。"
                + "维修方案、评估报告和报价单在 57 号楼大堂公示，也可在本网站下载。本事项由 57 号楼全体业主表决（《上海市住宅物业管理规定》第六十九条）。",
                [new BuildingId("57")],
                liftOpens,
                now.AddDays(9),
                [DemoDocuments.LiftQuotationDocument]) with
            { Handwriting = HandwritingPolicy.Optional }; // Issue 11: owners may add a handwritten signature.
            events.Add(lift);
            events.Add(new VoteOpened(CompoundId, LiftVoteId, liftOpens, LedgerEvent.SystemActor));
            for (int i = 0; i < liftBallots.Count; i++)
            {
                events.Add(Cast(roll, lift, liftBallots[i], liftOpens.AddHours(2 + (i * 4)), authenticators[liftBallots[i].Owner], origin, chargingBallots.Count + i));
            }

            events.AddRange(MoneyAndNotices(lift, now));
        }
        finally
        {
            foreach (SoftwareAuthenticator a in authenticators.Values)
            {
                a.Dispose();
            }
        }

        return events;
    }

    // Issue 7 parts 6–7: building 57's maintenance fund with the lift repair planned against the
    // open lift vote (its quotation as the line's document), the compound's public income for the
    // last two full quarters, and two notices. Statements follow Shanghai art. 66: the fund per
    // half year (the current one to date), public income per quarter.
    private static IEnumerable<LedgerEvent> MoneyAndNotices(MatterPublished lift, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        DateOnly yesterday = today.AddDays(-1);
        var proposed = DateOnly.FromDateTime(lift.At.UtcDateTime);
        DateOnly half = new(proposed.Year, proposed.Month <= 6 ? 1 : 7, 1);
        DateOnly previousHalf = half.AddMonths(-6);
        var b57 = new BuildingId("57");
        DateTimeOffset published = now.AddHours(-2);

        const long PreviousOpening = 1_052_300_00;
        StatementLine[] previousLines =
        [
            new(previousHalf.AddDays(40), StatementLineKind.Deposit, 8_600_00, "57-1801 新交房业主首期缴存"),
            .. InterestDays(previousHalf, half.AddDays(-1)).Select(d => new StatementLine(d, StatementLineKind.Interest, 1_975_06, "活期存款结息")),
        ];
        long previousClosing = StatementPublished.ClosingOf(PreviousOpening, previousLines);
        yield return new FundStatementPublished(
            CompoundId, published.AddDays(-1), Officer, $"fund-57-{previousHalf:yyyyMM}", b57, previousHalf, half.AddDays(-1),
            PreviousOpening, previousClosing, previousLines, []);

        // The lift repair is planned, not paid: the vote is open (Civil Code art. 278: no use of
        // the fund before the owners decide). Once it passes and the contractor is paid, a later
        // statement records the spending against the same vote.
        StatementLine[] currentLines =
        [
            .. InterestDays(half, yesterday).Where(d => d < proposed).Select(d => new StatementLine(d, StatementLineKind.Interest, 1_982_41, "活期存款结息")),
            new(proposed, StatementLineKind.Planned, 468_000_00, "57号楼两部电梯大修（曳引机、控制柜、层门门机）", lift.Vote, DemoDocuments.LiftQuotationDocument.Sha256),
        ];
        yield return new FundStatementPublished(
            CompoundId, published, Officer, $"fund-57-{half:yyyyMM}", b57, half, yesterday,
            previousClosing, StatementPublished.ClosingOf(previousClosing, currentLines), currentLines, [DemoDocuments.LiftQuotationDocument]);

        DateOnly quarter = new(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
        long opening = 256_480_00;
        foreach (DateOnly q in new[] { quarter.AddMonths(-6), quarter.AddMonths(-3) })
        {
            DateOnly end = q.AddMonths(3).AddDays(-1);
            StatementLine[] lines =
            [
                new(q.AddMonths(1).AddDays(-1), StatementLineKind.Parking, 12_800_00, "地面临时停车费"),
                new(q.AddMonths(1).AddDays(9), StatementLineKind.Advertising, 6_000_00, "电梯轿厢广告位"),
                new(q.AddMonths(2).AddDays(-1), StatementLineKind.Parking, 13_150_00, "地面临时停车费"),
                new(q.AddMonths(2).AddDays(14), StatementLineKind.Venue, 2_400_00, "会所活动室场地租赁"),
                .. InterestDays(q, end).Select(d => new StatementLine(d, StatementLineKind.Interest, 512_30, "活期存款结息")),
                new(end, StatementLineKind.Parking, 12_640_00, "地面临时停车费"),
            ];
            long closing = StatementPublished.ClosingOf(opening, lines);
            yield return new PublicIncomePublished(CompoundId, published.AddMinutes(5), Officer, $"income-{q:yyyyMM}", q, end, opening, closing, lines, []);
            opening = closing;
        }

        yield return new NoticePublished(
            CompoundId, lift.At.AddMinutes(5), "committee:demo", "b57-lift-plan", "57号楼电梯大修方案公示",
            "57 号楼两部电梯大修方案和报价单已在大堂公示，电子版见附件。表决期间欢迎业主到业委会办公室查阅评估报告原件。",
            [b57], [DemoDocuments.LiftQuotationDocument]);
        yield return new NoticePublished(
            CompoundId, published.AddMinutes(10), "committee:demo", "accounts-published", "专项维修资金和公共收益账目公示",
            "本期专项维修资金（按楼栋）和公共收益（按季度）账目已在本网站“资金公示”公布，欢迎业主查阅监督。",
            [], []);
    }

    // Banks settle current-account interest on the 21st of the last month of each quarter.
    private static IEnumerable<DateOnly> InterestDays(DateOnly from, DateOnly to)
    {
        for (var d = new DateOnly(from.Year, 3, 21); d <= to; d = d.AddMonths(3))
        {
            if (d >= from)
            {
                yield return d;
            }
        }
    }

    // The roll's owner hash: the pseudonymised principal itself, or the developer's hash.
    private static string OwnerHash(OwnerId principal, byte[] compoundKey) =>
        principal.IsDeveloper ? OwnerKey.Hash(compoundKey, "owner|" + principal.Value) : principal.Value;

    private static RollFrozen Frozen(Roll roll, byte[] compoundKey, string vote, DateTimeOffset at) => new(
        CompoundId,
        vote,
        at,
        Officer,
        [.. roll.Units
            .OrderBy(u => u.Id.Value, StringComparer.Ordinal)
            .Select(u => new RollEntry(u.Id, u.Building, u.Area, u.AreaSource, OwnerHash(u.Owner, compoundKey), u.Owner))]);

    private static MatterPublished Matter(
        string vote, string title, string text, IReadOnlyList<BuildingId> scope, DateTimeOffset opens, DateTimeOffset closes, IReadOnlyList<MatterDocument>? documents = null) => new(
        CompoundId,
        vote,
        opens.AddMinutes(-30),
        Officer,
        title,
        text,
        [new MatterQuestion(Question, title)],
        [Choice.Yes, Choice.No, Choice.Abstain],
        scope,
        ThresholdClass.Ordinary,
        opens,
        closes,
        AllowChange: true,
        InvalidBallotRule.Participating,
        documents ?? []);

    // The owner's ballot, signed on "their device": the challenge is SHA-256 of the canonical
    // ballot (DESIGN.md "Ballot signing"), the assertion a real ES256 WebAuthn assertion.
    private static BallotCast Cast(Roll roll, MatterPublished matter, (OwnerId Owner, Choice Choice) ballot, DateTimeOffset at, SoftwareAuthenticator authenticator, string origin, int serial)
    {
        // JI art. 9: one ballot for all of the principal's units in scope.
        string[] units = [.. roll.UnitsIn(matter.ToMatter().Scope).Where(u => u.Owner == ballot.Owner).Select(u => u.Id.Value).Order(StringComparer.Ordinal)];
        byte[] nonce = SHA256.HashData(Encoding.UTF8.GetBytes($"demo-nonce|{matter.Vote}|{serial}"))[..16];
        var signed = new OwnerBallot(CompoundId, matter.Vote, ballot.Owner.Value, units, [new BallotAnswer(Question, ballot.Choice)], Base64UrlText.Encode(nonce), at.AddMinutes(-2));
        WebAuthnAssertion assertion = authenticator.GetAssertion(BallotChallenge.Compute(signed), origin);
        return new BallotCast(CompoundId, matter.Vote, at, "owner:" + ballot.Owner.Value, signed, assertion);
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

    /// <summary>A demo invitation code, the same on every run (the demo's own key; real codes are random).</summary>
    internal static string Code(string label) => InvitationCode.Derive(s_invitationKey, "invitation|" + label);

    // PIPL: the log and the tables hold owners only as keyed hashes (OwnerKey) under the
    // compound's secret key. The developer keeps its id: its units count together as one head (JI art. 9).
    private static Roll Pseudonymise(Roll roll, byte[] compoundKey) => Roll.Create(roll.Units.Select(u => new Unit(
        u.Id,
        u.Building,
        u.Owner.IsDeveloper ? u.Owner : new OwnerId(OwnerKey.Hash(compoundKey, "owner|" + u.Owner.Value)),
        u.Area,
        u.AreaSource)));
}
