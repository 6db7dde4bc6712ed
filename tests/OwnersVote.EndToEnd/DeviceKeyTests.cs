using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OwnersVote.Cli.Commands;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Demo;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Issue 11 in a real Chromium at 360 px with WebAuthn removed (no virtual authenticator,
/// <c>PublicKeyCredential</c> deleted before any page script): an owner enrols a WebCrypto device
/// key, draws a handwritten signature with pointer events, votes in five steps and the ballot
/// verifies offline from the log; re-enrolling revokes the old key; a swapped signature image fails
/// <c>ov verify</c>; WeChat's in-app browser is shown how to open the system browser.
/// </summary>
public sealed class DeviceKeyTests(SqliteApp app, Browser browser) : IClassFixture<SqliteApp>
{
    private const string Lift = DemoSeeder.LiftVoteId;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Owner_without_WebAuthn_signs_with_a_device_key_and_a_handwritten_signature_that_ov_verify_checks()
    {
        IPage page = await browser.NewPageAsync(360, 780);
        await page.AddInitScriptAsync("delete window.PublicKeyCredential;");

        // ① sign in with the letter's code; the setup page offers a device key instead of a passkey.
        await SignInAsync(page, "57-101");
        await Assertions.Expect(page.GetByTestId("device-key")).ToBeVisibleAsync();
        Assert.False(await page.GetByTestId("passkey-register").IsVisibleAsync());
        await page.GetByTestId("device-key-register").ClickAsync();
        await ArrivedAsync(page, app.BaseUrl + "/signin/passkey?done=2");
        Assert.Contains("设备密钥已设置好", await page.GetByTestId("passkey-done").InnerTextAsync());
        CredentialEnrolled first = (await app.DownloadLogAsync(Cancel)).OfType<CredentialEnrolled>().Last();
        Assert.Equal(CredentialKind.DeviceKey, first.Kind);

        // ②–③ the matter and the choice.
        await page.GotoAsync($"{app.BaseUrl}/votes/{Lift}/ballot");
        await page.GetByLabel("同意").CheckAsync();
        await page.GetByTestId("ballot-next").ClickAsync();

        // ④ the handwritten signature, drawn with pointer events; undo takes the last stroke away.
        ILocator pad = page.GetByTestId("handwriting-pad");
        await Assertions.Expect(pad).ToBeVisibleAsync();
        LocatorBoundingBoxResult box = (await pad.BoundingBoxAsync())!;
        Assert.True(box.Width <= 360, $"the pad is {box.Width} px wide on a 360 px screen");
        await DrawAsync(page, pad, [(0.1f, 0.6f), (0.2f, 0.3f), (0.3f, 0.7f), (0.4f, 0.4f)]);
        await DrawAsync(page, pad, [(0.5f, 0.5f), (0.9f, 0.5f)]);
        Assert.Equal("2", await pad.GetAttributeAsync("data-strokes"));
        await page.GetByTestId("handwriting-undo").ClickAsync();
        Assert.Equal("1", await pad.GetAttributeAsync("data-strokes"));
        await DrawAsync(page, pad, [(0.5f, 0.8f), (0.6f, 0.2f), (0.8f, 0.8f)]);
        Assert.Equal("2", await pad.GetAttributeAsync("data-strokes"));
        await page.GetByTestId("ballot-sign").ClickAsync();

        // ⑤ the receipt, with the signature image whose hash the ballot carries.
        await Assertions.Expect(page.GetByTestId("ballot-recorded")).ToBeVisibleAsync();
        Assert.Equal("计入结果", (await page.GetByTestId("receipt-counts").InnerTextAsync()).Trim());
        string shownHash = (await page.GetByTestId("receipt-handwriting").GetAttributeAsync("data-sha256"))!;
        Assert.True(await page.GetByTestId("receipt-handwriting").EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 600"));
        long index = long.Parse(await page.GetByTestId("receipt-index").InnerTextAsync(), CultureInfo.InvariantCulture);

        // Offline, from the log alone: a device-key ballot, P1363 signature, counted by the replay.
        List<LedgerEvent> log = await app.DownloadLogAsync(Cancel);
        BallotCast cast = Assert.IsType<BallotCast>(log[(int)index]);
        Assert.Equal(first.CredentialId.ToArray(), cast.Assertion.CredentialId.ToArray());
        Assert.Contains("\"type\":\"ov.device-key\"", Encoding.UTF8.GetString(cast.Assertion.ClientDataJson.Span), StringComparison.Ordinal);
        Assert.Equal(64, cast.Assertion.Signature.Length);
        Assert.Equal(shownHash, cast.Ballot.Handwriting);
        VoteReplayResult replay = VoteReplay.Replay(log, Lift);
        Assert.Equal(BallotDisposition.Counted, replay.Ballots.Single(b => b.Position == index).Disposition);
        using HttpClient client = app.CreateApiClient();
        byte[] png = await client.GetByteArrayAsync($"/handwriting/{shownHash}.png", Cancel);
        Assert.Equal(shownHash, Convert.ToHexStringLower(SHA256.HashData(png)));

        // The officers' view shows the same image, under the hash the owner signed.
        IPage officer = await browser.NewPageAsync(1024, 800);
        await officer.GotoAsync(app.BaseUrl + "/signin");
        await officer.GetByLabel("邀请码").FillAsync(OfficerCode());
        await officer.GetByRole(AriaRole.Button, new() { Name = "用邀请码登录" }).ClickAsync();
        await ArrivedAsync(officer, app.BaseUrl + "/desk/enrol");
        await officer.GotoAsync($"{app.BaseUrl}/votes/{Lift}/signatures");
        ILocator row = officer.Locator($"[data-testid=signature-row][data-index='{index}']");
        Assert.Contains("57-101", await row.InnerTextAsync());
        Assert.Equal(shownHash, await row.Locator("img").GetAttributeAsync("data-sha256"));
        await page.GotoAsync($"{app.BaseUrl}/votes/{Lift}/signatures");
        Assert.Equal(0, await page.GetByTestId("signatures").CountAsync());
        await page.GotoAsync($"{app.BaseUrl}/receipts/{index}");

        (int code, string stdout, string stderr) = await VerifyAsync();
        Assert.True(code == 0, stderr);
        Assert.Contains("1 device-key", stdout, StringComparison.Ordinal);
        Assert.Contains("handwriting images: 1 checked", stdout, StringComparison.Ordinal);

        // The stored image swapped after signing: ov verify fails and names the entry.
        string file = app.Services.GetRequiredService<Web.Features.Ballots.HandwritingStore>().PathOf(shownHash);
        byte[] swapped = (byte[])png.Clone();
        swapped[^20] ^= 0x01;
        await File.WriteAllBytesAsync(file, swapped, Cancel);
        (code, _, stderr) = await VerifyAsync();
        Assert.Equal(1, code);
        Assert.Contains($"entry {index}: the handwritten signature image hashes to", stderr, StringComparison.Ordinal);
        await File.WriteAllBytesAsync(file, png, Cancel);
        Assert.Equal(0, (await VerifyAsync()).Code);

        // Recovery: a new device key (site data cleared) revokes the old one in the log; the
        // changed vote is signed by the new key and counts.
        await page.EvaluateAsync("() => new Promise(r => { const q = indexedDB.deleteDatabase('ownersvote'); q.onsuccess = q.onerror = () => r(); })");
        await page.GotoAsync(app.BaseUrl + "/signin/passkey");
        await page.GetByTestId("device-key-register").ClickAsync();
        await ArrivedAsync(page, app.BaseUrl + "/signin/passkey?done=2");
        log = await app.DownloadLogAsync(Cancel);
        CredentialRevoked revoked = log.OfType<CredentialRevoked>().Last();
        Assert.Equal(first.CredentialId.ToArray(), revoked.CredentialId.ToArray());
        Assert.Equal("device-key-re-enrolled", revoked.Reason);
        CredentialEnrolled second = log.OfType<CredentialEnrolled>().Last();
        Assert.NotEqual(first.CredentialId.ToArray(), second.CredentialId.ToArray());

        await page.GotoAsync($"{app.BaseUrl}/votes/{Lift}/ballot");
        await page.GetByLabel("反对").CheckAsync();
        await page.GetByTestId("ballot-next").ClickAsync();
        await page.GetByTestId("ballot-sign").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ballot-recorded")).ToBeVisibleAsync();
        long changed = long.Parse(await page.GetByTestId("receipt-index").InnerTextAsync(), CultureInfo.InvariantCulture);
        replay = VoteReplay.Replay(await app.DownloadLogAsync(Cancel), Lift);
        Assert.Equal(BallotDisposition.Counted, replay.Ballots.Single(b => b.Position == changed).Disposition);
        Assert.Equal(BallotDisposition.Ignored, replay.Ballots.Single(b => b.Position == index).Disposition);
    }

    [Fact]
    public async Task WeChat_in_app_browser_is_told_how_to_open_the_system_browser_or_vote_at_the_desk()
    {
        IPage page = await browser.NewPageAsync(360, 780);
        await SignInAsync(page, "57-201");
        await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string>
        {
            ["User-Agent"] = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN",
        });

        await page.GotoAsync(app.BaseUrl + "/signin/passkey");

        await Assertions.Expect(page.GetByTestId("open-in-browser")).ToBeVisibleAsync();
        Assert.Contains("请用手机自带的浏览器打开", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("在 Safari 中打开", await page.GetByTestId("open-in-browser-ios").InnerTextAsync());
        Assert.Contains("在浏览器打开", await page.GetByTestId("open-in-browser-android").InnerTextAsync());
        Assert.Contains("纸质表决票", await page.GetByTestId("open-in-browser-desk").InnerTextAsync());
        Assert.Equal(app.BaseUrl + "/signin/passkey", await page.GetByTestId("open-in-browser-url").InputValueAsync());

        await page.GotoAsync($"{app.BaseUrl}/votes/{Lift}/ballot/confirm?q1=yes");
        await Assertions.Expect(page.GetByTestId("open-in-browser")).ToBeVisibleAsync();
    }

    private async Task SignInAsync(IPage page, string unit)
    {
        string code;
        using (IServiceScope scope = app.Services.CreateScope())
        {
            DemoSeeder seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
            code = seeder.Accounts.FirstOrDefault(a => a.UnitId == unit)?.InvitationCode ?? await seeder.IssueOwnerInvitationAsync(unit, Cancel);
        }

        await page.GotoAsync(app.BaseUrl + "/signin");
        await page.GetByLabel("邀请码").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "用邀请码登录" }).ClickAsync();
        await ArrivedAsync(page, app.BaseUrl + "/signin/passkey");
    }

    private string OfficerCode()
    {
        using IServiceScope scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<DemoSeeder>().Accounts.First(a => a.Role == "officer").InvitationCode;
    }

    // One stroke through the given points (fractions of the pad), as pointer events from the mouse.
    // The box is read each time: a click elsewhere may have scrolled the page.
    private static async Task DrawAsync(IPage page, ILocator pad, (float X, float Y)[] points)
    {
        await pad.ScrollIntoViewIfNeededAsync();
        LocatorBoundingBoxResult box = (await pad.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + (points[0].X * box.Width), box.Y + (points[0].Y * box.Height));
        await page.Mouse.DownAsync();
        foreach ((float x, float y) in points[1..])
        {
            await page.Mouse.MoveAsync(box.X + (x * box.Width), box.Y + (y * box.Height), new() { Steps = 4 });
        }

        await page.Mouse.UpAsync();
    }

    private static Task ArrivedAsync(IPage page, string url) =>
        Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = 15_000 });

    private async Task<(int Code, string Stdout, string Stderr)> VerifyAsync()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await Task.Run(() => VerifyCommand.Run([app.BaseUrl], stdout, stderr), Cancel);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
