using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Step ① of the owner flow (issue 4) in a real Chromium with a CDP virtual authenticator: the
/// printed invitation code, a passkey registered and logged as <c>CredentialEnrolled</c>, a later
/// sign-in with the passkey alone, and the code's limits (single use, wrong codes, attempts).
/// One story per app, because the attempt limit counts every code typed from this machine.
/// </summary>
public abstract class SignInTests(OwnersVoteApp app, Browser browser)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Owner_of_57_101_signs_in_with_the_letter_code_sets_up_a_passkey_and_signs_back_in_with_it()
    {
        // The code as run.sh prints it for the owner of 57-101.
        string banner;
        using (IServiceScope scope = app.Services.CreateScope())
        {
            banner = DemoAccounts.Banner(scope.ServiceProvider.GetRequiredService<DemoSeeder>().Accounts, app.BaseUrl);
        }

        Assert.Contains($"Sign in at {app.BaseUrl}/signin", banner);
        string code = banner.Split('\n').Single(l => l.Contains("owner of 57-101", StringComparison.Ordinal)).Trim().Split(' ')[0];
        Assert.Matches("^[2-9A-Z]{4}-[2-9A-Z]{4}$", code);

        List<LedgerEvent> before = await app.DownloadLogAsync(Cancel);
        IPage page = await browser.NewPageAsync(390, 844);
        ICDPSession cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        JsonElement? added = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
            },
        });
        string authenticatorId = added!.Value.GetProperty("authenticatorId").GetString()!;

        // First time: the code from the letter, typed in lower case with a space, as people do.
        await page.GotoAsync(app.BaseUrl + "/signin");
        Assert.Equal("登录", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Contains("没有手机号", await page.Locator("main").InnerTextAsync());
        await page.GetByLabel("邀请码").FillAsync(code.ToLowerInvariant().Replace('-', ' '));
        await page.GetByRole(AriaRole.Button, new() { Name = "用邀请码登录" }).ClickAsync();

        await ArrivedAsync(page, app.BaseUrl + "/signin/passkey");
        await Assertions.Expect(page.GetByTestId("signed-in")).ToBeVisibleAsync();
        await AxeCheck.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "设置通行密钥" }).ClickAsync();
        await ArrivedAsync(page, app.BaseUrl + "/signin/passkey?done=1");
        Assert.Contains("通行密钥已设置", await page.GetByTestId("passkey-done").InnerTextAsync());

        // The session cookie: HttpOnly, SameSite=Lax, not Secure over plain http://localhost.
        BrowserContextCookiesResult session = (await page.Context.CookiesAsync()).Single(c => c.Name == "ov-session");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);
        Assert.False(session.Secure);

        // The log gained exactly one entry: the passkey of the owner of 57-101, the one in the authenticator.
        List<LedgerEvent> after = await app.DownloadLogAsync(Cancel);
        Assert.Equal(before.Count + 1, after.Count);
        CredentialEnrolled enrolled = Assert.IsType<CredentialEnrolled>(after[^1]);
        string owner = before.OfType<RollFrozen>().First().Units.Single(u => u.Unit.Value == "57-101").Owner;
        Assert.Equal(owner, enrolled.Owner);
        Assert.Equal(CredentialKind.Passkey, enrolled.Kind);
        JsonElement? stored = await cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = authenticatorId });
        JsonElement credential = Assert.Single(stored!.Value.GetProperty("credentials").EnumerateArray());
        Assert.Equal(Convert.FromBase64String(credential.GetProperty("credentialId").GetString()!), enrolled.CredentialId.ToArray());
        Assert.Equal(2, enrolled.Officers.Count);

        // Sign out, then back in with the passkey alone.
        await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
        await ArrivedAsync(page, app.BaseUrl + "/signin");
        Assert.Equal(0, await page.GetByTestId("signed-in").CountAsync());
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "ov-session");
        string? assertionBody = null;
        page.Request += (_, r) => assertionBody = r.Url.EndsWith("/api/passkey/signin", StringComparison.Ordinal) ? r.PostData : assertionBody;
        await page.GetByRole(AriaRole.Button, new() { Name = "用通行密钥登录" }).ClickAsync();
        await ArrivedAsync(page, app.BaseUrl + "/");
        await Assertions.Expect(page.GetByTestId("signed-in")).ToBeVisibleAsync();
        Assert.Contains((await page.Context.CookiesAsync()), c => c.Name == "ov-session");

        // The captured assertion replayed is refused: its challenge was single use, and under a
        // freshly issued challenge the signed client data no longer matches.
        using (HttpClient attacker = app.CreateApiClient())
        {
            Assert.NotNull(assertionBody);
            await AssertRefusedAsync(attacker, assertionBody!);
            using HttpResponseMessage options = await attacker.PostAsync("/api/passkey/signin/options", null, Cancel);
            string handle = JsonDocument.Parse(await options.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("handle").GetString()!;
            var replay = JsonSerializer.Deserialize<Dictionary<string, string>>(assertionBody!)!;
            replay["handle"] = handle;
            await AssertRefusedAsync(attacker, JsonSerializer.Serialize(replay));
        }

        // The same code a second time is refused and signs nobody in.
        IPage again = await browser.NewPageAsync(390, 844);
        string refused = await TryCodeAsync(again, code);
        Assert.Contains("已经用过", refused);
        Assert.Equal(0, await again.GetByTestId("signed-in").CountAsync());

        // A wrong code is refused.
        Assert.Contains("邀请码不正确", await TryCodeAsync(again, "ABCD-EFGH"));
        Assert.Equal(0, await again.GetByTestId("signed-in").CountAsync());

        // Two refusals so far from this client (a code that signs in does not count); the limit
        // allows five per window, then refuses even a valid code (the committee member's, still
        // unused) without using it up.
        Assert.Contains("邀请码不正确", await TryCodeAsync(again, "ABCD-EFGJ"));
        Assert.Contains("已过期", await TryCodeAsync(again, await ExpiredCodeAsync(owner)));
        Assert.Contains("邀请码不正确", await TryCodeAsync(again, "ABCD-EFGK"));
        string committeeCode;
        using (IServiceScope scope = app.Services.CreateScope())
        {
            committeeCode = scope.ServiceProvider.GetRequiredService<DemoSeeder>().Accounts.Single(a => a.Role == "committee").InvitationCode;
        }

        IResponse? limited = null;
        again.Response += (_, r) => limited = r.Url.EndsWith("/signin", StringComparison.Ordinal) && r.Request.Method == "POST" ? r : limited;
        Assert.Contains("尝试次数太多", await TryCodeAsync(again, committeeCode));
        Assert.Equal(429, limited!.Status);
        Assert.Equal(0, await again.GetByTestId("signed-in").CountAsync());
        using (IServiceScope scope = app.Services.CreateScope())
        {
            OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
            string[] untouched = [InvitationCode.Hash(committeeCode), InvitationCode.Hash("EXPD-2345")];
            Assert.Equal(2, await db.Invitations.CountAsync(i => untouched.Contains(i.CodeHash) && i.UsedAt == null, Cancel));
            Assert.NotNull((await db.Invitations.SingleAsync(i => i.CodeHash == InvitationCode.Hash(code), Cancel)).UsedAt);
        }

        // Nothing but the enrolment was logged by any of this.
        Assert.Equal(after.Count, (await app.DownloadLogAsync(Cancel)).Count);
    }

    // Polls the address rather than waiting for a load event: a redirect after a form post can
    // finish before the wait starts.
    private static Task ArrivedAsync(IPage page, string url) =>
        Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = 15_000 });

    private static async Task AssertRefusedAsync(HttpClient client, string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await client.PostAsync("/api/passkey/signin", content, Cancel);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("urn:ownersvote:problem:passkey-refused", JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("type").GetString());
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie");
    }

    // An invitation issued 91 days ago for the same owner, valid for 90: it must be refused.
    private async Task<string> ExpiredCodeAsync(string owner)
    {
        const string Code = "EXPD-2345";
        using IServiceScope scope = app.Services.CreateScope();
        OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        db.Invitations.Add(new InvitationRow
        {
            CodeHash = InvitationCode.Hash(Code),
            CompoundId = DemoSeeder.CompoundId,
            Role = "owner",
            OwnerId = owner,
            IssuedBy = "officer:demo-1\nofficer:demo-2",
            ExpiresAt = DateTimeOffset.UtcNow.AddDays(-1),
        });
        await db.SaveChangesAsync(Cancel);
        return Code;
    }

    private async Task<string> TryCodeAsync(IPage page, string code)
    {
        await page.GotoAsync(app.BaseUrl + "/signin");
        await page.GetByLabel("邀请码").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "用邀请码登录" }).ClickAsync();
        return await page.GetByTestId("signin-error").InnerTextAsync();
    }
}

