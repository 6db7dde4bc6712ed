using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OwnersVote.Ledger;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.Lifecycle;
using OwnersVote.Web.Features.RollBook;
using OwnersVote.Web.Features.SignIn;
using OwnersVote.Web.Ledger;
using OwnersVote.Web.Localization;
using OwnersVote.Web.Spreadsheets;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Issue 6 §1 and §4 on the real app and database: the editable roll imported from real .xlsx
/// (written by <see cref="XlsxTable"/>) and .csv files with Chinese headers, whole or not at all;
/// transfers (JI art. 9 and the rule that a new owner votes in votes opened after the sale);
/// co-owners choosing who casts; the developer's unsold units as one principal; the history of
/// every change; and freezing a vote's roll into the log through <see cref="RollFreezer"/>.
/// </summary>
public sealed class RollBookTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Officer = "officer:test-1";

    private static readonly string[] s_header = ["楼号", "室号", "业主编号", "姓名", "身份证号", "手机", "面积（㎡）", "面积来源"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A valid GB 11643 number: the given 17 digits and their check character.</summary>
    private static string IdNumber(string first17) => first17 + ResidentIdNumber.CheckCharacter(first17);

    [Fact]
    public async Task An_xlsx_roll_with_Chinese_headers_imports_every_unit_and_keeps_ID_numbers_only_as_keyed_hashes()
    {
        string compound = NewCompound();
        string id = IdNumber("31011219800101123");
        byte[] xlsx = Xlsx(
            ["景城品雅苑业主名册（2026 年 11 月）"],
            [],
            s_header,
            ["57", "57-101", "OW-1", "王小明", id, "13800138000", 138.66m, "不动产登记"],
            ["57", "57-102", "OW-2", "李小红", null, null, 89.3m, "实测"],
            ["58", "58-101", "OW-1", "王小明", id, "13800138000", 72.18m, "合同"],
            ["58", "58-102", "开发商", null, null, null, 120m, "不动产登记"]);

        RollImportOutcome outcome = await ImportAsync(compound, xlsx, "名册.xlsx");

        Assert.Empty(outcome.Errors);
        Assert.Equal(4, outcome.Units);
        Assert.Equal(3, outcome.Owners);
        using IServiceScope scope = app.Services.CreateScope();
        OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        CompoundKey key = scope.ServiceProvider.GetRequiredService<CompoundKey>();
        List<RollUnitRow> units = await db.RollUnits.Where(u => u.CompoundId == compound).OrderBy(u => u.Id).ToListAsync(Cancel);
        Assert.Equal(["57-101", "57-102", "58-101", "58-102"], units.Select(u => u.Id));
        // Numeric cells are read as the person saw them: 89.3 is 89.30 m², never rounded (JI art. 8).
        Assert.Equal([13_866L, 8_930L, 7_218L, 12_000L], units.Select(u => u.AreaHundredths));
        Assert.Equal(["registry", "survey", "contract", "registry"], units.Select(u => u.AreaSource));
        Assert.Equal(OwnerId.DeveloperValue, units[3].OwnerId);

        RollOwnerRow wang = await db.RollOwners.SingleAsync(o => o.CompoundId == compound && o.Id == "OW-1", Cancel);
        Assert.Equal("王小明", wang.Name);
        Assert.Equal("13800138000", wang.Phone);
        Assert.Equal(await key.IdNumberHashAsync(id, Cancel), wang.IdNumberHash);
        Assert.Equal(await key.OwnerHashAsync("OW-1", Cancel), wang.OwnerHash);
        // PIPL: the number itself is nowhere in the owner rows or the history.
        Assert.DoesNotContain(await db.RollOwners.Where(o => o.CompoundId == compound).ToListAsync(Cancel), o => (o.IdNumberHash ?? "").Contains(id, StringComparison.Ordinal));
        List<RollHistoryRow> history = await db.RollHistory.Where(h => h.CompoundId == compound).ToListAsync(Cancel);
        Assert.Contains(history, h => h.Action == "import" && h.Officer == Officer && h.Detail.Contains("4 units", StringComparison.Ordinal));
        Assert.All(history, h => Assert.DoesNotContain("王小明", h.Detail, StringComparison.Ordinal));
        Assert.All(history, h => Assert.DoesNotContain(id, h.Detail, StringComparison.Ordinal));
        Assert.All(history, h => Assert.DoesNotContain("13800138000", h.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_csv_roll_with_Chinese_headers_imports_like_the_xlsx()
    {
        string compound = NewCompound();
        string csv = "楼号,室号,业主编号,面积,面积来源\n1,1-101,A,88.50,不动产登记\n1,1-102,B,92,实测\n";

        RollImportOutcome outcome = await ImportAsync(compound, Encoding.UTF8.GetBytes(csv), "roll.csv");

        Assert.Empty(outcome.Errors);
        Assert.Equal(2, outcome.Units);
        using IServiceScope scope = app.Services.CreateScope();
        OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        Assert.Equal(2, await db.RollUnits.CountAsync(u => u.CompoundId == compound, Cancel));
    }

    [Fact]
    public async Task A_bad_xlsx_names_every_bad_row_by_its_number_and_imports_nothing()
    {
        string compound = NewCompound();
        Assert.Empty((await ImportAsync(compound, Encoding.UTF8.GetBytes("楼号,室号,业主编号,面积,面积来源\n1,1-101,A,88.50,不动产登记\n"), "first.csv")).Errors);

        byte[] xlsx = Xlsx(
            s_header,
            ["1", "1-101", "A", null, null, null, 88.5m, "不动产登记"],
            ["1", "1-102", "B", null, null, null, -3m, "实测"],
            ["1", "1-103", "C", null, null, null, 70m, "估算"],
            ["1", "1-104", "D", null, IdNumber("31011219800101123")[..17] + "0", null, 70m, "合同"],
            ["1", "1-101", "E", null, null, null, 60m, "合同"],
            ["1", "1-106", null, null, null, null, 60m, "合同"],
            ["1", "1-107", "F", null, null, null, 0m, "合同"],
            ["1", "1-108", "G", null, null, "call me", 61.255m, "合同"]);

        RollImportOutcome outcome = await ImportAsync(compound, xlsx, "bad.xlsx");

        // Header on row 1; rows 3 to 9 each have a problem (row 9 two).
        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 9], outcome.Errors.Select(e => e.Row));
        Assert.Contains("negative", outcome.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("估算", outcome.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("GB 11643", outcome.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("already on row 2", outcome.Errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("第 3 行", outcome.Errors[0].ToString(), StringComparison.Ordinal);
        // Nothing imported: the earlier roll stands, with its one unit and owner A only.
        using IServiceScope scope = app.Services.CreateScope();
        OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        Assert.Equal(["1-101"], await db.RollUnits.Where(u => u.CompoundId == compound).Select(u => u.Id).ToListAsync(Cancel));
        Assert.Equal(["A"], await db.RollOwners.Where(o => o.CompoundId == compound).Select(o => o.Id).ToListAsync(Cancel));
        Assert.Equal(1, await db.RollHistory.CountAsync(h => h.CompoundId == compound && h.Action == "import", Cancel));
    }

    [Fact]
    public async Task A_bad_csv_names_every_bad_row_and_a_missing_column_names_its_header_row()
    {
        string compound = NewCompound();
        string csv = "业主名册\n楼号,室号,业主编号,面积,面积来源\n1,1-101,A,88.505,不动产登记\n1,1-102,B,abc,registry\n1,1-103,C,70,contract\n";
        RollImportOutcome bad = await ImportAsync(compound, Encoding.UTF8.GetBytes(csv), "bad.csv");
        Assert.Equal([3, 4], bad.Errors.Select(e => e.Row));

        RollImportOutcome missing = await ImportAsync(compound, Encoding.UTF8.GetBytes("楼号,室号,面积\n1,1-101,88\n"), "missing.csv");
        RollRowError error = Assert.Single(missing.Errors);
        Assert.Equal(1, error.Row);
        Assert.Contains("业主编号", error.Message, StringComparison.Ordinal);
        Assert.Contains("面积来源", error.Message, StringComparison.Ordinal);

        RollImportOutcome notATable = await ImportAsync(compound, [0x50, 0x4b, 0x03, 0x04, 0x00], "broken.xlsx");
        Assert.Single(notATable.Errors);
        using IServiceScope scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<OwnersVoteDb>().RollUnits.AnyAsync(u => u.CompoundId == compound, Cancel));
    }

    [Fact]
    public async Task A_sold_units_new_owner_votes_in_votes_opened_after_the_transfer_and_not_before()
    {
        string compound = await RegisteredCompoundAsync();
        Assert.Empty((await ImportAsync(compound, Encoding.UTF8.GetBytes("楼号,室号,业主编号,面积,面积来源\n1,1-101,SELLER,88.50,不动产登记\n1,1-102,OTHER,92,实测\n"), "roll.csv")).Errors);
        var effective = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.FromHours(8));
        using (IServiceScope scope = app.Services.CreateScope())
        {
            RollBook roll = scope.ServiceProvider.GetRequiredService<RollBook>();
            Assert.Null(await roll.TransferAsync(compound, Officer, "1-101", "BUYER", "新业主", null, null, effective, Cancel));
            Assert.Equal(RollRefusal.SameOwner, await roll.TransferAsync(compound, Officer, "1-101", "BUYER", null, null, null, effective, Cancel));
        }

        string before = compound + "-before";
        string at = compound + "-at";
        string after = compound + "-after";
        await FreezeAsync(compound, before, effective.AddDays(-1));
        await FreezeAsync(compound, at, effective);
        await FreezeAsync(compound, after, effective.AddDays(30));

        Assert.Equal(await OwnerHashAsync("SELLER"), await FrozenOwnerAsync(before, "1-101"));
        Assert.Equal(await OwnerHashAsync("BUYER"), await FrozenOwnerAsync(at, "1-101"));
        Assert.Equal(await OwnerHashAsync("BUYER"), await FrozenOwnerAsync(after, "1-101"));
        Assert.Equal(await OwnerHashAsync("OTHER"), await FrozenOwnerAsync(before, "1-102"));

        using IServiceScope check = app.Services.CreateScope();
        OwnersVoteDb db = check.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        RollHistoryRow transfer = await db.RollHistory.SingleAsync(h => h.CompoundId == compound && h.Action == "transfer", Cancel);
        Assert.Equal(Officer, transfer.Officer);
        Assert.Contains("SELLER → BUYER", transfer.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("新业主", transfer.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Co_owners_choose_who_casts_and_their_unit_is_one_vote()
    {
        string compound = await RegisteredCompoundAsync();
        Assert.Empty((await ImportAsync(compound, Encoding.UTF8.GetBytes("楼号,室号,业主编号,面积,面积来源\n1,1-101,HUSBAND,88.50,不动产登记\n1,1-102,HUSBAND,92,实测\n1,1-103,NEIGHBOUR,70,合同\n"), "roll.csv")).Errors);
        using (IServiceScope scope = app.Services.CreateScope())
        {
            RollBook roll = scope.ServiceProvider.GetRequiredService<RollBook>();
            Assert.Null(await roll.AddCoOwnerAsync(compound, Officer, "1-101", "WIFE", "共有人", "021-12345678", IdNumber("31011219850505222"), Cancel));
            Assert.Equal(RollRefusal.NotACoOwner, await roll.ChooseCasterAsync(compound, Officer, "1-101", "NEIGHBOUR", Cancel));
            Assert.Equal(RollRefusal.BadIdNumber, await roll.AddCoOwnerAsync(compound, Officer, "1-103", "X", null, null, "123", Cancel));
            Assert.Null(await roll.ChooseCasterAsync(compound, Officer, "1-101", "WIFE", Cancel));
            RollUnitDetail detail = (await roll.UnitAsync(compound, "1-101", Cancel))!;
            Assert.Equal("WIFE", detail.Unit.Owner);
            Assert.Equal(["HUSBAND"], detail.Unit.CoOwners);
            Assert.True(detail.Owners.Single(o => o.Id == "WIFE").HasIdNumber);
        }

        string vote = compound + "-v";
        FrozenRoll frozen = await FreezeAsync(compound, vote, DateTimeOffset.UtcNow);
        Assert.Equal(await OwnerHashAsync("WIFE"), await FrozenOwnerAsync(vote, "1-101"));
        Assert.Equal(await OwnerHashAsync("HUSBAND"), await FrozenOwnerAsync(vote, "1-102"));
        // JI art. 9: three units, three heads — the wife for the co-owned unit, the husband for his
        // own, the neighbour — and the co-owned unit is one vote, not two.
        Assert.Equal(3, frozen.Units);
        Assert.Equal(3, frozen.Heads);
    }

    [Fact]
    public async Task The_developers_unsold_units_count_as_one_principal()
    {
        string compound = await RegisteredCompoundAsync();
        Assert.Empty((await ImportAsync(compound, Encoding.UTF8.GetBytes("楼号,室号,业主编号,面积,面积来源\n1,1-101,开发商,88.50,不动产登记\n1,1-102,开发建设单位,92,实测\n1,1-103,DEVELOPER,70,合同\n1,1-104,OWNER,70,合同\n"), "roll.csv")).Errors);
        using (IServiceScope scope = app.Services.CreateScope())
        {
            // The developer's units are not co-owned with a person.
            Assert.Equal(RollRefusal.DeveloperCoOwner, await scope.ServiceProvider.GetRequiredService<RollBook>().AddCoOwnerAsync(compound, Officer, "1-101", "SOMEONE", null, null, null, Cancel));
        }

        string vote = compound + "-v";
        FrozenRoll frozen = await FreezeAsync(compound, vote, DateTimeOffset.UtcNow);

        Assert.Equal(4, frozen.Units);
        Assert.Equal(2, frozen.Heads);
        using IServiceScope check = app.Services.CreateScope();
        OwnersVoteDb db = check.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        List<UnitRow> units = await db.Units.Where(u => u.VoteId == vote).OrderBy(u => u.Id).ToListAsync(Cancel);
        Assert.Equal([OwnerId.DeveloperValue, OwnerId.DeveloperValue, OwnerId.DeveloperValue], units.Take(3).Select(u => u.OwnerId));
        Assert.Equal(await OwnerHashAsync("OWNER"), units[3].OwnerId);
    }

    [Fact]
    public async Task An_edit_is_recorded_with_its_officer_and_the_next_freeze_takes_it()
    {
        string compound = await RegisteredCompoundAsync();
        Assert.Empty((await ImportAsync(compound, Encoding.UTF8.GetBytes("楼号,室号,业主编号,面积,面积来源\n1,1-101,A,88.50,合同\n"), "roll.csv")).Errors);
        using (IServiceScope scope = app.Services.CreateScope())
        {
            RollBook roll = scope.ServiceProvider.GetRequiredService<RollBook>();
            Assert.Equal(RollRefusal.BadArea, await roll.EditUnitAsync(compound, Officer, "1-101", "1", "88.505", "registry", Cancel));
            Assert.Equal(RollRefusal.BadArea, await roll.EditUnitAsync(compound, Officer, "1-101", "1", "0", "registry", Cancel));
            Assert.Equal(RollRefusal.BadAreaSource, await roll.EditUnitAsync(compound, Officer, "1-101", "1", "88.40", "guess", Cancel));
            Assert.Equal(RollRefusal.UnknownUnit, await roll.EditUnitAsync(compound, Officer, "9-999", "1", "88.40", "registry", Cancel));
            // JI art. 8: the registered area replaces the contract area, with its source.
            Assert.Null(await roll.EditUnitAsync(compound, "officer:test-2", "1-101", "1", "88.40", "不动产登记", Cancel));
        }

        string vote = compound + "-v";
        await FreezeAsync(compound, vote, DateTimeOffset.UtcNow);
        using IServiceScope check = app.Services.CreateScope();
        OwnersVoteDb db = check.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        UnitRow unit = await db.Units.SingleAsync(u => u.VoteId == vote, Cancel);
        Assert.Equal(8_840, unit.AreaHundredths);
        Assert.Equal("registry", unit.AreaSource);
        RollHistoryRow edit = (await db.RollHistory.Where(h => h.CompoundId == compound && h.Action == "unit").ToListAsync(Cancel)).OrderBy(h => h.Id).Last();
        Assert.Equal("officer:test-2", edit.Officer);
        Assert.Equal("building 1, 88.50 m² (contract), owner A → building 1, 88.40 m² (registry), owner A", edit.Detail);
    }

    [Fact]
    public async Task A_roll_is_frozen_once_per_vote_and_an_empty_roll_is_not_frozen()
    {
        string compound = await RegisteredCompoundAsync();
        using (IServiceScope scope = app.Services.CreateScope())
        {
            RollFreezer freezer = scope.ServiceProvider.GetRequiredService<RollFreezer>();
            Assert.Equal(FreezeRefusal.EmptyRoll, (await freezer.FreezeAsync(compound, compound + "-v", DateTimeOffset.UtcNow, Officer, Cancel)).Refused);
            Assert.Equal(FreezeRefusal.BadVoteId, (await freezer.FreezeAsync(compound, "Bad Id", DateTimeOffset.UtcNow, Officer, Cancel)).Refused);
            Assert.Equal(FreezeRefusal.UnknownCompound, (await freezer.FreezeAsync("no-such-compound", "x-1", DateTimeOffset.UtcNow, Officer, Cancel)).Refused);
        }

        Assert.Empty((await ImportAsync(compound, Encoding.UTF8.GetBytes("楼号,室号,业主编号,面积,面积来源\n1,1-101,A,88.50,合同\n"), "roll.csv")).Errors);
        long before;
        using (IServiceScope scope = app.Services.CreateScope())
        {
            before = scope.ServiceProvider.GetRequiredService<EventLog>().TreeSize;
        }

        await FreezeAsync(compound, compound + "-v", DateTimeOffset.UtcNow);
        using IServiceScope again = app.Services.CreateScope();
        RollFreezer second = again.ServiceProvider.GetRequiredService<RollFreezer>();
        Assert.Equal(FreezeRefusal.AlreadyFrozen, (await second.FreezeAsync(compound, compound + "-v", DateTimeOffset.UtcNow, Officer, Cancel)).Refused);
        Assert.Equal(before + 1, again.ServiceProvider.GetRequiredService<EventLog>().TreeSize);
    }

    [Fact]
    public async Task A_roll_of_1200_units_is_frozen_in_parts_announced_with_its_matter_as_one_group_and_recounted_from_the_log()
    {
        // c2sp.org/tlog-tiles: an entry is at most 65,535 bytes, about 300 units of a roll; a
        // compound of 1,200 units in 12 buildings, each owner with two units.
        string compound = await RegisteredCompoundAsync();
        var csv = new StringBuilder("楼号,室号,业主编号,面积,面积来源\n");
        for (int i = 0; i < 1_200; i++)
        {
            int building = 1 + (i / 100);
            csv.Append(CultureInfo.InvariantCulture, $"{building},{building}-{i % 100:D3},OWNER{i / 2},{60 + (i % 50)}.25,不动产登记\n");
        }

        Assert.Empty((await ImportAsync(compound, Encoding.UTF8.GetBytes(csv.ToString()), "large.csv")).Errors);

        // The roll book's freeze: the parts, one group of consecutive entries.
        long before = TreeSize();
        FrozenRoll frozen = await FreezeAsync(compound, compound + "-roll", DateTimeOffset.UtcNow);
        Assert.Equal((1_200, 600), (frozen.Units, frozen.Heads));
        Assert.InRange(frozen.Entries, 4, 12);
        Assert.Equal(before + frozen.Entries, TreeSize());
        Assert.Equal(before, frozen.LogIndex);
        Assert.Equal(1_200, await ProjectedUnitsAsync(compound + "-roll"));
        Assert.Contains($"共 {frozen.Entries} 条", ChineseText.Instance.RollFrozenDone(compound + "-roll", frozen.Units, frozen.Heads, frozen.Area.ToString(), frozen.LogIndex, frozen.Entries), StringComparison.Ordinal);

        // A draft over the same roll is announced: its roll's parts and the matter in one group.
        string vote = compound + "-v";
        var session = new OwnerSession(compound, Roles.Officer, null, Officer);
        DateTimeOffset opens = EventTime.Truncate(DateTimeOffset.UtcNow.AddHours(1));
        using (IServiceScope scope = app.Services.CreateScope())
        {
            VoteLifecycle lifecycle = scope.ServiceProvider.GetRequiredService<VoteLifecycle>();
            Assert.Null(await lifecycle.SaveDraftAsync(new DraftInput(vote, "电梯维修", "使用专项维修资金维修 1 至 12 号楼电梯。", "", [new DraftQuestion("是否同意？", ThresholdClass.Major)], opens, 7, null, [], true, false), session, Cancel));
            before = TreeSize();
            Assert.Null(await lifecycle.AnnounceAsync(vote, session, Cancel));
            // A vote id whose roll the roll book froze cannot be drafted again.
            Assert.Equal(LifecycleCodes.IdTaken, await lifecycle.SaveDraftAsync(new DraftInput(compound + "-roll", "x", "x", "", [new DraftQuestion("x", ThresholdClass.Ordinary)], opens, 7, null, [], true, false), session, Cancel));
        }

        Assert.Equal(before + frozen.Entries + 1, TreeSize());
        Assert.Equal(1_200, await ProjectedUnitsAsync(vote));

        // The served log, read back and verified, recounts the vote against the whole roll.
        using HttpClient client = app.CreateApiClient();
        NoteVerifier key = NoteVerifier.Parse((await client.GetStringAsync("/log/key", Cancel)).TrimEnd('\n'));
        var entries = new List<(long Index, LedgerEvent Event)>();
        await LogAuditor.AuditAsync(new HttpTileStore(client), key, [], 0, (i, entry) => entries.Add((i, EventCodec.Decode(entry.Span))), Cancel);
        RollFrozen[] parts = [.. entries.Select(e => e.Event).OfType<RollFrozen>().Where(r => r.Vote == vote)];
        Assert.Equal(Enumerable.Range(1, frozen.Entries), parts.Select(p => p.Part));
        Assert.All(parts, p => Assert.Equal(frozen.Entries, p.Parts));
        VoteReplayResult replay = VoteReplay.Replay(entries.Select(e => e.Event).Where(e => e.Compound == compound), vote);
        Assert.Equal(1_200, replay.Roll.Units.Count);
        Assert.Equal(600, Assert.Single(replay.Questions).Result.Total.Heads.Value);
        Assert.Equal(frozen.Area, replay.Questions[0].Result.Total.Area);
    }

    [Fact]
    public async Task An_announcement_is_logged_once_and_never_over_a_roll_the_roll_book_froze()
    {
        (string compound, OwnerSession session) = await CompoundWithRollAsync("1,1-101,A,88.50,合同\n1,1-102,B,70,合同\n");
        DateTimeOffset opens = EventTime.Truncate(DateTimeOffset.UtcNow.AddHours(1));
        DraftInput Draft(string id) => new(id, "门禁更换", "全文", "", [new DraftQuestion("是否同意？", ThresholdClass.Ordinary)], opens, 7, null, [], true, false);
        using IServiceScope scope = app.Services.CreateScope();
        VoteLifecycle lifecycle = scope.ServiceProvider.GetRequiredService<VoteLifecycle>();
        OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();

        // A stop between the announcement's append and the draft's removal leaves the draft: announcing
        // it again logs nothing and removes it.
        string vote = compound + "-once";
        Assert.Null(await lifecycle.SaveDraftAsync(Draft(vote), session, Cancel));
        VoteDraftRow left = await db.VoteDrafts.AsNoTracking().SingleAsync(d => d.Id == vote, Cancel);
        Assert.Null(await lifecycle.AnnounceAsync(vote, session, Cancel));
        db.VoteDrafts.Add(left);
        await db.SaveChangesAsync(Cancel);
        long announced = TreeSize();
        Assert.Null(await lifecycle.AnnounceAsync(vote, session, Cancel));
        Assert.Equal(announced, TreeSize());
        Assert.False(await db.VoteDrafts.AnyAsync(d => d.Id == vote, Cancel));

        // A draft whose id the roll book froze a roll for meanwhile is refused, not logged over it.
        string frozen = compound + "-frozen";
        Assert.Null(await lifecycle.SaveDraftAsync(Draft(frozen), session, Cancel));
        await FreezeAsync(compound, frozen, opens);
        long before = TreeSize();
        Assert.Equal(LifecycleCodes.IdTaken, await lifecycle.AnnounceAsync(frozen, session, Cancel));
        Assert.Equal(before, TreeSize());
    }

    [Fact]
    public async Task A_draft_longer_than_one_log_entry_holds_is_refused_and_the_longest_allowed_is_announced()
    {
        (string compound, OwnerSession session) = await CompoundWithRollAsync("1,1-101,A,88.50,合同\n");
        DateTimeOffset opens = EventTime.Truncate(DateTimeOffset.UtcNow.AddHours(1));
        // Chinese at the limits: 15,000 characters of text (45,000 bytes), a 200-character title,
        // three questions of 500.
        string text = new('维', VoteLifecycle.MaxMatterTextLength);
        DraftQuestion[] questions = [.. Enumerable.Range(0, 3).Select(_ => new DraftQuestion(new string('问', 500), ThresholdClass.Ordinary))];
        DraftInput Draft(string id, string body, string title) => new(id, title, body, "", questions, opens, 7, null, [], true, false);
        using IServiceScope scope = app.Services.CreateScope();
        VoteLifecycle lifecycle = scope.ServiceProvider.GetRequiredService<VoteLifecycle>();

        Assert.Equal(LifecycleCodes.TextTooLong, await lifecycle.SaveDraftAsync(Draft(compound + "-long", text + "维", "标题"), session, Cancel));
        Assert.Equal(LifecycleCodes.TextTooLong, await lifecycle.SaveDraftAsync(Draft(compound + "-long", "正文", new string('标', 201)), session, Cancel));
        Assert.Equal(LifecycleCodes.TextTooLong, await lifecycle.SaveDraftAsync(Draft(compound + "-long", "正文", "标题") with { Questions = [new DraftQuestion(new string('问', 501), ThresholdClass.Ordinary)] }, session, Cancel));
        Assert.Contains("15000", ChineseText.Instance.LifecycleRefused(LifecycleCodes.TextTooLong), StringComparison.Ordinal);

        string vote = compound + "-max";
        Assert.Null(await lifecycle.SaveDraftAsync(Draft(vote, text, new string('标', 200)), session, Cancel));
        long before = TreeSize();
        Assert.Null(await lifecycle.AnnounceAsync(vote, session, Cancel));
        Assert.Equal(before + 2, TreeSize());
    }

    // A registered compound whose editable roll holds these CSV rows, and an officer's session of it.
    private async Task<(string Compound, OwnerSession Session)> CompoundWithRollAsync(string rows)
    {
        string compound = await RegisteredCompoundAsync();
        Assert.Empty((await ImportAsync(compound, Encoding.UTF8.GetBytes("楼号,室号,业主编号,面积,面积来源\n" + rows), "roll.csv")).Errors);
        return (compound, new OwnerSession(compound, Roles.Officer, null, Officer));
    }

    private long TreeSize()
    {
        using IServiceScope scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<EventLog>().TreeSize;
    }

    private async Task<int> ProjectedUnitsAsync(string vote)
    {
        using IServiceScope scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OwnersVoteDb>().Units.CountAsync(u => u.VoteId == vote, Cancel);
    }

    [Fact]
    public async Task Two_officers_print_a_buildings_letters_whose_QR_codes_sign_each_owner_in()
    {
        string compound = await RegisteredCompoundAsync();
        string csv = "楼号,室号,业主编号,姓名,面积,面积来源\n1,1-101,A,业主甲,88.50,不动产登记\n1,1-102,A,业主甲,60,不动产登记\n1,1-103,开发商,,92,实测\n2,2-101,B,业主乙,70,合同\n";
        Assert.Empty((await ImportAsync(compound, Encoding.UTF8.GetBytes(csv), "roll.csv")).Errors);
        byte[] pdf;
        string batch;
        using (IServiceScope scope = app.Services.CreateScope())
        {
            InvitationLetters letters = scope.ServiceProvider.GetRequiredService<InvitationLetters>();
            Assert.Equal(LetterRefusal.NoSuchBuilding, (await letters.RequestAsync(compound, "officer:one", "9", Cancel)).Refused);
            PendingLetterBatch? pending = (await letters.RequestAsync(compound, "officer:one", "1", Cancel)).Pending;
            Assert.NotNull(pending);
            batch = pending.Id;
            // DESIGN.md §3: the officer who asked cannot approve; another compound's officer cannot see it.
            Assert.Equal(LetterRefusal.SameOfficer, (await letters.ApproveAsync(compound, "officer:one", batch, app.BaseUrl, Cancel)).Refused);
            Assert.Equal(LetterRefusal.Unknown, (await letters.ApproveAsync("another-compound", "officer:two", batch, app.BaseUrl, Cancel)).Refused);
            (byte[]? printed, LetterRefusal? refused) = await letters.ApproveAsync(compound, "officer:two", batch, app.BaseUrl, Cancel);
            Assert.Null(refused);
            Assert.NotNull(printed);
            pdf = printed;
            Assert.Equal(LetterRefusal.Unknown, (await letters.ApproveAsync(compound, "officer:three", batch, app.BaseUrl, Cancel)).Refused);
        }

        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        // One page per owner who casts a vote in building 1: owner A (two units) and the developer.
        IReadOnlyList<OwnersVote.Paper.GreyImage> pages = await OwnersVote.Paper.PdfRasterizer.RasterizeAsync(pdf, 150, Cancel);
        Assert.Equal(2, pages.Count);
        var sessions = new List<OwnersVote.Web.Features.SignIn.OwnerSession>();
        foreach (OwnersVote.Paper.GreyImage page in pages)
        {
            string url = DecodeQr(page);
            Assert.StartsWith(app.BaseUrl + "/signin?code=", url, StringComparison.Ordinal);
            string code = Uri.UnescapeDataString(url[(url.IndexOf('=', StringComparison.Ordinal) + 1)..]);

            // The QR's address shows the sign-in page with the code filled in; a GET redeems nothing.
            using HttpClient client = app.CreateApiClient();
            string signIn = await client.GetStringAsync(new Uri(url), Cancel);
            Assert.Contains($"value=\"{code}\"", signIn, StringComparison.Ordinal);

            using IServiceScope scope = app.Services.CreateScope();
            // Issue 6: an owner with a phone on the roll also gives its last four digits.
            OwnersVoteDb store = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
            string codeHash = OwnersVote.Web.Demo.InvitationCode.Hash(code);
            string? owner = (await store.Invitations.SingleAsync(i => i.CodeHash == codeHash, Cancel)).OwnerId;
            string? phone = (await store.RollOwners.FirstOrDefaultAsync(o => o.CompoundId == compound && o.OwnerHash == owner, Cancel))?.Phone;
            var outcome = await scope.ServiceProvider.GetRequiredService<OwnersVote.Web.Features.SignIn.InvitationRedeemer>().RedeemAsync(code, phone?[^4..], Cancel);
            Assert.NotNull(outcome.Session);
            sessions.Add(outcome.Session);
        }

        Assert.All(sessions, s => Assert.Equal(compound, s.CompoundId));
        Assert.Equal(
            new[] { await OwnerHashAsync("A"), await OwnerHashAsync(OwnerId.DeveloperValue) }.Order(StringComparer.Ordinal),
            sessions.Select(s => s.OwnerHash).Order(StringComparer.Ordinal));

        using IServiceScope check = app.Services.CreateScope();
        InvitationLetters after = check.ServiceProvider.GetRequiredService<InvitationLetters>();
        IReadOnlyList<LetterView> printedLetters = await after.LettersAsync(compound, Cancel);
        Assert.Equal(2, printedLetters.Count);
        Assert.All(printedLetters, l => Assert.Null(l.DeliveredAt));
        Assert.Equal(LetterRefusal.BadMethod, await after.RecordDeliveryAsync(compound, "officer:three", printedLetters[0].Id, "pigeon", Cancel));
        Assert.Equal(LetterRefusal.Unknown, await after.RecordDeliveryAsync("another-compound", "officer:three", printedLetters[0].Id, "mailbox", Cancel));
        Assert.Null(await after.RecordDeliveryAsync(compound, "officer:three", printedLetters[0].Id, "mailbox", Cancel));
        LetterView delivered = (await after.LettersAsync(compound, Cancel)).Single(l => l.Id == printedLetters[0].Id);
        Assert.Equal("officer:three", delivered.DeliveredBy);
        Assert.Equal("mailbox", delivered.DeliveryMethod);
        Assert.NotNull(delivered.DeliveredAt);
        // The invitations name both officers: a passkey set up with them is logged with both.
        OwnersVoteDb db = check.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        List<string> hashes = await db.InvitationLetters.Where(l => l.BatchId == batch).Select(l => l.CodeHash).ToListAsync(Cancel);
        Assert.All(await db.Invitations.Where(i => hashes.Contains(i.CodeHash)).ToListAsync(Cancel), i => Assert.Equal("officer:one\nofficer:two", i.IssuedBy));
    }

    private static string DecodeQr(OwnersVote.Paper.GreyImage page)
    {
        var source = new ZXing.PlanarYUVLuminanceSource(page.Pixels, page.Width, page.Height, 0, 0, page.Width, page.Height, false);
        var hints = new Dictionary<ZXing.DecodeHintType, object> { [ZXing.DecodeHintType.TRY_HARDER] = true, [ZXing.DecodeHintType.CHARACTER_SET] = "UTF-8" };
        ZXing.Result? result = new ZXing.QrCode.QRCodeReader().decode(new ZXing.BinaryBitmap(new ZXing.Common.HybridBinarizer(source)), hints);
        Assert.NotNull(result);
        return result.Text;
    }

    private static string NewCompound() => "roll-test-" + Guid.NewGuid().ToString("N")[..10];

    private async Task<string> RegisteredCompoundAsync()
    {
        string compound = NewCompound();
        using IServiceScope scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<EventLog>().AppendAsync(
            new CompoundRegistered(compound, EventTime.Truncate(DateTimeOffset.UtcNow), "admin:test", "测试小区", "上海市闵行区", "localhost", ["http://localhost"], RequireUserVerification: true),
            Cancel);
        return compound;
    }

    private async Task<RollImportOutcome> ImportAsync(string compound, byte[] file, string name)
    {
        using IServiceScope scope = app.Services.CreateScope();
        using var stream = new MemoryStream(file);
        RollSheetResult sheet = await RollUpload.ReadAsync(stream, name, Cancel);
        return await scope.ServiceProvider.GetRequiredService<RollBook>().ImportAsync(compound, Officer, sheet, name, Cancel);
    }

    private async Task<FrozenRoll> FreezeAsync(string compound, string vote, DateTimeOffset opens)
    {
        using IServiceScope scope = app.Services.CreateScope();
        (FrozenRoll? frozen, FreezeRefusal? refused) = await scope.ServiceProvider.GetRequiredService<RollFreezer>().FreezeAsync(compound, vote, opens, Officer, Cancel);
        Assert.Null(refused);
        Assert.NotNull(frozen);
        return frozen;
    }

    private async Task<string> OwnerHashAsync(string code)
    {
        using IServiceScope scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CompoundKey>().OwnerHashAsync(code, Cancel);
    }

    // The owner the log's RollFrozen names for a unit, as projected.
    private async Task<string> FrozenOwnerAsync(string vote, string unit)
    {
        using IServiceScope scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OwnersVoteDb>().Units.Where(u => u.VoteId == vote && u.Id == unit).Select(u => u.OwnerHash).SingleAsync(Cancel);
    }

    private static byte[] Xlsx(params object?[][] rows)
    {
        using var stream = new MemoryStream();
        XlsxTable.Write(stream, "名册", rows.Select(r => (IReadOnlyList<object?>)r));
        return stream.ToArray();
    }
}
