using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OwnersVote.Ledger;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.SignIn;
using OwnersVote.Web.Ledger;

namespace OwnersVote.EndToEnd;

/// <summary>
/// A principal who holds more units than one ballot entry can name (JI art. 9: a developer's unsold
/// units count together as one; <see cref="BallotUnits"/>). Online, on paper and at the desk the
/// ballot is refused in words before anything is signed, printed or logged, instead of failing when
/// it is appended; everyone else votes as usual.
/// </summary>
public sealed class TooManyUnitsTests(SqliteApp app, Browser browser) : IClassFixture<SqliteApp>
{
    private const string Compound = "big-developer";
    private const string Vote = "big-developer-lift";
    private const string Officer = "officer:big-1";
    private const int DeveloperUnits = 7_000;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_developer_with_7000_units_is_told_why_online_on_paper_and_at_the_desk_and_nothing_is_logged()
    {
        EventLog log = app.Services.GetRequiredService<EventLog>();
        (string developer, string owner) = await RegisterAsync(log);
        long size = log.TreeSize;

        // Online, on a phone, in Chinese: the ballot page says why, before any passkey is asked for.
        IPage phone = await browser.NewPageAsync(390, 844);
        await SessionCookies.SignInAsync(phone, app, new OwnerSession(Compound, Roles.Owner, developer));
        await phone.GotoAsync($"{app.BaseUrl}/votes/{Vote}/ballot");
        ILocator refused = phone.GetByTestId("ballot-refused");
        await Assertions.Expect(refused).ToHaveAttributeAsync("data-code", "too-many-units");
        await Assertions.Expect(refused).ToContainTextAsync("名下房屋太多，一张选票写不下");
        await Assertions.Expect(refused).ToContainTextAsync("没有记录任何内容");
        await AxeCheck.AssertNoSeriousViolationsAsync(phone, 390);

        // The API says the same, with a status a client can branch on.
        IAPIResponse options = await phone.APIRequest.PostAsync($"{app.BaseUrl}/api/votes/{Vote}/ballot/options", new()
        {
            DataObject = new { answers = new Dictionary<string, string> { ["q1"] = "yes" } },
        });
        Assert.Equal(422, options.Status);
        using (JsonDocument problem = JsonDocument.Parse(await options.TextAsync()))
        {
            Assert.Equal("too-many-units", problem.RootElement.GetProperty("detail").GetString());
        }

        // The ordinary owner of the same vote is offered a ballot.
        IPage neighbour = await browser.NewPageAsync(390, 844);
        await SessionCookies.SignInAsync(neighbour, app, new OwnerSession(Compound, Roles.Owner, owner));
        await neighbour.GotoAsync($"{app.BaseUrl}/votes/{Vote}/ballot");
        await Assertions.Expect(neighbour.GetByTestId("ballot-refused")).ToHaveCountAsync(0);

        // Paper: the print page names the principal by their first unit; a sheet for one of their
        // units is refused in words; "print all" prints the neighbour's sheet only.
        IPage officer = await browser.NewPageAsync(390, 844);
        await SessionCookies.SignInAsync(officer, app, new OwnerSession(Compound, Roles.Officer, null, Officer));
        await officer.GotoAsync($"{app.BaseUrl}/votes/{Vote}/paper");
        await Assertions.Expect(officer.GetByTestId("paper-too-many-units")).ToContainTextAsync("1-0001");
        await Assertions.Expect(officer.GetByTestId("paper-too-many-units")).Not.ToContainTextAsync("2-0101");
        await officer.Locator("#unit").FillAsync("1-4321");
        await officer.GetByTestId("paper-print-one").ClickAsync();
        await Assertions.Expect(officer.GetByTestId("paper-refused")).ToContainTextAsync($"名下有 {DeveloperUnits} 套房屋");
        Assert.Equal(size, log.TreeSize);

        IDownload download = await officer.RunAndWaitForDownloadAsync(() => officer.GetByTestId("paper-print-all").ClickAsync());
        Assert.Null(await download.FailureAsync());
        Assert.Equal(size + 1, log.TreeSize);
        List<LedgerEvent> events = await app.DownloadLogAsync(Cancel);
        PaperBallotIssued issued = Assert.IsType<PaperBallotIssued>(events[^1]);
        Assert.Equal(owner, issued.Principal);
        Assert.Equal(["2-0101"], issued.Units);

        // At the desk: a custodial ballot for the developer is refused when it is entered.
        await officer.GotoAsync($"{app.BaseUrl}/desk/custodial?vote={Vote}");
        await officer.Locator("#unit").FillAsync("1-0002");
        await officer.GetByLabel("同意").CheckAsync();
        await officer.GetByLabel("业主本人在场，我已核对其身份证件，以上是业主本人的选择").CheckAsync();
        await officer.GetByTestId("custodial-enter").ClickAsync();
        await Assertions.Expect(officer.GetByTestId("custodial-refused")).ToContainTextAsync("超过一张选票能记录的数量");
        Assert.Equal(size + 1, log.TreeSize);
    }

    // A compound whose developer holds 7,000 units ("1-0001" … "1-7000", 9 bytes each in a ballot:
    // 63 KB of units alone) and one ordinary owner, with an open vote.
    private async Task<(string Developer, string Owner)> RegisterAsync(EventLog log)
    {
        DateTimeOffset now = EventTime.Truncate(DateTimeOffset.UtcNow);
        byte[] key = RandomNumberGenerator.GetBytes(OwnerKey.MinimumKeyLength);
        string developer = OwnerKey.Hash(key, "developer");
        string owner = OwnerKey.Hash(key, "owner");
        List<RollEntry> roll = [.. Enumerable.Range(1, DeveloperUnits).Select(i => new RollEntry(
            new UnitId($"1-{i:D4}"), new BuildingId("1"), Area.FromHundredths(9_000), AreaSource.Registry, developer, new OwnerId(developer)))];
        roll.Add(new RollEntry(new UnitId("2-0101"), new BuildingId("2"), Area.FromHundredths(10_000), AreaSource.Registry, owner, new OwnerId(owner)));
        // The list alone, as RFC 8785 writes it, is within 8 KiB of an entry's limit or past it.
        byte[] list = Jcs.Canonicalize(new JsonArray([.. roll.Take(DeveloperUnits).Select(r => (JsonNode)JsonValue.Create(r.Unit.Value))]));
        Assert.True(list.Length > EntryBundle.MaxEntrySize - (8 * 1024), $"{list.Length} bytes");
        await log.AppendManyAsync(
        [
            new CompoundRegistered(Compound, now.AddHours(-2), "admin:test", "大开发商小区", "上海市闵行区", "localhost", [app.BaseUrl], RequireUserVerification: true),
            .. new RollFrozen(Compound, Vote, now.AddHours(-2), Officer, roll).Split(),
            new MatterPublished(
                Compound, Vote, now.AddHours(-2), "committee:test", "电梯维修", "使用专项维修资金维修电梯。",
                [new MatterQuestion("q1", "是否同意？")], [Choice.Yes, Choice.No, Choice.Abstain], [], ThresholdClass.Ordinary,
                now.AddHours(-1), now.AddDays(30), AllowChange: true, InvalidBallotRule.Participating, []),
            // Opened here, as the lifecycle service would on its next tick: otherwise that tick
            // (every 30 s) could append VoteOpened in the middle of the test's counts of entries.
            new VoteOpened(Compound, Vote, now.AddHours(-1), "system"),
        ], Cancel);
        return (developer, owner);
    }
}
