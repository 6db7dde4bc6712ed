using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Demo;

namespace OwnersVote.EndToEnd;

/// <summary>The app with a short cooling-off period, so a test can wait it out.</summary>
public sealed class CoolingOffApp() : SqliteAppOver(Directory.CreateTempSubdirectory("ov-e2e-cooling-").FullName)
{
    /// <summary>Enrolment:CoolingOff for this app.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(20);

    protected override TimeSpan CoolingOff => Period;

    protected override async ValueTask ReleaseDatabaseAsync()
    {
        await base.ReleaseDatabaseAsync();
        Directory.Delete(DataFolder, recursive: true);
    }
}

/// <summary>
/// Issue 6 acceptance, in Chromium at 390×844: two officers enrol the owner of 57-101 at the desk
/// (the one who asks cannot approve), the owner sets up a passkey with the letter's code, the log's
/// <c>CredentialEnrolled</c> names both officers and the cooling-off, the owner is notified, the
/// passkey cannot vote before the cooling-off ends, and then it can.
/// </summary>
public sealed class DeskEnrolmentTests(CoolingOffApp app, Browser browser) : IClassFixture<CoolingOffApp>
{
    private const string Lift = DemoSeeder.LiftVoteId;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_officers_enrol_an_owner_whose_passkey_votes_only_after_the_cooling_off()
    {
        string[] officerCodes;
        using (IServiceScope scope = app.Services.CreateScope())
        {
            officerCodes = [.. scope.ServiceProvider.GetRequiredService<DemoSeeder>().Accounts.Where(a => a.Role == "officer").Select(a => a.InvitationCode)];
        }

        // The first officer checks the owner's identity at the desk and asks.
        IPage first = await browser.NewPageAsync(390, 844);
        await SignInWithCodeAsync(first, officerCodes[0]);
        await ArrivedAsync(first, app.BaseUrl + "/desk/enrol");
        await first.GetByLabel("房号").FillAsync("57-101");
        await first.GetByTestId("desk-request").ClickAsync();
        // Without ticking the identity check the request is refused.
        await Assertions.Expect(first.GetByTestId("desk-refused")).ToContainTextAsync("核对业主身份");
        await first.GetByLabel("房号").FillAsync("57-101");
        await first.GetByLabel("我已核对业主本人的身份证件和产权证明").CheckAsync();
        await first.GetByTestId("desk-request").ClickAsync();
        await Assertions.Expect(first.GetByTestId("desk-requested")).ToContainTextAsync("57-101");

        // Two-person rule: the officer who asked cannot approve.
        await first.GotoAsync(app.BaseUrl + "/desk/approve");
        await first.GetByTestId("desk-approve-57-101").ClickAsync();
        await Assertions.Expect(first.GetByTestId("desk-refused")).ToContainTextAsync("两人规则");
        await Assertions.Expect(first.GetByTestId("invitation-letter")).ToHaveCountAsync(0);

        // The second officer approves; the letter with the one-time code is printed.
        IPage second = await browser.NewPageAsync(390, 844);
        await SignInWithCodeAsync(second, officerCodes[1]);
        await ArrivedAsync(second, app.BaseUrl + "/desk/enrol");
        await second.GotoAsync(app.BaseUrl + "/desk/approve");
        await second.GetByTestId("desk-approve-57-101").ClickAsync();
        await Assertions.Expect(second.GetByTestId("invitation-letter")).ToContainTextAsync("57-101");
        string code = (await second.GetByTestId("letter-code").InnerTextAsync()).Trim();
        Assert.Matches("^[2-9A-Z]{4}-[2-9A-Z]{4}$", code);
        await Assertions.Expect(second.GetByTestId("desk-none")).ToBeVisibleAsync();

        // The owner signs in with the letter's code and sets up a passkey.
        IPage owner = await OwnerSignIn.WithPasskeyAsync(browser, app.BaseUrl, code);

        // The log names both officers and the end of the cooling-off; the owner was notified.
        CredentialEnrolled enrolled = Assert.IsType<CredentialEnrolled>((await app.DownloadLogAsync(Cancel))[^1]);
        Assert.Equal(["officer:demo-1", "officer:demo-2"], enrolled.Officers);
        Assert.Equal(enrolled.At + CoolingOffApp.Period, enrolled.ActiveFrom);
        Assert.True(enrolled.OwnerNotified);
        string notice = (await File.ReadAllLinesAsync(app.OutboxFile, Cancel))[^1];
        using (JsonDocument json = JsonDocument.Parse(notice))
        {
            Assert.Equal(enrolled.Owner, json.RootElement.GetProperty("ownerHash").GetString());
            Assert.Equal(EventTime.ToText(enrolled.ActiveFrom), json.RootElement.GetProperty("parameters").GetProperty("activeFrom").GetString());
        }

        // Before the cooling-off ends: the ballot page says when, and no ballot can be signed.
        await owner.GotoAsync($"{app.BaseUrl}/votes/{Lift}/ballot");
        await Assertions.Expect(owner.GetByTestId("cooling-off")).ToContainTextAsync("起可以投票");
        IAPIResponse early = await owner.APIRequest.PostAsync($"{app.BaseUrl}/api/votes/{Lift}/ballot/options", new()
        {
            DataObject = new { answers = new Dictionary<string, string> { ["q1"] = "yes" } },
        });
        // The owner's older passkeys (the demo's, from an earlier vote) may still sign; the new one may not.
        string newPasskey = Base64UrlText.Encode(enrolled.CredentialId.Span);
        if (early.Status == 200)
        {
            using JsonDocument options = JsonDocument.Parse(await early.TextAsync());
            Assert.DoesNotContain(newPasskey, options.RootElement.GetProperty("allowCredentials").EnumerateArray().Select(c => c.GetString()));
        }
        else
        {
            Assert.Equal(409, early.Status);
            Assert.Contains("no-passkey", await early.TextAsync(), StringComparison.Ordinal);
        }

        // After it: the same owner votes through the ballot steps.
        TimeSpan wait = enrolled.ActiveFrom - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, Cancel);
        }

        await owner.GotoAsync($"{app.BaseUrl}/votes/{Lift}/ballot");
        await Assertions.Expect(owner.GetByTestId("cooling-off")).ToHaveCountAsync(0);
        await owner.GetByLabel("同意").CheckAsync();
        await owner.GetByTestId("ballot-next").ClickAsync();
        await owner.GetByTestId("ballot-sign").ClickAsync();
        await Assertions.Expect(owner.GetByTestId("ballot-recorded")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        BallotCast cast = Assert.IsType<BallotCast>((await app.DownloadLogAsync(Cancel))[^1]);
        Assert.Equal(["57-101"], cast.Ballot.Units);
        Assert.Equal(newPasskey, Base64UrlText.Encode(cast.Assertion.CredentialId.Span));
        Assert.True(cast.At >= enrolled.ActiveFrom);
    }

    private Task SignInWithCodeAsync(IPage page, string code) => OwnerSignIn.WithCodeAsync(page, app.BaseUrl, code);

    private static Task ArrivedAsync(IPage page, string url) =>
        Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = 15_000 });
}
