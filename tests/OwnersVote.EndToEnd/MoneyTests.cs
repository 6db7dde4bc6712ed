using System.Net;
using Microsoft.Playwright;
using OwnersVote.Web.Demo;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Issue 7 part 7 and its acceptance item: the fund page of building 57 shows the lift repair
/// spending linked to its vote — honestly planned, outside the balance, while the vote is open.
/// </summary>
public sealed class MoneyTests(SqliteApp app, Browser browser) : IClassFixture<SqliteApp>
{
    private const string Compound = DemoSeeder.CompoundId;
    private const string Lift = DemoSeeder.LiftVoteId;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fund_page_of_building_57_on_a_phone_in_Chinese_links_the_lift_repair_to_its_open_vote()
    {
        IPage page = await browser.NewPageAsync(360, 800);
        await page.GotoAsync($"{app.BaseUrl}/fund/{Compound}/57");

        Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("57号楼专项维修资金", (await page.Locator("h1").InnerTextAsync()).Trim());
        ILocator timeline = page.Locator($"[data-testid=fund-timeline][data-vote='{Lift}']");
        await Assertions.Expect(timeline).ToBeVisibleAsync();
        Assert.Equal($"/votes/{Lift}", await timeline.GetByTestId("vote-link").GetAttributeAsync("href"));
        Assert.Contains("57号楼电梯维修使用专项维修资金", await timeline.GetByTestId("vote-link").InnerTextAsync());
        Assert.Contains("表决尚未通过，通过前不得列支", await timeline.GetByTestId("authority").InnerTextAsync());
        // The steps: voting opened (done), closes (to come), planned on the statement, and no payment yet.
        IReadOnlyList<string> steps = await timeline.GetByTestId("timeline-step").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.step + ':' + e.className)");
        Assert.Contains("VotingOpens:done", steps);
        Assert.Contains("Planned:done", steps);
        Assert.Contains("VotingCloses:to-come", steps);
        Assert.Equal("PaymentAwaitsVote:to-come", steps[^1]);
        Assert.DoesNotContain(steps, s => s.StartsWith("Paid", StringComparison.Ordinal));
        Assert.Contains("468,000.00 元", await timeline.InnerTextAsync());

        // On the statement: a planned line, linked to the vote, outside the balance.
        ILocator planned = page.Locator("[data-testid=statement-line][data-kind=planned]");
        await Assertions.Expect(planned).ToHaveCountAsync(1);
        Assert.Contains("(468,000.00)", await planned.InnerTextAsync());
        Assert.Equal($"/votes/{Lift}", await planned.GetByTestId("line-vote").GetAttributeAsync("href"));
        Assert.Contains("计划支出", await planned.GetByTestId("line-authority").InnerTextAsync());
        Assert.Contains("待表决通过，未计入余额", await page.GetByTestId("planned-total").InnerTextAsync());
        string balance = await page.GetByTestId("balance").InnerTextAsync();
        string closing = await page.Locator("[data-testid=statement]").First.GetByTestId("closing").InnerTextAsync();
        Assert.Equal(closing.Trim() + " 元", balance.Trim());
        Assert.True(ParseFen(closing) > 1_000_000_00, closing);

        // The quotation behind the line is the one the vote's matter pins.
        string? quotation = await planned.GetByTestId("line-document").GetAttributeAsync("href");
        Assert.Equal($"/documents/{DemoDocuments.LiftQuotationDocument.Sha256}/{Uri.EscapeDataString(DemoDocuments.LiftQuotationName)}", quotation);
        using HttpClient api = app.CreateApiClient();
        Assert.Equal(DemoDocuments.LiftQuotation, await api.GetByteArrayAsync(quotation, Cancel));

        // The chart is an image with a name, and the table beside it has the figures.
        ILocator svg = page.GetByTestId("fund-chart-svg");
        Assert.Equal("img", await svg.GetAttributeAsync("role"));
        Assert.Contains(closing.Trim(), await page.GetByTestId("period-table").InnerTextAsync());
        int scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 360, $"the fund page is {scrollWidth} px wide");

        // The vote link leads to the vote the owners of building 57 decide.
        await timeline.GetByTestId("vote-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{app.BaseUrl}/votes/{Lift}");
    }

    [Fact]
    public async Task Income_page_shows_quarters_with_a_chart_and_a_table_and_links_the_funds()
    {
        IPage page = await browser.NewPageAsync(360, 800);
        await page.GotoAsync($"{app.BaseUrl}/income/{Compound}");

        await Assertions.Expect(page.Locator("[data-testid=statement]")).ToHaveCountAsync(2);
        string table = await page.GetByTestId("income-table").InnerTextAsync();
        Assert.Contains("38,590.00", table); // three months of parking: 12,800 + 13,150 + 12,640
        Assert.Contains("6,000.00", table);
        Assert.Equal("img", await page.GetByTestId("income-chart-svg").GetAttributeAsync("role"));
        Assert.Equal($"/fund/{Compound}/57", await page.GetByTestId("fund-link").First.GetAttributeAsync("href"));
    }

    [Fact]
    public async Task A_building_or_compound_that_does_not_exist_is_not_found()
    {
        using HttpClient api = app.CreateApiClient();
        using HttpResponseMessage building = await api.GetAsync($"/fund/{Compound}/999", Cancel);
        using HttpResponseMessage compound = await api.GetAsync("/income/no-such-compound", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, building.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, compound.StatusCode);
    }

    private static long ParseFen(string yuan) => long.Parse(yuan.Trim().Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
}
