using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Voting.Tests.Signing;

namespace OwnersVote.Voting.Tests.Events;

/// <summary>One well-formed event of each type, for round-trip and rejection tests.</summary>
internal static class EventSamples
{
    public const string Compound = "jingcheng-pinyayuan";
    public const string Vote = "b57-lift-2025";

    public static readonly byte[] CompoundKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    public static readonly DateTimeOffset At = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public static string Owner(string id) => OwnerKey.Hash(CompoundKey, id);

    public static IEnumerable<LedgerEvent> All()
    {
        using SoftwareAuthenticator authenticator = SoftwareAuthenticator.MakeCredential(BallotFixtures.RpId);
        OwnerBallot ballot = BallotFixtures.OwnerBallot() with { Compound = Compound, Vote = Vote };
        yield return Registered();
        yield return new RollFrozen(Compound, Vote, At, "officer:wang", [
            new RollEntry(new UnitId("57-0101"), new BuildingId("57"), Area.FromHundredths(8_912), AreaSource.Registry, Owner("310000000000000001"), new OwnerId("p-57-0101")),
            new RollEntry(new UnitId("57-0102"), new BuildingId("57"), Area.FromHundredths(10_250), AreaSource.Survey, Owner("310000000000000001"), new OwnerId("p-57-0101")),
            new RollEntry(new UnitId("57-0201"), new BuildingId("57"), Area.FromHundredths(9_000), AreaSource.Contract, Owner("DEVELOPER"), OwnerId.Developer),
        ]);
        yield return Matter();
        yield return new CredentialEnrolled(Compound, At, "officer:wang", Owner("310000000000000001"), authenticator.CredentialId, CoseKey.Parse(authenticator.CosePublicKey), CredentialKind.Passkey, ["officer:wang", "officer:zhao"], At.AddDays(1), OwnerNotified: true);
        yield return new CredentialRevoked(Compound, At.AddDays(3), "officer:wang", Owner("310000000000000001"), authenticator.CredentialId, ["officer:wang", "officer:zhao"], "lost-device");
        WebAuthnAssertion assertion = authenticator.GetAssertion(BallotChallenge.Compute(ballot), BallotFixtures.Origin);
        var cast = new BallotCast(Compound, Vote, At.AddDays(2), "owner:" + Owner("310000000000000001"), ballot, assertion);
        yield return cast;
        yield return new BallotSuperseded(Compound, Vote, At.AddDays(2).AddMinutes(5), "officer:wang", cast.BallotId, "online-wins-over-paper");
        yield return new PaperBallotIssued(Compound, Vote, At.AddDays(1), "officer:wang", "p-57-0101", ["57-0101", "57-0102"], "K7QX2M9PLA");
        yield return new PaperBallotRecorded(Compound, Vote, At.AddDays(7).AddHours(2), "officer:zhao", "p-57-0101", ["57-0101", "57-0102"], "K7QX2M9PLA", [new BallotAnswer("q1", Choice.Invalid)], new string('b', 64), ["officer:wang", "officer:zhao"], Counts: true);
        var mandate = new ProxyMandate(Compound, Owner("310000000000000001"), Owner("310000000000000099"), Vote, null, null, Base64UrlText.Encode(new byte[16]), At);
        yield return new EnrolmentApproved(Compound, At, "officer:zhao", Owner("310000000000000099"), "57-0101", ForProxy: true, "officer:wang", "officer:zhao");
        yield return new ProxyGranted(Compound, At.AddHours(1), "officer:wang", mandate, new string('d', 64), "officer:wang", null);
        yield return new ProxyRevoked(Compound, At.AddHours(2), "owner:" + Owner("310000000000000001"), mandate.Id, Owner("310000000000000001"), null);
        yield return new CustodialBallotCast(Compound, Vote, At.AddDays(2), "officer:zhao", Owner("310000000000000001"), "p-57-0101", ["57-0101", "57-0102"], [new BallotAnswer("q1", Choice.Yes)], "officer:wang", "officer:zhao");
        yield return Notice();
        yield return Fund();
        yield return Income();
        yield return new VoteClosed(Compound, Vote, At.AddDays(7), "system");
        yield return new TallyPublished(Compound, Vote, At.AddDays(7).AddMinutes(1), "system", ThresholdClass.Ordinary, [
            new QuestionTally(
                "q1",
                Count(28_162, 2),
                Count(19_162, 1),
                Count(19_162, 1),
                DoubleCount.Zero,
                DoubleCount.Zero,
                DoubleCount.Zero,
                QuorumMet: false,
                Passed: false),
        ]);
        yield return new VoteOpened(Compound, Vote, At.AddDays(1), "system");
        yield return new BallotDelivered(Compound, Vote, At.AddDays(1).AddHours(2), "officer:wang", "p-57-0101", DeliveryChannel.Door);
        yield return new ReminderSent(Compound, Vote, At.AddDays(5), "system", "p-57-0101", 48);
        yield return new Objection(Compound, Vote, At.AddDays(7).AddHours(3), "owner:" + Owner("310000000000000001"), "obj-1", Owner("310000000000000001"), "57-0201 的面积与产权证不符。");
        yield return new ObjectionResolved(Compound, Vote, At.AddDays(8), "committee:chen", "obj-1", "已核对不动产登记簿，面积无误。");
        yield return new ResultFinalised(Compound, Vote, At.AddDays(10), "committee:chen");
    }

