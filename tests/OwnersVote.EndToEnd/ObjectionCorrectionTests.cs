using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OwnersVote.Cli;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Features.Lifecycle;
using OwnersVote.Web.Features.SignIn;
using OwnersVote.Web.Ledger;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Issue 7 part 4 (询异): when the committee upholds an objection, the vote cannot become final
/// until the committee publishes a corrected preliminary result — setting aside the ballot found
/// not to count, in the log — which starts the objection period again; <c>ov verify</c> recounts
/// the corrected result from the log.
/// </summary>
public sealed class ObjectionCorrectionTests(LifecycleApp app, Browser browser) : IClassFixture<LifecycleApp>
{
    private const string Compound = DemoSeeder.CompoundId;
    private const string Vote = "b90-gate";
    private static readonly byte[] s_key = new byte[32];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_upheld_objection_holds_the_result_until_a_corrected_one_restarts_the_objection_period()
    {
        // Building 90: six owners; four voted on paper (three yes, one no), so it passes, and the
        // vote has closed.
        DateTimeOffset now = EventTime.Truncate(app.Clock.GetUtcNow());
        string[] units = ["90-101", "90-102", "90-201", "90-202", "90-301", "90-302"];
        string[] owners = [.. units.Select(u => OwnerKey.Hash(s_key, u))];
        Choice[] choices = [Choice.Yes, Choice.Yes, Choice.Yes, Choice.No];
        var events = new List<LedgerEvent>
        {
            new RollFrozen(Compound, Vote, now.AddDays(-9), "officer:test", [.. units.Select((u, i) => new RollEntry(new UnitId(u), new BuildingId("90"), Area.FromHundredths(10_000), AreaSource.Registry, owners[i], new OwnerId(owners[i])))]),
            new MatterPublished(Compound, Vote, now.AddDays(-9), "officer:test", "90号楼门禁更换", "全文", [new MatterQuestion("q1", "是否同意更换门禁？")],
                [Choice.Yes, Choice.No, Choice.Abstain], [new BuildingId("90")], ThresholdClass.Ordinary, now.AddDays(-8), now.AddDays(-1), AllowChange: false,
                InvalidBallotRule.Participating, [], ObjectionHours: 72),
        };
        for (int i = 0; i < choices.Length; i++)
        {
            events.Add(new PaperBallotIssued(Compound, Vote, now.AddDays(-8), "officer:test", owners[i], [units[i]], $"g{i}"));
            events.Add(new PaperBallotRecorded(Compound, Vote, now.AddDays(-2), "officer:test", owners[i], [units[i]], $"g{i}", [new BallotAnswer("q1", choices[i])], new string('e', 64), ["officer:a", "officer:b"], Counts: true));
        }

        events.Add(new VoteClosed(Compound, Vote, now.AddDays(-1), "system"));
        var officer = new OwnerSession(Compound, "officer", null, "officer:demo-1");
        var committee = new OwnerSession(Compound, "committee", owners[5]);
        using (IServiceScope scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<EventLog>().AppendManyAsync(events, Cancel);
            VoteLifecycle lifecycle = scope.ServiceProvider.GetRequiredService<VoteLifecycle>();
            Assert.Null(await lifecycle.PublishResultAsync(Vote, officer, Cancel));
        }

        Assert.Equal((4, true), await CountAsync());

        // An owner objects that 90-201's ballot was signed by someone else; the committee upholds it.
        app.Clock.Advance(TimeSpan.FromHours(5));
        using (IServiceScope scope = app.Services.CreateScope())
        {
            VoteLifecycle lifecycle = scope.ServiceProvider.GetRequiredService<VoteLifecycle>();
            Assert.Null(await lifecycle.FileObjectionAsync(Vote, new OwnerSession(Compound, "owner", owners[4]), "90-201 的纸质票不是业主本人签名。", Cancel));
            Assert.Null(await lifecycle.AnswerObjectionAsync(Vote, "obj-1", "经核实属实，该票不予计入，更正后重新公示。", upheld: true, committee, Cancel));
        }

        // Not final, even after the first objection period ended.
        app.Clock.Advance(TimeSpan.FromHours(80));
        using (IServiceScope scope = app.Services.CreateScope())
        {
            Assert.Equal(LifecycleCodes.CorrectionDue, await scope.ServiceProvider.GetRequiredService<VoteLifecycle>().FinaliseAsync(Vote, committee, Cancel));
        }

        // The officer publishes the corrected result on the vote's page, setting 90-201 aside.
        IPage page = await browser.NewPageAsync(360, 800);
        await SessionCookies.SignInAsync(page, app, officer);
        await page.GotoAsync($"{app.BaseUrl}/manage/votes/{Vote}");
        await Assertions.Expect(page.GetByTestId("stage")).ToHaveTextAsync("询异成立，待公布更正后的初步结果");
        await Assertions.Expect(page.GetByTestId("answer-obj-1")).ToContainTextAsync("询异成立");
        await AxeCheck.AssertNoSeriousViolationsAsync(page);
        await page.Locator("#set-aside").FillAsync("90-201");
        await page.GetByTestId("publish-correction").ClickAsync();
        await Assertions.Expect(page.GetByTestId("stage")).ToHaveTextAsync("初步结果公示中（询异期）");

        // Three of six took part now: below two thirds, so it no longer passes.
        Assert.Equal((3, false), await CountAsync());

        // The objection period runs again from the corrected result.
        using (IServiceScope scope = app.Services.CreateScope())
        {
            VoteLifecycle lifecycle = scope.ServiceProvider.GetRequiredService<VoteLifecycle>();
            Assert.Equal(LifecycleCodes.NotDue, await lifecycle.FinaliseAsync(Vote, committee, Cancel));
            app.Clock.Advance(TimeSpan.FromHours(72));
            Assert.Null(await lifecycle.FinaliseAsync(Vote, committee, Cancel));
        }

        // The log: the upheld answer, the ballot set aside, the corrected tally; ov verify agrees.
        (int exit, string stdout, string stderr) = await Task.Run(() =>
        {
            using var output = new StringWriter { NewLine = "\n" };
            using var errors = new StringWriter { NewLine = "\n" };
            int status = Ov.Run(["verify", app.BaseUrl], TextReader.Null, output, errors);
            return (status, output.ToString(), errors.ToString());
        }, Cancel);
        Assert.True(exit == 0, stdout + stderr);
    }

    private async Task<(long Heads, bool Passing)> CountAsync()
    {
        using HttpClient client = app.CreateApiClient();
        JsonElement result = await client.GetFromJsonAsync<JsonElement>($"/api/votes/{Vote}/result", Cancel);
        return (result.GetProperty("participating").GetProperty("heads").GetInt64(), result.GetProperty("passing").GetBoolean());
    }
}
