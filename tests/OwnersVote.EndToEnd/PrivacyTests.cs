using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Features.RollBook;

namespace OwnersVote.EndToEnd;

/// <summary>
/// PIPL in the running app (issue 6): the signed-in owner sees and downloads everything held about
/// them; the public pages show units and areas, never owner ids, phone numbers or ID-number hashes.
/// </summary>
public sealed class PrivacyTests(SqliteApp app, Browser browser) : IClassFixture<SqliteApp>
{
    private const string Phone = "139 1234 5678";
    private const string IdNumber = "11010519491231002X";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_owner_of_57_101_sees_and_downloads_everything_held_about_them()
    {
        string owner;
        long[] ballotEntries;
        string[] credentialIds;
        string code;
        using (IServiceScope scope = app.Services.CreateScope())
        {
            OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
            owner = await db.Units.Where(u => u.VoteId == DemoSeeder.LiftVoteId && u.Id == "57-101").Select(u => u.OwnerHash).SingleAsync(Cancel);
            ballotEntries = [.. (await db.Ballots.Where(b => b.OwnerId == owner).Select(b => b.LogIndex).ToListAsync(Cancel)).Order()];
            credentialIds = [.. await db.Credentials.Where(c => c.OwnerHash == owner).Select(c => c.Id).ToListAsync(Cancel)];
            code = scope.ServiceProvider.GetRequiredService<DemoSeeder>().Accounts.Single(a => a.UnitId == "57-101").InvitationCode;
        }

        Assert.NotEmpty(ballotEntries);
        IPage page = await browser.NewPageAsync(390, 844);
        await OwnerSignIn.AddVirtualAuthenticatorAsync(page);
        await OwnerSignIn.WithCodeAsync(page, app.BaseUrl, code);
        await Assertions.Expect(page).ToHaveURLAsync(app.BaseUrl + "/signin/passkey");
        // The demo roll holds no phone for 57-101: the page says the code alone was checked.
        await Assertions.Expect(page.GetByTestId("no-phone-on-file")).ToContainTextAsync("没有您的手机号");
        await OwnerSignIn.SetUpPasskeyAsync(page, app.BaseUrl);

        await page.GetByTestId("my-data-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(app.BaseUrl + "/my-data");
        Assert.Equal("我的个人信息", (await page.Locator("h1").InnerTextAsync()).Trim());
        await Assertions.Expect(page.GetByTestId("my-units")).ToContainTextAsync("57-101");
        await Assertions.Expect(page.GetByTestId("my-units")).ToContainTextAsync("138.66");
        await Assertions.Expect(page.GetByTestId("my-units")).ToContainTextAsync("不动产登记簿");
        await Assertions.Expect(page.GetByTestId("my-credentials").Locator("li")).ToHaveCountAsync(credentialIds.Length + 1);
        await Assertions.Expect(page.GetByTestId("my-invitations")).ToContainTextAsync("已使用");
        await Assertions.Expect(page.GetByTestId("my-notices")).ToContainTextAsync("新的通行密钥已设置");
        foreach (long entry in ballotEntries)
        {
            await Assertions.Expect(page.GetByTestId("my-ballots").Locator($"a[href='/receipts/{entry}']")).ToHaveCountAsync(1);
        }

        // The same as a JSON download (PIPL art. 45: a copy).
        IAPIResponse download = await page.APIRequest.GetAsync(app.BaseUrl + "/api/my-data");
        Assert.Equal(200, download.Status);
        Assert.StartsWith("attachment;", download.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.Contains("ownersvote-my-data-", download.Headers["content-disposition"], StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(await download.BodyAsync());
        JsonElement root = json.RootElement;
        Assert.Equal(owner, root.GetProperty("owner").GetString());
        Assert.Equal(DemoSeeder.CompoundId, root.GetProperty("compound").GetString());
        Assert.Equal(ballotEntries, root.GetProperty("ballots").EnumerateArray().Select(b => b.GetProperty("entry").GetInt64()));
        JsonElement unit = Assert.Single(root.GetProperty("units").EnumerateArray());
        Assert.Equal("57-101", unit.GetProperty("unit").GetString());
        Assert.Equal("138.66", unit.GetProperty("area").GetString());
        Assert.Equal(credentialIds.Length + 1, root.GetProperty("credentials").GetArrayLength());
        Assert.All(root.GetProperty("credentials").EnumerateArray(), c => Assert.False(string.IsNullOrEmpty(c.GetProperty("kind").GetString())));
        JsonElement notice = Assert.Single(root.GetProperty("notices").EnumerateArray());
        Assert.Equal("credential-enrolled", notice.GetProperty("template").GetString());
        // The roll's particulars: the demo roll has an owner code, but no name, phone or ID number.
        JsonElement onFile = root.GetProperty("onFile");
        Assert.StartsWith("OW-", onFile.GetProperty("ownerCode").GetString(), StringComparison.Ordinal);
        Assert.False(onFile.GetProperty("idNumberHashOnFile").GetBoolean());
        Assert.Equal(JsonValueKind.Null, onFile.GetProperty("phone").ValueKind);
        Assert.Contains(root.GetProperty("invitations").EnumerateArray(), i => i.GetProperty("usedAt").ValueKind == JsonValueKind.String);

        // Signed out, neither answers.
        IPage stranger = await browser.NewPageAsync(390, 844);
        IAPIResponse refused = await stranger.APIRequest.GetAsync(app.BaseUrl + "/api/my-data");
        Assert.Equal(401, refused.Status);
    }

    [Fact]
    public async Task Public_pages_and_the_public_API_show_units_and_areas_but_no_owner_phone_or_ID_hash()
    {
        string[] owners;
        long entry;
        string idHash;
        using (IServiceScope scope = app.Services.CreateScope())
        {
            OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
            owners = [.. await db.Units.Select(u => u.OwnerHash).Distinct().ToListAsync(Cancel)];
            entry = await db.Ballots.Where(b => b.MatterId == DemoSeeder.LiftVoteId).Select(b => b.LogIndex).FirstAsync(Cancel);
            string code = await db.RollUnits.Where(u => u.CompoundId == DemoSeeder.CompoundId && u.Id == "57-201").Select(u => u.OwnerId).SingleAsync(Cancel);
            Assert.Null(await scope.ServiceProvider.GetRequiredService<RollBook>().EditOwnerAsync(DemoSeeder.CompoundId, "officer:demo-1", "57-201", code, "王小明", Phone, IdNumber, Cancel));
            idHash = (await db.RollOwners.SingleAsync(o => o.CompoundId == DemoSeeder.CompoundId && o.Id == code, Cancel)).IdNumberHash!;
        }

        using HttpClient client = app.CreateApiClient();
        string[] pages =
        [
            "/", $"/votes/{DemoSeeder.LiftVoteId}", $"/votes/{DemoSeeder.LiftVoteId}/result", $"/votes/{DemoSeeder.ChargingVoteId}/result",
            "/transparency", "/verify", $"/receipts/{entry}", "/api/votes", $"/api/votes/{DemoSeeder.LiftVoteId}",
            $"/api/votes/{DemoSeeder.LiftVoteId}/result", $"/api/votes/{DemoSeeder.ChargingVoteId}/result",
        ];
        foreach (string path in pages)
        {
            string body = await client.GetStringAsync(path, Cancel);
            foreach (string secret in owners.Append(Phone).Append("5678").Append(idHash).Append("王小明").Append(IdNumber))
            {
                Assert.False(body.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{path} shows {secret[..Math.Min(8, secret.Length)]}…");
            }
        }

        // What they do show: units and areas.
        string result = await client.GetStringAsync($"/votes/{DemoSeeder.ChargingVoteId}/result", Cancel);
        Assert.Contains("57-101", result, StringComparison.Ordinal);
        Assert.Contains("138.66", result, StringComparison.Ordinal);
    }
}

/// <summary>
/// Issue 4's "plus phone" check at invitation sign-in: where the roll has the owner's phone, its
/// last four digits are asked for, and the code is used only once they are right; where none is
/// on file, the code alone signs in and the page says so. Its own app: the attempt limit counts
/// every code typed from this machine.
/// </summary>
public sealed class PhoneCheckTests(SqliteApp app, Browser browser) : IClassFixture<SqliteApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_code_of_an_owner_with_a_phone_on_file_needs_its_last_four_digits()
    {
        string code;
        string codeHash;
        using (IServiceScope scope = app.Services.CreateScope())
        {
            OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
            string ownerCode = await db.RollUnits.Where(u => u.CompoundId == DemoSeeder.CompoundId && u.Id == "57-202").Select(u => u.OwnerId).SingleAsync(Cancel);
            Assert.Null(await scope.ServiceProvider.GetRequiredService<RollBook>().EditOwnerAsync(DemoSeeder.CompoundId, "officer:demo-1", "57-202", ownerCode, null, "+86 139-1234-5678", null, Cancel));
            code = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().IssueOwnerInvitationAsync("57-202", Cancel);
            codeHash = InvitationCode.Hash(code);
        }

        IPage page = await browser.NewPageAsync(390, 844);
        await OwnerSignIn.WithCodeAsync(page, app.BaseUrl, code);

        // The code is right; the digits are asked for, and nothing is used up yet.
        await Assertions.Expect(page.GetByTestId("phone-asked")).ToContainTextAsync("后四位");
        Assert.Equal(0, await page.GetByTestId("signed-in").CountAsync());
        Assert.Null(await UsedAtAsync(codeHash));

        // Wrong digits: refused, still unused.
        await page.GetByLabel("手机号后四位").FillAsync("8765");
        await page.GetByRole(AriaRole.Button, new() { Name = "用邀请码登录" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signin-error")).ToContainTextAsync("手机号后四位不对");
        Assert.Equal(0, await page.GetByTestId("signed-in").CountAsync());
        Assert.Null(await UsedAtAsync(codeHash));

        // The right digits: signed in, the code used, no "no phone" note.
        await page.GetByLabel("手机号后四位").FillAsync("5678");
        await page.GetByRole(AriaRole.Button, new() { Name = "用邀请码登录" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(app.BaseUrl + "/signin/passkey");
        await Assertions.Expect(page.GetByTestId("signed-in")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByTestId("no-phone-on-file").CountAsync());
        Assert.NotNull(await UsedAtAsync(codeHash));
    }

    [Fact]
    public async Task The_code_of_an_owner_without_a_phone_on_file_signs_in_alone_and_the_page_says_so()
    {
        string code;
        using (IServiceScope scope = app.Services.CreateScope())
        {
            code = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().IssueOwnerInvitationAsync("57-203", Cancel);
        }

        IPage page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync(app.BaseUrl + "/signin");
        Assert.Contains("没有手机号的，只凭邀请码核验", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByLabel("邀请码").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "用邀请码登录" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(app.BaseUrl + "/signin/passkey");
        await Assertions.Expect(page.GetByTestId("no-phone-on-file")).ToContainTextAsync("登记资料中没有您的手机号");
        Assert.Equal(0, await page.GetByLabel("手机号后四位").CountAsync());
    }

    private async Task<DateTimeOffset?> UsedAtAsync(string codeHash)
    {
        using IServiceScope scope = app.Services.CreateScope();
        OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        return await db.Invitations.Where(i => i.CodeHash == codeHash).Select(i => i.UsedAt).SingleAsync(Cancel);
    }
}
