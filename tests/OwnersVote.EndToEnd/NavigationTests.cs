using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Issue 7: an owner finds the compound's notices, the maintenance fund of their building and the
/// public income from the home page, on a 360 px phone in large type; the committee and officers
/// find their desks (votes, notices, statements) in the header.
/// </summary>
public sealed class NavigationTests(SqliteApp app, Browser browser) : IClassFixture<SqliteApp>
{
    private const string Compound = DemoSeeder.CompoundId;
    private const string Lift = DemoSeeder.LiftVoteId;

    [Fact]
    public async Task An_owner_clicks_from_home_to_the_notices_the_fund_of_building_57_and_the_income()
    {
        IPage page = await browser.NewPageAsync(360, 800);
        await page.GotoAsync($"{app.BaseUrl}/large-type/on?returnUrl=/");
        await SignInAsync(page, Account(a => a.UnitId == "57-101"));

        await page.GetByTestId("nav-home").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(app.BaseUrl + "/");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 360);

        ILocator information = page.GetByTestId("compound-information");
        await information.GetByRole(AriaRole.Link, new() { Name = "通知公告" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(app.BaseUrl + "/notices");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("通知公告");

        await page.GetByTestId("nav-home").ClickAsync();
        await information.GetByRole(AriaRole.Link, new() { Name = "57号楼专项维修资金" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{app.BaseUrl}/fund/{Compound}/57");
        // The lift repair's spending, linked to the vote that authorises it.
        ILocator timeline = page.Locator($"[data-testid=fund-timeline][data-vote='{Lift}']");
        await Assertions.Expect(timeline.GetByTestId("vote-link")).ToHaveAttributeAsync("href", $"/votes/{Lift}");
        await Assertions.Expect(timeline.GetByTestId("vote-link")).ToContainTextAsync("57号楼电梯维修");

        await page.GetByTestId("nav-home").ClickAsync();
        await information.GetByRole(AriaRole.Link, new() { Name = "公共收益" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{app.BaseUrl}/income/{Compound}");
        await Assertions.Expect(page.Locator("[data-testid=statement]")).ToHaveCountAsync(2);

        // The header leads there too, and an owner is not offered the desks.
        await page.GetByTestId("nav-notices").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(app.BaseUrl + "/notices");
        await Assertions.Expect(page.GetByTestId("nav-income")).ToHaveAttributeAsync("href", $"/income/{Compound}");
        await Assertions.Expect(page.GetByTestId("nav-manage-votes")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("committee", "zh-CN", "表决管理", "发布通知公告", "公布账目")]
    [InlineData("officer", "en", "Manage votes", "Publish a notice", "Publish a statement")]
    public async Task The_committee_and_officers_find_their_desks_in_the_header(string role, string culture, string votes, string notices, string statements)
    {
        IPage page = await browser.NewPageAsync(360, 800);
        string? owner;
        using (IServiceScope scope = app.Services.CreateScope())
        {
            owner = role == "committee"
                ? await scope.ServiceProvider.GetRequiredService<OwnersVoteDb>().Units.Where(u => u.VoteId == Lift && u.Id == "58-101").Select(u => u.OwnerHash).SingleAsync(TestContext.Current.CancellationToken)
                : null;
        }

        // A session as the app issues it (sign-in is limited per client and tested elsewhere).
        await SessionCookies.SignInAsync(page, app, new OwnerSession(Compound, role, owner, role == "officer" ? "officer:demo-1" : null));
        await page.GotoAsync($"{app.BaseUrl}/language/{culture}?returnUrl=/");

        ILocator links = page.GetByTestId("site-links");
        await links.GetByRole(AriaRole.Link, new() { Name = votes }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(app.BaseUrl + "/manage/votes");
        await links.GetByRole(AriaRole.Link, new() { Name = notices }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(app.BaseUrl + "/desk/notices");
        await links.GetByRole(AriaRole.Link, new() { Name = statements }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(app.BaseUrl + "/desk/statements");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 360);
    }

    private DemoAccount Account(Func<DemoAccount, bool> which)
    {
        using IServiceScope scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<DemoSeeder>().Accounts.First(which);
    }

    private async Task SignInAsync(IPage page, DemoAccount account)
    {
        await page.GotoAsync(app.BaseUrl + "/signin");
        await page.Locator("#code").FillAsync(account.InvitationCode);
        await page.Locator("form button[type=submit]").First.ClickAsync();
        await page.WaitForURLAsync(url => !url.EndsWith("/signin", StringComparison.Ordinal), new() { Timeout = 15_000 });
    }
}
