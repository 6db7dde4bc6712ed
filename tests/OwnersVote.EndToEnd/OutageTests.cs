using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace OwnersVote.EndToEnd;

/// <summary>
/// When the database goes away under a running server, people see a plain error page and clients a
/// typed 500 problem — never a stack trace, and never a 404 that hides the outage. The server
/// outlives the outage (its background services meet it too) and serves again once the database is back.
/// </summary>
public sealed class OutageTests(OutageApp app, Browser browser) : IClassFixture<OutageApp>
{
    [Fact]
    public async Task A_database_outage_is_a_plain_500_and_not_ready()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        using HttpClient api = app.CreateApiClient();
        using (HttpResponseMessage before = await api.GetAsync("/readyz", cancel))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await app.StopDatabaseAsync(cancel);

        IPage page = await browser.NewPageAsync();
        IResponse? response = await page.GotoAsync($"{app.BaseUrl}/votes/b57-lift-2026");
        Assert.Equal(500, response!.Status);
        Assert.Equal("出错了", (await page.Locator("h1").InnerTextAsync()).Trim());
        string html = await page.ContentAsync();
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        using HttpResponseMessage failed = await api.GetAsync("/api/votes", cancel);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);
        string body = await failed.Content.ReadAsStringAsync(cancel);
        Assert.Equal("urn:ownersvote:problem:internal", JsonSerializer.Deserialize<JsonElement>(body).GetProperty("type").GetString());
        Assert.DoesNotContain("Npgsql", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);

        using (HttpResponseMessage ready = await api.GetAsync("/readyz", cancel))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }

        // The vote lifecycle and retention run every 250 ms here: let several runs meet the outage.
        // Before the fix, the first tick's database error ended the host: "connection refused".
        await Task.Delay(TimeSpan.FromSeconds(2), cancel);
        IResponse? still = await page.GotoAsync($"{app.BaseUrl}/votes/b57-lift-2026");
        Assert.Equal(500, still!.Status);

        await app.StartDatabaseAgainAsync(cancel);
        HttpStatusCode readiness = HttpStatusCode.ServiceUnavailable;
        for (int attempt = 0; attempt < 150 && readiness != HttpStatusCode.OK; attempt++)
        {
            await Task.Delay(200, cancel);
            using HttpResponseMessage again = await api.GetAsync("/readyz", cancel);
            readiness = again.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, readiness);
        IResponse? back = await page.GotoAsync($"{app.BaseUrl}/votes/b57-lift-2026");
        Assert.Equal(200, back!.Status);
        Assert.NotEqual("出错了", (await page.Locator("h1").InnerTextAsync()).Trim());
        using HttpResponseMessage votes = await api.GetAsync("/api/votes", cancel);
        Assert.Equal(HttpStatusCode.OK, votes.StatusCode);
    }
}
