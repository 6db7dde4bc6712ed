using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Features.RollBook;

namespace OwnersVote.EndToEnd;

/// <summary>
/// The app with sign-in through <see cref="TestIdentityProvider"/> configured (<c>Oidc:*</c>), and a
/// day's cooling-off, as a real deployment has. The provider starts first: the app reads its address.
/// </summary>
public sealed class OidcApp() : SqliteAppOver(Directory.CreateTempSubdirectory("ov-e2e-oidc-").FullName), IAsyncLifetime
{
    public TestIdentityProvider Idp { get; private set; } = null!;

    protected override TimeSpan CoolingOff => TimeSpan.FromDays(1);

    public new async ValueTask InitializeAsync()
    {
        Idp = await TestIdentityProvider.StartAsync("ownersvote-test", "s3cret-" + Guid.NewGuid().ToString("N"), TestContext.Current.CancellationToken);
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Oidc:Authority", Idp.Issuer);
        builder.UseSetting("Oidc:ClientId", Idp.ClientId);
        builder.UseSetting("Oidc:ClientSecret", Idp.ClientSecret);
        builder.UseSetting("Oidc:IdNumberClaim", Idp.IdNumberClaim);
        builder.UseSetting("Oidc:DisplayName", "随申办");
        // The test provider serves its discovery document over plain HTTP on a loopback address.
        builder.UseSetting("Oidc:RequireHttpsMetadata", "false");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Idp.DisposeAsync();
    }

    protected override async ValueTask ReleaseDatabaseAsync()
    {
        await base.ReleaseDatabaseAsync();
        Directory.Delete(DataFolder, recursive: true);
    }
}

