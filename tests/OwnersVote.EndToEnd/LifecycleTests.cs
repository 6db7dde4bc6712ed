using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using OwnersVote.Paper;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Demo;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace OwnersVote.EndToEnd;

/// <summary>
/// The app on a test clock (<see cref="FakeTimeProvider"/>), so a vote's days pass at once. Sessions
/// keep real time: a person's sign-in lasts hours of their own day, not of the simulated calendar.
/// </summary>
public sealed class LifecycleApp() : SqliteAppOver(Directory.CreateTempSubdirectory("ov-e2e-life-").FullName)
{
    /// <summary>The app's clock; tests advance it.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, o => o.TimeProvider = TimeProvider.System);
        });
    }

    protected override async ValueTask ReleaseDatabaseAsync()
    {
        await base.ReleaseDatabaseAsync();
        Directory.Delete(DataFolder, recursive: true);
    }
}

/// <summary>
/// Issue 7 acceptance: in Chromium, an officer drafts a vote with two questions (one ordinary, one
/// major), announces it; it opens at its time; an owner votes; a non-voter is reminded (the
/// outbox); it closes; the preliminary result is published; an owner objects; the final result is
/// refused until the committee answers; it becomes final; the certificate's QR code opens the
/// verification page with the final checkpoint; and the downloaded log replays every stage.
/// </summary>
public sealed class LifecycleTests(LifecycleApp app, Browser browser) : IClassFixture<LifecycleApp>
{
    private const string Vote = "b57-door-2026";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_vote_walks_from_draft_to_final_and_its_certificate_QR_opens_the_final_checkpoint()
    {
        IReadOnlyList<DemoAccount> accounts;
        using (IServiceScope scope = app.Services.CreateScope())
        {
            accounts = scope.ServiceProvider.GetRequiredService<DemoSeeder>().Accounts;
        }

        DemoAccount[] officers = [.. accounts.Where(a => a.Role == "officer")];
        DemoAccount committee = accounts.Single(a => a.Role == "committee");

        // The officer drafts a vote with two questions; the words of a major matter raise a warning.
        IPage officer = await browser.NewPageAsync(390, 844);
        await SignInWithCodeAsync(officer, officers[0].InvitationCode);
        await officer.GotoAsync(app.BaseUrl + "/manage/votes");
        await officer.GetByTestId("new-draft").ClickAsync();
        DateTimeOffset opens = app.Clock.GetUtcNow().AddDays(1);
        await officer.Locator("#vote-id").FillAsync(Vote);
        await officer.Locator("#title").FillAsync("57号楼单元门禁更换与架空层改建");
        await officer.Locator("#text").FillAsync("一、使用专项维修资金更换 57 号楼单元门禁，约 3.2 万元。二、将架空层改建为业主活动室。");
        await officer.Locator("#scope").FillAsync("57");
        await officer.Locator("#q0-text").FillAsync("是否同意使用专项维修资金更换单元门禁？");
        await officer.Locator("#q1-text").FillAsync("是否同意将架空层改建为业主活动室？");
        await officer.Locator("#q1-threshold").SelectOptionAsync("Major");
        await officer.Locator("#opens").FillAsync(opens.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await officer.Locator("#days").FillAsync("7");
        await officer.Locator("#objection").FillAsync("72");
        await officer.Locator("#reminders").FillAsync("48");
        await officer.GetByTestId("draft-save").ClickAsync();
        await Assertions.Expect(officer.GetByTestId("draft-saved")).ToBeVisibleAsync();
        await Assertions.Expect(officer.GetByTestId("major-warning")).ToContainTextAsync("改建");
        // The silent-majority option is off, its warning shown.
        Assert.False(await officer.Locator("#silent-majority").IsCheckedAsync());
        await Assertions.Expect(officer.GetByTestId("silent-warning")).ToContainTextAsync("(2022)沪02民初16号");

        await officer.GetByTestId("draft-announce").ClickAsync();
        await Assertions.Expect(officer).ToHaveURLAsync($"{app.BaseUrl}/manage/votes/{Vote}", new() { Timeout = 15_000 });
        await Assertions.Expect(officer.GetByTestId("stage")).ToHaveTextAsync("已公告，未开始");

        // It opens at the announced time (the lifecycle service on the test clock).
        app.Clock.Advance(TimeSpan.FromDays(1).Add(TimeSpan.FromMinutes(1)));
        await StageAsync(officer, "表决中");

        // The owner of 57-101 votes on both questions.
        IPage owner = await OwnerWithPasskeyAsync("57-101");
        await owner.GotoAsync($"{app.BaseUrl}/votes/{Vote}/ballot");
        await owner.Locator("#q-q1-yes").CheckAsync();
        await owner.Locator("#q-q2-no").CheckAsync();
        await owner.GetByTestId("ballot-next").ClickAsync();
        await owner.GetByTestId("ballot-sign").ClickAsync();
        await Assertions.Expect(owner.GetByTestId("ballot-recorded")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        // 48 hours before the close, every non-voter is reminded through the outbox; the voter is not.
        app.Clock.Advance(TimeSpan.FromDays(5));
        string voterHash = await UnitOwnerHashAsync("57-101");
        string otherHash = await UnitOwnerHashAsync("57-201");
        List<JsonElement> reminders = await RemindersAsync(otherHash);
        Assert.Equal("vote-reminder", reminders[0].GetProperty("template").GetString());
        Assert.DoesNotContain(await OutboxAsync(), n => n.GetProperty("ownerHash").GetString() == voterHash && n.GetProperty("template").GetString() == "vote-reminder");

        // The door-knockers' sheet lists 57-201 by floor, not the voter; never how anyone voted.
        await officer.GotoAsync($"{app.BaseUrl}/manage/votes/{Vote}/not-voted");
        ILocator sheet = officer.Locator("main");
        // The outbox is written before the log entry (a reminder is logged once handed over).
        await ReloadUntilAsync(officer, "not-voted-unit-57-201", "已提醒 1 次");
        await Assertions.Expect(officer.GetByTestId("not-voted-unit-57-101")).ToHaveCountAsync(0);
        Assert.DoesNotContain("同意", await sheet.InnerTextAsync(), StringComparison.Ordinal);
        await officer.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await officer.Locator(".site-header").IsVisibleAsync());
        await officer.EmulateMediaAsync(new() { Media = Media.Screen });

        // A door-to-door delivery is recorded with its time and officer.
        await officer.GotoAsync($"{app.BaseUrl}/manage/votes/{Vote}/delivery");
        await officer.Locator("#channel-57-201").SelectOptionAsync("Door");
        await officer.GetByTestId("record-57-201").ClickAsync();
        await Assertions.Expect(officer.GetByTestId("delivery-57-201")).ToContainTextAsync("上门送达");
        await Assertions.Expect(officer.GetByTestId("delivery-57-201")).ToContainTextAsync("officer:demo-1");

        // It closes at its time; the preliminary result is published.
        app.Clock.Advance(TimeSpan.FromDays(2));
        await officer.GotoAsync($"{app.BaseUrl}/manage/votes/{Vote}");
        await StageAsync(officer, "已截止，待公布结果");
        await officer.GetByTestId("publish-result").ClickAsync();
        await Assertions.Expect(officer.GetByTestId("stage")).ToHaveTextAsync("初步结果公示中（询异期）");

        // The owner objects, on a 360 px screen; the page passes axe.
        await owner.SetViewportSizeAsync(360, 800);
        await owner.GotoAsync($"{app.BaseUrl}/votes/{Vote}/objections");
        await AxeCheck.AssertNoSeriousViolationsAsync(owner);
        await owner.GetByTestId("file-objection").ClickAsync();
        await AxeCheck.AssertNoSeriousViolationsAsync(owner);
        await owner.Locator("#objection-text").FillAsync("57-201 的表决票是否已送达？请核对。");
        await owner.GetByTestId("objection-submit").ClickAsync();
        await Assertions.Expect(owner).ToHaveURLAsync($"{app.BaseUrl}/votes/{Vote}/objections", new() { Timeout = 15_000 });
        await Assertions.Expect(owner.GetByTestId("answer-obj-1")).ToHaveTextAsync("等待业委会答复");
        await AxeCheck.AssertNoSeriousViolationsAsync(owner);

        // Not final during the objection period, nor after it while the objection is open.
        await officer.GotoAsync($"{app.BaseUrl}/manage/votes/{Vote}");
        await officer.GetByTestId("finalise").ClickAsync();
        await Assertions.Expect(officer.GetByTestId("lifecycle-refused")).ToContainTextAsync("询异期结束前");
        app.Clock.Advance(TimeSpan.FromHours(73));
        await officer.GotoAsync($"{app.BaseUrl}/manage/votes/{Vote}");
        await officer.GetByTestId("finalise").ClickAsync();
        await Assertions.Expect(officer.GetByTestId("lifecycle-refused")).ToContainTextAsync("还有询异未答复");

        // The committee answers; then the result becomes final.
        IPage member = await browser.NewPageAsync(390, 844);
        await SignInWithCodeAsync(member, committee.InvitationCode);
        await member.GotoAsync($"{app.BaseUrl}/manage/votes/{Vote}");
        await member.Locator("#answer-obj-1").FillAsync("经核对，57-201 的表决票已于开票当日上门送达，记录见送达记录。");
        await member.GetByTestId("answer-submit-obj-1").ClickAsync();
        await Assertions.Expect(member.GetByTestId("answer-obj-1")).ToContainTextAsync("上门送达");
        await member.GetByTestId("finalise").ClickAsync();
        await Assertions.Expect(member.GetByTestId("stage")).ToHaveTextAsync("最终结果");
        await owner.GotoAsync($"{app.BaseUrl}/votes/{Vote}/objections");
        await Assertions.Expect(owner.GetByTestId("answer-obj-1")).ToContainTextAsync("业委会答复");

        // The certificate: final, both questions with their rules, and a QR code of the
        // verification page with the final checkpoint.
        using HttpClient api = app.CreateApiClient();
        JsonElement vote = await api.GetFromJsonAsync<JsonElement>($"/api/votes/{Vote}", Cancel);
        long finalSize = vote.GetProperty("finalInLog").GetProperty("treeSize").GetInt64();
        Assert.Equal("Final", vote.GetProperty("stage").GetString());
        using HttpResponseMessage response = await api.GetAsync($"/votes/{Vote}/certificate.pdf", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        byte[] pdf = await response.Content.ReadAsByteArrayAsync(Cancel);
        string text = string.Concat((await CertificateTests.PdfTextAsync(pdf)).Where(c => !char.IsWhiteSpace(c)));
        Assert.Contains("业主大会表决结果证明（最终结果）", text, StringComparison.Ordinal);
        Assert.Contains("各表决问题", text, StringComparison.Ordinal);
        Assert.Contains("q2.是否同意将架空层改建为业主活动室？", text, StringComparison.Ordinal);
        Assert.Contains("四分之三以上同意（《民法典》第二百七十八条第二款）", text, StringComparison.Ordinal);
        Assert.Contains(vote.GetProperty("finalInLog").GetProperty("rootHash").GetString()!, text, StringComparison.Ordinal);

        string qr = ReadQr(await PdfRasterizer.RasterizeAsync(pdf, 200, Cancel));
        Assert.Equal($"{app.BaseUrl}/votes/{Vote}/result?checkpoint={finalSize}", qr);
        await owner.GotoAsync(qr);
        await Assertions.Expect(owner.GetByTestId("checkpoint-check")).ToContainTextAsync("一致");
        await Assertions.Expect(owner.GetByTestId("result-stage")).ToContainTextAsync("最终结果");

        // The downloaded log replays every stage: final, one answered objection, reminders, the tally as published.
        VoteReplayResult replay = VoteReplay.Replay((await app.DownloadLogAsync(Cancel)).Where(e => e.Compound == DemoSeeder.CompoundId), Vote);
        Assert.Equal(VoteStage.Final, replay.Stage);
        Assert.NotNull(replay.Opened);
        Assert.NotNull(Assert.Single(replay.Objections).Answer);
        Assert.Contains(replay.Reminders, r => r.Round == 48);
        Assert.True(replay.MatchesPublished());
        Assert.Equal(2, replay.Questions.Count);
    }

    // The stage shown after the lifecycle service's next tick on the advanced clock.
    private static async Task StageAsync(IPage page, string stage)
    {
        await ReloadUntilAsync(page, "stage", stage);
        Assert.Equal(stage, (await page.GetByTestId("stage").InnerTextAsync()).Trim());
    }

    // 60 s at most: the lifecycle tick runs at the clock's advance, but a shared CI machine may be
    // slow to get to it.
    private const int PollAttempts = 240;

    private static async Task ReloadUntilAsync(IPage page, string testId, string text)
    {
        for (int attempt = 0; attempt < PollAttempts; attempt++)
        {
            if ((await page.GetByTestId(testId).InnerTextAsync()).Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(250, Cancel);
            await page.ReloadAsync();
        }

        await Assertions.Expect(page.GetByTestId(testId)).ToContainTextAsync(text);
    }

    private async Task<List<JsonElement>> RemindersAsync(string ownerHash)
    {
        for (int attempt = 0; attempt < PollAttempts; attempt++)
        {
            List<JsonElement> found = [.. (await OutboxAsync()).Where(n => n.GetProperty("ownerHash").GetString() == ownerHash && n.GetProperty("template").GetString() == "vote-reminder")];
            if (found.Count > 0)
            {
                return found;
            }

            await Task.Delay(250, Cancel);
        }

        throw new Xunit.Sdk.XunitException($"No reminder for {ownerHash} reached the outbox {app.OutboxFile}.");
    }

    private async Task<List<JsonElement>> OutboxAsync() =>
        File.Exists(app.OutboxFile)
            ? [.. (await File.ReadAllLinesAsync(app.OutboxFile, Cancel)).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone())]
            : [];

    private async Task<string> UnitOwnerHashAsync(string unit)
    {
        using IServiceScope scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OwnersVote.Web.Data.OwnersVoteDb>();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Units.Where(u => u.VoteId == Vote && u.Id == unit).Select(u => u.OwnerHash), Cancel);
    }

    private async Task SignInWithCodeAsync(IPage page, string code)
    {
        await OwnerSignIn.WithCodeAsync(page, app.BaseUrl, code);
        try
        {
            // 30 s: on a busy CI machine the first sign-in of the class once took longer than 15 s.
            await page.WaitForURLAsync(url => !url.EndsWith("/signin", StringComparison.Ordinal), new() { Timeout = 30_000 });
        }
        catch (TimeoutException e)
        {
            // Say whether the code was refused (the page's alert) or the answer never came.
            ILocator alert = page.GetByRole(AriaRole.Alert);
            string shown = await alert.CountAsync() > 0 ? await alert.First.InnerTextAsync() : "(no alert on the page)";
            throw new TimeoutException($"still on /signin after 30 s: {shown}", e);
        }
    }

    private async Task<IPage> OwnerWithPasskeyAsync(string unit)
    {
        string code;
        using (IServiceScope scope = app.Services.CreateScope())
        {
            code = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().IssueOwnerInvitationAsync(unit, Cancel);
        }

        return await OwnerSignIn.WithPasskeyAsync(browser, app.BaseUrl, code);
    }

    private static string ReadQr(IReadOnlyList<GreyImage> pages)
    {
        GreyImage image = Assert.Single(pages);
        var hints = new Dictionary<DecodeHintType, object>
        {
            [DecodeHintType.POSSIBLE_FORMATS] = new List<BarcodeFormat> { BarcodeFormat.QR_CODE },
            [DecodeHintType.TRY_HARDER] = true,
        };
        var source = new PlanarYUVLuminanceSource(image.Pixels, image.Width, image.Height, 0, 0, image.Width, image.Height, false);
        ZXing.Result? qr = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints);
        Assert.NotNull(qr);
        return qr.Text;
    }

}