/// <summary>On SQLite.</summary>
public sealed class SqliteSignInTests(SqliteApp app, Browser browser) : SignInTests(app, browser), IClassFixture<SqliteApp>;

/// <summary>On PostgreSQL (started by the fixture).</summary>
public sealed class PostgresSignInTests(PostgresApp app, Browser browser) : SignInTests(app, browser), IClassFixture<PostgresApp>;

/// <summary>Anyone may ask for a sign-in challenge; the server holds a bounded number at once.</summary>
public sealed class PasskeyChallengeLimitTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Sign_in_challenges_stop_at_the_outstanding_limit_instead_of_filling_memory()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        using HttpClient client = app.CreateApiClient();
        int issued = 0;
        await Parallel.ForAsync(0, OwnersVote.Web.Features.SignIn.PasskeyChallenges.MaxOutstanding, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancel }, async (_, token) =>
        {
            using HttpResponseMessage response = await client.PostAsync("/api/passkey/signin/options", null, token);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Interlocked.Increment(ref issued);
        });

        using HttpResponseMessage refused = await client.PostAsync("/api/passkey/signin/options", null, cancel);

        Assert.Equal(OwnersVote.Web.Features.SignIn.PasskeyChallenges.MaxOutstanding, issued);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("urn:ownersvote:problem:passkey-challenges-exhausted", JsonDocument.Parse(await refused.Content.ReadAsStringAsync(cancel)).RootElement.GetProperty("type").GetString());
    }
}
