using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace OwnersVote.EndToEnd;

/// <summary>
/// The public pages and API as people and clients use them: a real server on a real port, a real
/// Chromium, the demo compound. Runs once per database (see the derived classes).
/// </summary>
public abstract class PageTests(OwnersVoteApp app, Browser browser)
{
    private const string LiftVote = "b57-lift-2026";
    private const string LiftTitle = "57号楼电梯维修使用专项维修资金";
    private const string ClosedVote = "ev-charging-2025";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Home_page_in_Chinese_on_a_phone_shows_the_demo_compound_and_the_building_57_vote()
    {
        IPage page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync(app.BaseUrl + "/");

        Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("景城品雅苑", (await page.Locator("h1").First.InnerTextAsync()).Trim());
        ILocator open = page.GetByTestId("open-votes");
        Assert.Contains(LiftTitle, await open.InnerTextAsync());
        Assert.Contains("57号楼全体业主", await open.InnerTextAsync());
        Assert.Contains("已通过", await page.GetByTestId("closed-votes").InnerTextAsync());
    }

    [Fact]
    public async Task Vote_page_shows_the_full_text_the_scope_the_rule_in_plain_words_and_the_dates()
    {
        IPage page = await browser.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/");
        await page.GetByRole(AriaRole.Link, new() { Name = LiftTitle }).ClickAsync();

        Assert.EndsWith($"/votes/{LiftVote}", page.Url, StringComparison.Ordinal);
        Assert.Equal(LiftTitle, (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal("57号楼全体业主", (await page.GetByTestId("scope").InnerTextAsync()).Trim());
        string rule = await page.GetByTestId("rule").InnerTextAsync();
        Assert.Contains("三分之二以上", rule);
        Assert.Contains("过半数", rule);
        Assert.Contains("专项维修资金", await page.Locator(".matter-text").InnerTextAsync());
        Assert.Equal(2, await page.Locator("time").CountAsync());
    }

    [Fact]
    public async Task Result_page_shows_both_counts_and_how_far_the_open_vote_is_from_passing()
    {
        // The oracle: raw counts from the API, the distance worked out here from art. 278 directly.
        using HttpClient api = app.CreateApiClient();
        JsonElement result = await api.GetFromJsonAsync<JsonElement>($"/api/votes/{LiftVote}/result", Cancel);
        long totalHeads = result.GetProperty("total").GetProperty("heads").GetInt64();
        long partHeads = result.GetProperty("participating").GetProperty("heads").GetInt64();
        long totalArea = result.GetProperty("total").GetProperty("areaHundredths").GetInt64();
        long partArea = result.GetProperty("participating").GetProperty("areaHundredths").GetInt64();
        long yesArea = result.GetProperty("yes").GetProperty("areaHundredths").GetInt64();
        Assert.Equal(49, totalHeads);
        Assert.Equal(30, partHeads);
        long areaNeeded = 0;
        while (3 * (partArea + areaNeeded) < 2 * totalArea || 2 * (yesArea + areaNeeded) <= partArea + areaNeeded)
        {
            areaNeeded++;
        }

        string area = $"{areaNeeded / 100}.{areaNeeded % 100:D2}";

        IPage page = await browser.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/votes/{LiftVote}/result");

        Assert.Contains($"还差 3 户、{area} 平方米", await page.GetByTestId("how-far").InnerTextAsync());
        string quorum = await page.GetByTestId("quorum").InnerTextAsync();
        Assert.Contains("30 户，需 33 户", quorum);
        Assert.Contains("还差 3 户", quorum);
        // The merged count says where its ballots came from (DESIGN.md: one-click merged count).
        Assert.Equal("计入的选票中，网上投票 30 份，纸质选票 0 份。", await page.GetByTestId("by-channel").InnerTextAsync());
        Assert.Contains("平方米", quorum);
        string yes = await page.GetByTestId("yes").InnerTextAsync();
        Assert.Contains("28 户，需 16 户", yes);
        Assert.Contains("已达到", yes);
        // The demo's first 30 owners each hold one unit: one row per unit, unit number and area.
        Assert.Equal(30, await page.Locator("table.ballots tbody tr").CountAsync());

        // Without JavaScript the live count is refreshed by a link to itself.
        await page.GetByTestId("refresh").ClickAsync();
        Assert.Contains($"还差 3 户、{area} 平方米", await page.GetByTestId("how-far").InnerTextAsync());
        Assert.Contains("计票时间", await page.Locator(".note").InnerTextAsync());
    }

    [Fact]
    public async Task Result_page_publishes_unit_numbers_and_areas_but_no_owner_ids()
    {
        IPage page = await browser.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/votes/{LiftVote}/result");
        string html = await page.ContentAsync();

        Assert.Matches(@"57-\d{3,4}", await page.Locator("table.ballots").InnerTextAsync());
        Assert.DoesNotContain("o-", await page.Locator("table.ballots").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotMatch("o-[0-9a-f]{20}", html);
    }

    [Fact]
    public async Task Closed_vote_shows_its_published_result()
    {
        IPage page = await browser.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/votes/{ClosedVote}/result");

        string final = await page.GetByTestId("final").InnerTextAsync();
        Assert.Contains("已通过", final);
        Assert.Contains("结果公布于", final);
        Assert.Equal(0, await page.GetByTestId("how-far").CountAsync());
    }

    [Fact]
    public async Task Switching_to_English_keeps_the_page_and_back_to_Chinese_works()
    {
        IPage page = await browser.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/votes/{LiftVote}/result");

        await page.GetByTestId("language-switch").ClickAsync();
        Assert.EndsWith($"/votes/{LiftVote}/result", page.Url, StringComparison.Ordinal);
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Contains("still needs 3 owners and", await page.GetByTestId("how-far").InnerTextAsync());
        Assert.Contains("m²", await page.GetByTestId("how-far").InnerTextAsync());

        await page.GotoAsync(app.BaseUrl + "/");
        Assert.Contains("Open votes", await page.Locator("main").InnerTextAsync());

        await page.GetByTestId("language-switch").ClickAsync();
        Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Contains("正在表决", await page.Locator("main").InnerTextAsync());
    }

    [Fact]
    public async Task Switching_back_from_a_culture_link_lands_in_Chinese()
    {
        IPage page = await browser.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/votes/{LiftVote}?culture=en");
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));

        await page.GetByTestId("language-switch").ClickAsync();

        Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.EndsWith($"/votes/{LiftVote}", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_and_the_language_switch_work_without_JavaScript()
    {
        IPage page = await browser.NewPageAsync(javaScript: false);
        await page.GotoAsync($"{app.BaseUrl}/votes/{LiftVote}");
        await page.GetByTestId("language-switch").ClickAsync();

        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("The owners of building 57", (await page.GetByTestId("scope").InnerTextAsync()).Trim());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/votes/b57-lift-2026")]
    [InlineData("/votes/b57-lift-2026/result")]
    [InlineData("/votes/ev-charging-2025/result")]
    [InlineData("/signin")]
    public async Task No_horizontal_scroll_at_360_px_in_either_language(string path)
    {
        IPage page = await browser.NewPageAsync(360, 740);
        foreach (string culture in (string[])["zh-CN", "en"])
        {
            await page.GotoAsync($"{app.BaseUrl}{path}?culture={culture}");
            int scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= 360, $"{path} in {culture} is {scrollWidth} px wide at a 360 px viewport");
            double bodyFont = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.body).fontSize)");
            Assert.True(bodyFont >= 18, $"body text is {bodyFont} px");
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/votes/b57-lift-2026")]
    [InlineData("/votes/b57-lift-2026/result")]
    [InlineData("/signin")]
    public async Task Axe_finds_no_serious_or_critical_accessibility_violations(string path)
    {
        IPage page = await browser.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + path);
        await AxeCheck.AssertNoSeriousViolationsAsync(page, context: path);
    }

    [Fact]
    public async Task Pages_load_everything_from_this_server_and_forbid_other_origins()
    {
        IPage page = await browser.NewPageAsync();
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);
        IResponse? response = await page.GotoAsync($"{app.BaseUrl}/votes/{LiftVote}/result");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.NotEmpty(requested);
        Assert.All(requested, url => Assert.StartsWith(app.BaseUrl + "/", url, StringComparison.Ordinal));
        Assert.Contains(requested, url => url.Contains("/css/site.css", StringComparison.Ordinal));
        string? csp = await response!.HeaderValueAsync("content-security-policy");
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("rgb(10, 58, 140)", await page.Locator(".site-header").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
    }

    [Fact]
    public async Task Unknown_page_shows_a_plain_Chinese_not_found_page()
    {
        IPage page = await browser.NewPageAsync();
        IResponse? response = await page.GotoAsync($"{app.BaseUrl}/votes/no-such-vote");

        Assert.Equal(404, response!.Status);
        Assert.Equal("找不到这个页面", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.DoesNotContain("Exception", await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_lists_the_votes_and_answers_an_unknown_vote_with_a_typed_problem()
    {
        using HttpClient api = app.CreateApiClient();
        JsonElement votes = await api.GetFromJsonAsync<JsonElement>("/api/votes", Cancel);
        Assert.Contains(votes.EnumerateArray(), v => v.GetProperty("id").GetString() == LiftVote && v.GetProperty("status").GetString() == "open");
        Assert.Contains(votes.EnumerateArray(), v => v.GetProperty("id").GetString() == ClosedVote && v.GetProperty("passed").GetBoolean());

        using HttpResponseMessage missing = await api.GetAsync("/api/votes/no-such-vote/result", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        JsonElement problem = await missing.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("urn:ownersvote:problem:vote-not-found", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Health_endpoints_answer_once_the_projections_are_built()
    {
        using HttpClient api = app.CreateApiClient();
        using HttpResponseMessage live = await api.GetAsync("/healthz", Cancel);
        using HttpResponseMessage ready = await api.GetAsync("/readyz", Cancel);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync(Cancel));
    }
}

/// <summary>The page tests on the embedded SQLite default.</summary>
public sealed class SqlitePageTests(SqliteApp app, Browser browser) : PageTests(app, browser), IClassFixture<SqliteApp>;

/// <summary>The page tests on a real PostgreSQL server.</summary>
public sealed class PostgresPageTests(PostgresApp app, Browser browser) : PageTests(app, browser), IClassFixture<PostgresApp>
{
    [Fact]
    public async Task Projections_are_stored_in_PostgreSQL_with_building_57s_49_owners()
    {
        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new Npgsql.NpgsqlCommand("select count(distinct \"OwnerId\") from units where \"BuildingId\" = '57'", connection);

        Assert.Equal(49L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }
}
