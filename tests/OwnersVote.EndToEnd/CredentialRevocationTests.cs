using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;

namespace OwnersVote.EndToEnd;

/// <summary>
/// An owner's lost phone (DESIGN.md §3, issue 6): in Chromium at 390×844, one officer asks at
/// <c>/desk/revoke</c> to revoke the owner's passkey, the same officer cannot approve, a second one
/// does; the log holds <c>CredentialRevoked</c> naming both officers, the owner's notice is in the
/// outbox, and the owner can no longer prepare a ballot with it.
/// </summary>
public sealed class CredentialRevocationTests(SqliteApp app, Browser browser) : IClassFixture<SqliteApp>
{
    private const string Lift = DemoSeeder.LiftVoteId;

    private const string Unit = "57-202";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_officers_revoke_a_lost_passkey_it_is_logged_naming_both_and_the_owner_is_notified()
    {
        IPage owner = await OwnerSignIn.OwnerWithPasskeyAsync(browser, app, Unit);
        CredentialEnrolled enrolled = (CredentialEnrolled)(await app.DownloadLogAsync(Cancel)).Last(e => e is CredentialEnrolled);
        IAPIResponse before = await OptionsAsync(owner);
        Assert.Equal(200, before.Status);

        string[] codes = await app.FreshOfficerCodesAsync(Cancel);
        IPage first = await browser.NewPageAsync(390, 844);
        await OwnerSignIn.WithCodeAsync(first, app.BaseUrl, codes[0]);
        await Assertions.Expect(first).ToHaveURLAsync(app.BaseUrl + "/desk/enrol");
        await first.GetByRole(AriaRole.Link, new() { Name = "注销业主的通行密钥（工作人员）" }).ClickAsync();
        await first.Locator("#unit").FillAsync(Unit);
        await first.GetByTestId("revoke-request").ClickAsync();
        // Nothing is asked before the officer confirms checking the owner's identity.
        await Assertions.Expect(first.GetByTestId("revoke-refused")).ToContainTextAsync("核对业主身份");
        await first.Locator("#unit").FillAsync(Unit);
        await first.Locator("#reason").SelectOptionAsync("lost-device");
        await first.GetByLabel("我已核对业主本人的身份证件").CheckAsync();
        await first.GetByTestId("revoke-request").ClickAsync();
        await Assertions.Expect(first.GetByTestId("revoke-requested")).ToContainTextAsync(Unit);

        // Two-person rule: the officer who asked cannot approve, and nothing is logged.
        long size = (await app.DownloadLogAsync(Cancel)).Count;
        await first.GetByTestId($"revoke-approve-{Unit}").ClickAsync();
        await Assertions.Expect(first.GetByTestId("revoke-refused")).ToContainTextAsync("两人规则");
        Assert.Equal(size, (await app.DownloadLogAsync(Cancel)).Count);
        Assert.Equal(200, (await OptionsAsync(owner)).Status);

        IPage second = await browser.NewPageAsync(390, 844);
        await OwnerSignIn.WithCodeAsync(second, app.BaseUrl, codes[1]);
        await Assertions.Expect(second).ToHaveURLAsync(app.BaseUrl + "/desk/enrol");
        await second.GotoAsync(app.BaseUrl + "/desk/revoke");
        await second.GetByTestId($"revoke-approve-{Unit}").ClickAsync();
        await Assertions.Expect(second.GetByTestId("revoke-done")).ToContainTextAsync("已通知业主");
        await Assertions.Expect(second.GetByTestId("revoke-none")).ToBeVisibleAsync();

        // Every credential the owner still had is revoked (the order among them is not fixed).
        List<LedgerEvent> appended = [.. (await app.DownloadLogAsync(Cancel)).Skip((int)size)];
        Assert.NotEmpty(appended);
        Assert.All(appended, e => Assert.IsType<CredentialRevoked>(e));
        CredentialRevoked revoked = Assert.Single(appended.Cast<CredentialRevoked>(), r => r.CredentialId.Span.SequenceEqual(enrolled.CredentialId.Span));
        Assert.All(appended.Cast<CredentialRevoked>(), r =>
        {
            Assert.Equal((enrolled.Owner, "lost-device", "officer:demo-2"), (r.Owner, r.Reason, r.Actor));
            Assert.Equal(["officer:demo-1", "officer:demo-2"], r.Officers);
        });
        string notice = (await File.ReadAllLinesAsync(app.OutboxFile, Cancel))[^1];
        Assert.Contains("credential-revoked", notice, StringComparison.Ordinal);
        Assert.Contains(enrolled.Owner, notice, StringComparison.Ordinal);

        // The lost phone's passkey may no longer sign a ballot.
        IAPIResponse after = await OptionsAsync(owner);
        Assert.Equal(409, after.Status);
        Assert.Contains("no-passkey", await after.TextAsync(), StringComparison.Ordinal);
        using IServiceScope scope = app.Services.CreateScope();
        string credentialId = OwnersVote.Voting.Signing.Base64UrlText.Encode(enrolled.CredentialId.Span);
        Assert.Equal(revoked.At, (await scope.ServiceProvider.GetRequiredService<OwnersVoteDb>().Credentials.AsNoTracking()
            .SingleAsync(c => c.Id == credentialId, Cancel)).RevokedAt);
    }

    private async Task<IAPIResponse> OptionsAsync(IPage owner) =>
        await owner.APIRequest.PostAsync($"{app.BaseUrl}/api/votes/{Lift}/ballot/options", new()
        {
            DataObject = new { answers = new Dictionary<string, string> { ["q1"] = "yes" } },
        });

}