/// <summary>
/// Issue 6: an owner signs in through the identity provider (authorization code flow with PKCE,
/// an RS256 id_token) in Chromium, is found on the roll by the keyed hash of the ID number claim,
/// and sets up a passkey that votes after the cooling-off; an unknown ID number, a token signed
/// with a foreign key and a token from a foreign issuer are all refused with a clear message.
/// </summary>
public sealed class OidcSignInTests(OidcApp app, Browser browser) : IClassFixture<OidcApp>
{
    // GB 11643-1999's own example numbers: valid check characters.
    private const string OwnerIdNumber = "11010519491231002X";
    private const string StrangerIdNumber = "440524188001010014";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_owner_on_the_roll_signs_in_through_the_provider_and_sets_up_a_passkey_with_a_cooling_off()
    {
        (string ownerHash, string recordedBy) = await PutOnRollAsync("57-302", OwnerIdNumber);
        app.Idp.Person = ("gov-subject-57-302", OwnerIdNumber.ToLowerInvariant());
        app.Idp.Behaviour = ProviderBehaviour.Honest;
        int before = (await app.DownloadLogAsync(Cancel)).Count;
        int tokens = app.Idp.TokensIssued;

        IPage page = await browser.NewPageAsync(390, 844);
        await OwnerSignIn.AddVirtualAuthenticatorAsync(page);
        await page.GotoAsync(app.BaseUrl + "/signin");
        await page.GetByRole(AriaRole.Link, new() { Name = "用“随申办”登录" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(app.BaseUrl + "/signin/passkey");
        await Assertions.Expect(page.GetByTestId("signed-in")).ToBeVisibleAsync();

        // The code flow with PKCE (RFC 7636, S256) and a nonce; the token endpoint checked the verifier.
        Microsoft.AspNetCore.Http.IQueryCollection asked = app.Idp.AuthorizationRequests.Last();
        Assert.Equal("code", asked["response_type"]);
        Assert.Equal("S256", asked["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(asked["nonce"]));
        Assert.Equal(tokens + 1, app.Idp.TokensIssued);

        await OwnerSignIn.SetUpPasskeyAsync(page, app.BaseUrl);

        // One CredentialEnrolled, for this owner, vouched for by the provider and the roll's officer,
        // active after the cooling-off (a day here), as after an invitation.
        List<LedgerEvent> log = await app.DownloadLogAsync(Cancel);
        Assert.Equal(before + 1, log.Count);
        CredentialEnrolled enrolled = Assert.IsType<CredentialEnrolled>(log[^1]);
        Assert.Equal(ownerHash, enrolled.Owner);
        Assert.Equal([$"idp:{new Uri(app.Idp.Issuer).Authority}", recordedBy], enrolled.Officers);
        Assert.Equal(enrolled.At.AddDays(1), enrolled.ActiveFrom);
        Assert.True(enrolled.OwnerNotified);

        // The ID number is nowhere: not in the log, the database file and its write-ahead log, the outbox or the cookie.
        string cookies = string.Join(";", (await page.Context.CookiesAsync()).Select(c => c.Value));
        foreach (string stored in new[] { Encoding.UTF8.GetString(await File.ReadAllBytesAsync(Path.Combine(app.DataFolder, "ownersvote.db"), Cancel)), await WalTextAsync(Path.Combine(app.DataFolder, "ownersvote.db-wal")), await File.ReadAllTextAsync(app.OutboxFile, Cancel), cookies, string.Join("\n", log.Select(e => e.ToString())) })
        {
            Assert.DoesNotContain(OwnerIdNumber, stored, StringComparison.OrdinalIgnoreCase);
        }

        // The owner's data page says how they signed in.
        await page.GotoAsync(app.BaseUrl + "/my-data");
        await Assertions.Expect(page.GetByTestId("my-invitations")).ToContainTextAsync("通过政务身份认证登录");
        await Assertions.Expect(page.GetByTestId("my-id-number")).ToContainTextAsync("只保存加密散列");
    }

    [Fact]
    public async Task An_ID_number_on_no_roll_is_refused_and_signs_nobody_in()
    {
        app.Idp.Person = ("gov-subject-stranger", StrangerIdNumber);
        app.Idp.Behaviour = ProviderBehaviour.Honest;
        IPage page = await SignInThroughProviderAsync();
        await Assertions.Expect(page).ToHaveURLAsync(app.BaseUrl + "/signin?external=unknown-owner");
        await Assertions.Expect(page.GetByTestId("signin-error")).ToContainTextAsync("业主名册中没有登记这个身份证号");
        await AssertSignedOutAsync(page);
    }

    [Fact]
    public async Task A_claim_that_is_not_a_valid_ID_number_is_refused()
    {
        // The check character of GB 11643 is wrong (…002X is right).
        app.Idp.Person = ("gov-subject-typo", "110105194912310021");
        app.Idp.Behaviour = ProviderBehaviour.Honest;
        IPage page = await SignInThroughProviderAsync();
        await Assertions.Expect(page).ToHaveURLAsync(app.BaseUrl + "/signin?external=unknown-owner");
        await AssertSignedOutAsync(page);
    }

    [Theory]
    [InlineData(ProviderBehaviour.ForeignSigningKey)]
    [InlineData(ProviderBehaviour.ForeignIssuer)]
    public async Task An_id_token_with_a_bad_signature_or_issuer_is_refused_even_for_an_owner_on_the_roll(ProviderBehaviour behaviour)
    {
        await PutOnRollAsync("57-302", OwnerIdNumber);
        app.Idp.Person = ("gov-subject-57-302", OwnerIdNumber);
        app.Idp.Behaviour = behaviour;
        try
        {
            int tokens = app.Idp.TokensIssued;
            IPage page = await SignInThroughProviderAsync();
            await Assertions.Expect(page).ToHaveURLAsync(app.BaseUrl + "/signin?external=failed");
            await Assertions.Expect(page.GetByTestId("signin-error")).ToContainTextAsync("身份认证没有通过");
            Assert.Equal(tokens + 1, app.Idp.TokensIssued);
            await AssertSignedOutAsync(page);
        }
        finally
        {
            app.Idp.Behaviour = ProviderBehaviour.Honest;
        }
    }

    private async Task<IPage> SignInThroughProviderAsync()
    {
        IPage page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync(app.BaseUrl + "/signin");
        await page.GetByTestId("external-signin").ClickAsync();
        return page;
    }

    // The database's newest pages are in its write-ahead log until SQLite checkpoints them.
    private static async Task<string> WalTextAsync(string path) =>
        File.Exists(path) ? Encoding.UTF8.GetString(await File.ReadAllBytesAsync(path, Cancel)) : "";

    private static async Task AssertSignedOutAsync(IPage page)
    {
        Assert.Equal(0, await page.GetByTestId("signed-in").CountAsync());
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "ov-session");
    }

    // An officer records the owner's ID number on the editable roll (kept as its keyed hash only).
    private async Task<(string OwnerHash, string RecordedBy)> PutOnRollAsync(string unit, string idNumber)
    {
        const string Officer = "officer:demo-1";
        using IServiceScope scope = app.Services.CreateScope();
        OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        string code = await db.RollUnits.Where(u => u.CompoundId == DemoSeeder.CompoundId && u.Id == unit).Select(u => u.OwnerId).SingleAsync(Cancel);
        Assert.Null(await scope.ServiceProvider.GetRequiredService<RollBook>().EditOwnerAsync(DemoSeeder.CompoundId, Officer, unit, code, null, null, idNumber, Cancel));
        string owner = await db.RollOwners.Where(o => o.CompoundId == DemoSeeder.CompoundId && o.Id == code).Select(o => o.OwnerHash).SingleAsync(Cancel);
        Assert.Equal(owner, await db.Units.Where(u => u.VoteId == DemoSeeder.LiftVoteId && u.Id == unit).Select(u => u.OwnerHash).SingleAsync(Cancel));
        return (owner, Officer);
    }
}
