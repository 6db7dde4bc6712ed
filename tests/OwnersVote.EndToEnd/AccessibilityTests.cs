using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Issue 7 item 9: axe-core finds no serious or critical violation on any owner page, in Chromium
/// on a 360 px wide screen, in Chinese and in English, with and without large type; the
/// large-type toggle is on every page and persists.
/// </summary>
public sealed class AccessibilityTests(SqliteApp app, Browser browser) : IClassFixture<SqliteApp>
{
    private const string Lift = DemoSeeder.LiftVoteId;
    private const string Closed = DemoSeeder.ChargingVoteId;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("zh-CN", "57-202", false)]
    [InlineData("en", "57-203", false)]
    [InlineData("zh-CN", "57-301", true)]
    public async Task Every_owner_page_at_360_px_has_no_serious_or_critical_violations(string culture, string unit, bool largeType)
    {
        IPage page = await browser.NewPageAsync(360, 800);
        await OwnerSignIn.AddVirtualAuthenticatorAsync(page);
        await page.GotoAsync($"{app.BaseUrl}/language/{culture}?returnUrl=/");
        if (largeType)
        {
            await page.GotoAsync($"{app.BaseUrl}/large-type/on?returnUrl=/");
        }

        var findings = new List<string>();
        foreach (string path in new[] { "/", $"/votes/{Lift}", $"/votes/{Lift}/result", $"/votes/{Closed}/result", $"/votes/{Closed}/objections", "/verify", "/transparency", $"/fund/{DemoSeeder.CompoundId}/57", $"/income/{DemoSeeder.CompoundId}", "/signin" })
        {
            await page.GotoAsync(app.BaseUrl + path);
            await CheckAsync(page, path, culture, largeType, findings);
        }

        // Sign in with the owner's letter code, set up a passkey, and vote: passkey, ballot,
        // confirm and receipt pages.
        await page.Locator("#code").FillAsync(await OwnerSignIn.OwnerCodeAsync(app, unit));
        await page.Locator("form button[type=submit]").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(app.BaseUrl + "/signin/passkey", new() { Timeout = 15_000 });
        await CheckAsync(page, "/signin/passkey", culture, largeType, findings);
        await page.GetByTestId("passkey-register").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(app.BaseUrl + "/signin/passkey?done=1", new() { Timeout = 15_000 });
        await CheckAsync(page, "/signin/passkey?done=1", culture, largeType, findings);

        // Issue 7: the objection form (the closed demo vote has no objection period: the form
        // shows and a submission is refused in words).
        await page.GotoAsync($"{app.BaseUrl}/votes/{Closed}/objection");
        await CheckAsync(page, "objection", culture, largeType, findings);
        await page.Locator("#objection-text").FillAsync("计票有误。");
        await page.GetByTestId("objection-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("lifecycle-refused")).ToBeVisibleAsync();
        await CheckAsync(page, "objection refused", culture, largeType, findings);

        await page.GotoAsync($"{app.BaseUrl}/votes/{Lift}/ballot");
        await CheckAsync(page, "ballot", culture, largeType, findings);
        await page.Locator("input[type=radio][value=yes]").First.CheckAsync();
        await page.GetByTestId("ballot-next").ClickAsync();
        await Assertions.Expect(page.GetByTestId("confirm-choice")).ToBeVisibleAsync();
        await CheckAsync(page, "confirm", culture, largeType, findings);
        await page.GetByTestId("ballot-sign").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ballot-recorded")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await CheckAsync(page, "receipt", culture, largeType, findings);
        // Issue 6: the owner's proxy mandates.
        await page.GotoAsync($"{app.BaseUrl}/proxies");
        await CheckAsync(page, "/proxies", culture, largeType, findings);

        // What is held about the owner (PIPL).
        await page.GotoAsync(app.BaseUrl + "/my-data");
        await CheckAsync(page, "/my-data", culture, largeType, findings);

        // Issue 7 part 6: the owner's notices and one notice.
        await page.GotoAsync(app.BaseUrl + "/notices");
        await CheckAsync(page, "/notices", culture, largeType, findings);
        await page.GotoAsync(app.BaseUrl + "/notices/accounts-published");
        await CheckAsync(page, "/notices/accounts-published", culture, largeType, findings);

        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Theory]
    [InlineData("zh-CN", "officer", false)]
    [InlineData("en", "officer", false)]
    [InlineData("zh-CN", "officer", true)]
    [InlineData("zh-CN", "committee", true)]
    [InlineData("en", "committee", false)]
    public async Task Every_organiser_page_at_360_px_has_no_serious_or_critical_violations(string culture, string role, bool largeType)
    {
        IPage page = await browser.NewPageAsync(360, 800);
        await page.GotoAsync($"{app.BaseUrl}/language/{culture}?returnUrl=/");
        if (largeType)
        {
            await page.GotoAsync($"{app.BaseUrl}/large-type/on?returnUrl=/");
        }

        // Sessions as the app issues them: sign-in is limited per client, and tested elsewhere.
        string? committeeHash;
        using (IServiceScope scope = app.Services.CreateScope())
        {
            committeeHash = await scope.ServiceProvider.GetRequiredService<OwnersVote.Web.Data.OwnersVoteDb>().Units
                .Where(u => u.VoteId == Lift && u.Id == "58-101").Select(u => u.OwnerHash).SingleAsync(Cancel);
        }

        await SessionCookies.SignInAsync(page, app, role == "officer"
            ? new OwnerSession(DemoSeeder.CompoundId, role, null, "officer:demo-1")
            : new OwnerSession(DemoSeeder.CompoundId, role, committeeHash));

        // Issue 7: the lifecycle desk (/manage/votes…) and the publishing desks (/desk/…); an
        // officer also has the enrolment, proxy and custodial desks.
        string[] paths =
        [
            "/manage/votes", "/manage/votes/draft", $"/manage/votes/{Lift}", $"/manage/votes/{Closed}", $"/manage/votes/{Lift}/not-voted",
            $"/manage/votes/{Lift}/delivery", "/desk/notices", "/desk/statements",
            .. role == "officer" ? new[] { "/desk/enrol", "/desk/approve", "/desk/proxy", "/desk/custodial" } : [],
        ];
        var findings = new List<string>();
        foreach (string path in paths)
        {
            await page.GotoAsync(app.BaseUrl + path);
            Assert.True(await page.EvaluateAsync<bool>("() => !location.pathname.startsWith('/signin')"), $"{role} was sent to sign in at {path}");
            await CheckAsync(page, path, culture, largeType, findings);
            int scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (scrollWidth > 360)
            {
                findings.Add($"{culture} {path}: {scrollWidth} px wide at 360 px");
            }
        }

        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Fact]
    public async Task Large_type_is_on_every_page_raises_the_root_font_size_and_persists()
    {
        IPage page = await browser.NewPageAsync(360, 800);
        await page.GotoAsync($"{app.BaseUrl}/votes/{Lift}");
        Assert.Equal("16px", await RootFontSizeAsync(page));

        await page.GetByTestId("large-type").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{app.BaseUrl}/votes/{Lift}");
        Assert.Equal("20px", await RootFontSizeAsync(page));
        Assert.Equal("true", await page.GetByTestId("large-type").GetAttributeAsync("data-on"));

        foreach (string path in new[] { "/", $"/votes/{Closed}/result", "/verify", "/transparency", "/signin" })
        {
            await page.GotoAsync(app.BaseUrl + path);
            Assert.Equal("20px", await RootFontSizeAsync(page));
            Assert.Equal("标准字号", (await page.GetByTestId("large-type").InnerTextAsync()).Trim());
        }

        await page.GetByTestId("large-type").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(app.BaseUrl + "/signin");
        Assert.Equal("16px", await RootFontSizeAsync(page));
        Assert.Equal("大字", (await page.GetByTestId("large-type").InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task Owner_pages_do_not_scroll_sideways_at_360_px()
    {
        IPage page = await browser.NewPageAsync(360, 800);
        await page.GotoAsync($"{app.BaseUrl}/large-type/on?returnUrl=/");
        foreach (string path in new[] { "/", $"/votes/{Lift}", $"/votes/{Closed}/result", $"/votes/{Closed}/objections", "/verify", "/transparency", "/signin", $"/fund/{DemoSeeder.CompoundId}/57", $"/income/{DemoSeeder.CompoundId}" })
        {
            await page.GotoAsync(app.BaseUrl + path);
            int scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= 360, $"{path} is {scrollWidth} px wide");
        }
    }

    private static Task<string> RootFontSizeAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).fontSize");

    private static async Task CheckAsync(IPage page, string path, string culture, bool largeType, List<string> findings)
    {
        Assert.Equal(culture, await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal(largeType ? "true" : "false", await page.GetByTestId("large-type").GetAttributeAsync("data-on"));
        AxeResult axe = await page.RunAxe();
        findings.AddRange(axe.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{culture} {path}: {v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Html))}"));
    }
}