    public static NoticePublished Notice() => new(
        Compound, At.AddDays(2), "committee:chen", "n-2025-03-lift", "57号楼电梯维修方案公示", "方案与报价单见附件，欢迎业主提出意见。",
        [new BuildingId("57")], [new MatterDocument("quotation.pdf", new string('a', 64))]);

    public static FundStatementPublished Fund() => new(
        Compound, At.AddDays(3), "officer:wang", "fund-57-2025h1", new BuildingId("57"), new DateOnly(2025, 1, 1), new DateOnly(2025, 6, 30),
        Opening: 100_000_00, Closing: 100_000_00 + 5_000_00 + 1_234_56 - 20_000_00,
        [
            new StatementLine(new DateOnly(2025, 1, 15), StatementLineKind.Deposit, 5_000_00, "新交房补缴"),
            new StatementLine(new DateOnly(2025, 2, 1), StatementLineKind.Spending, 20_000_00, "屋面防水", "b57-roof-2024", new string('c', 64)),
            new StatementLine(new DateOnly(2025, 3, 1), StatementLineKind.Planned, 468_000_00, "电梯大修", Vote),
            new StatementLine(new DateOnly(2025, 6, 21), StatementLineKind.Interest, 1_234_56, "活期利息"),
        ],
        [new MatterDocument("bank.pdf", new string('d', 64))]);

    public static PublicIncomePublished Income() => new(
        Compound, At.AddDays(4), "officer:wang", "income-2025q1", new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31),
        Opening: 0, Closing: 30_000_00 + 4_000_00 + 1_500_00 - 2_000_00,
        [
            new StatementLine(new DateOnly(2025, 1, 31), StatementLineKind.Parking, 30_000_00, "地面停车位"),
            new StatementLine(new DateOnly(2025, 2, 28), StatementLineKind.Advertising, 4_000_00, "电梯广告"),
            new StatementLine(new DateOnly(2025, 3, 10), StatementLineKind.Spending, 2_000_00, "公告栏维修"),
            new StatementLine(new DateOnly(2025, 3, 31), StatementLineKind.Venue, 1_500_00, "会所场地租赁"),
        ],
        []);

    public static CompoundRegistered Registered() =>
        new(Compound, At, "admin:li", "景城品雅苑", "上海市闵行区马桥镇", BallotFixtures.RpId, [BallotFixtures.Origin], RequireUserVerification: true);

    public static MatterPublished Matter(bool allowChange = true) => new(
        Compound,
        Vote,
        At,
        "committee:chen",
        "57号楼电梯维修",
        "使用专项维修资金维修57号楼电梯，费用约 ¥386,000。",
        [new MatterQuestion("q1", "是否同意使用专项维修资金维修57号楼电梯？")],
        [Choice.Yes, Choice.No, Choice.Abstain],
        [new BuildingId("57")],
        ThresholdClass.Ordinary,
        At.AddDays(1),
        At.AddDays(7),
        allowChange,
        InvalidBallotRule.Participating,
        [new MatterDocument("quotation.pdf", new string('a', 64))]);

    public static DoubleCount Count(long area, int heads) => new(Area.FromHundredths(area), Headcount.FromInt32(heads));
}
