using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OwnersVote.Web.Demo;

namespace OwnersVote.EndToEnd;

/// <summary>
/// The browser steps every owner-facing test starts with (issue 4 step ①): a CDP virtual
/// authenticator (CTAP2, internal, resident keys, user verification), the invitation code typed at
/// <c>/signin</c>, and the passkey set up at <c>/signin/passkey</c>.
/// </summary>
public static class OwnerSignIn
{
    /// <summary>Adds a virtual platform authenticator to the page's browser; returns CDP's answer (its <c>authenticatorId</c>).</summary>
    public static async Task<JsonElement?> AddVirtualAuthenticatorAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        ICDPSession cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        return await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
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
    }

    /// <summary>Types an invitation code at <c>/signin</c> and submits it.</summary>
    public static async Task WithCodeAsync(IPage page, string baseUrl, string code)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(baseUrl + "/signin");
        await page.GetByLabel("邀请码").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "用邀请码登录" }).ClickAsync();
    }

    /// <summary>On <c>/signin/passkey</c>, sets up a passkey and waits for the page that says it is done.</summary>
    public static async Task SetUpPasskeyAsync(IPage page, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(page);
        await ArrivedAsync(page, baseUrl + "/signin/passkey");
        await page.GetByRole(AriaRole.Button, new() { Name = "设置通行密钥" }).ClickAsync();
        await ArrivedAsync(page, baseUrl + "/signin/passkey?done=1");
    }

    /// <summary>The letter code of the owner of <paramref name="unit"/>: the demo's printed one, else a fresh one made the same way.</summary>
    public static async Task<string> OwnerCodeAsync(OwnersVoteApp app, string unit)
    {
        ArgumentNullException.ThrowIfNull(app);
        using IServiceScope scope = app.Services.CreateScope();
        DemoSeeder seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
        return seeder.Accounts.FirstOrDefault(a => a.UnitId == unit)?.InvitationCode
            ?? await seeder.IssueOwnerInvitationAsync(unit, TestContext.Current.CancellationToken);
    }

    /// <summary>A phone-sized page (390×844) with a virtual authenticator, signed in with <paramref name="code"/>, its passkey set up.</summary>
    public static async Task<IPage> WithPasskeyAsync(Browser browser, string baseUrl, string code)
    {
        ArgumentNullException.ThrowIfNull(browser);
        IPage page = await browser.NewPageAsync(390, 844);
        await AddVirtualAuthenticatorAsync(page);
        await WithCodeAsync(page, baseUrl, code);
        await SetUpPasskeyAsync(page, baseUrl);
        return page;
    }

    /// <summary>The owner of <paramref name="unit"/>, signed in on a phone-sized page with a new passkey.</summary>
    public static async Task<IPage> OwnerWithPasskeyAsync(Browser browser, OwnersVoteApp app, string unit)
    {
        ArgumentNullException.ThrowIfNull(app);
        return await WithPasskeyAsync(browser, app.BaseUrl, await OwnerCodeAsync(app, unit));
    }

    // Polls the address rather than waiting for a load event: a redirect after a form post can
    // finish before the wait starts.
    private static Task ArrivedAsync(IPage page, string url) =>
        Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = 15_000 });
}
