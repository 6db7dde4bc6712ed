using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Issue 7 part 6: an officer publishes a notice for building 57 with an attachment; the owner of
/// 57-101 sees and opens it (their read receipt is counted for building 57 on the desk), the owner
/// of 56-101 does not see it; the notice is a NoticePublished log entry pinning the attachment.
/// </summary>
public sealed class NoticeTests(SqliteApp app, Browser browser) : IClassFixture<SqliteApp>
{
    private const string Compound = DemoSeeder.CompoundId;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_notice_larger_than_one_log_entry_is_refused_in_Chinese_and_nothing_is_logged()
    {
        IPage officer = await browser.NewPageAsync(390, 844);
        await SessionCookies.SignInAsync(officer, app, new OwnerSession(Compound, "officer", null, "officer:demo-1"));
        await officer.GotoAsync(app.BaseUrl + "/desk/notices");
        // The form stops typing at 15,000 characters, which with a title fits one log entry.
        Assert.Equal("15000", await officer.Locator("#body").GetAttributeAsync("maxlength"));

        // A request past the form (its limit removed): 30,000 characters, 90,000 bytes of UTF-8.
        await officer.Locator("#body").EvaluateAsync("e => e.removeAttribute('maxlength')");
        await officer.GetByLabel("标题").FillAsync("物业服务合同全文");
        await officer.GetByLabel("正文").FillAsync(string.Concat(Enumerable.Repeat("甲方乙方约定的服务内容。", 2_500)));
        long size = app.Services.GetRequiredService<OwnersVote.Web.Ledger.EventLog>().TreeSize;
        await officer.GetByTestId("notice-publish").ClickAsync();

        await Assertions.Expect(officer.GetByTestId("notice-refused")).ToContainTextAsync("通知太长，超过一条日志记录的上限");
        Assert.Equal(size, app.Services.GetRequiredService<OwnersVote.Web.Ledger.EventLog>().TreeSize);
        using IServiceScope scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<OwnersVoteDb>().Notices.AnyAsync(n => n.Title == "物业服务合同全文", Cancel));
    }

    [Fact]
    public async Task A_notice_with_an_attachment_reaches_its_building_and_its_reading_is_counted()
    {
        byte[] attachment = Encoding.UTF8.GetBytes("电梯停运安排：1 号梯 3 月 1 日至 20 日停运。");
        IPage officer = await browser.NewPageAsync(390, 844);
        await SessionCookies.SignInAsync(officer, app, new OwnerSession(Compound, "officer", null, "officer:demo-1"));
        await officer.GotoAsync(app.BaseUrl + "/desk/notices");
        await officer.GetByLabel("标题").FillAsync("57号楼电梯停运安排");
        await officer.GetByLabel("正文").FillAsync("施工期间保证至少一部电梯运行，详见附件。");
        await officer.Locator("#scope-57").CheckAsync();
        await officer.Locator("#notice-attachments").SetInputFilesAsync(new FilePayload { Name = "停运安排.txt", MimeType = "text/plain", Buffer = attachment });
        await officer.GetByTestId("notice-publish").ClickAsync();
        await Assertions.Expect(officer.GetByTestId("notice-published")).ToContainTextAsync("已发布，日志第");

        NoticeRow row;
        using (IServiceScope scope = app.Services.CreateScope())
        {
            OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
            row = await db.Notices.AsNoTracking().SingleAsync(n => n.Title == "57号楼电梯停运安排", Cancel);
        }

        Assert.Equal("57", row.Scope);
        ILocator receipts = officer.Locator($"[data-testid=notice-receipts][data-notice='{row.Id}']");
        string before = await receipts.Locator("[data-testid=reads][data-building='57'] td").InnerTextAsync();
        Assert.StartsWith("0 / ", before, StringComparison.Ordinal);
        await Assertions.Expect(receipts.Locator("[data-testid=reads]")).ToHaveCountAsync(1);

        // The owner of 57-101 sees it, opens it, and downloads the attachment the log pins.
        IPage owner = await browser.NewPageAsync(360, 800);
        await SessionCookies.SignInAsync(owner, app, new OwnerSession(Compound, "owner", await OwnerHashAsync("57-101")));
        await owner.GotoAsync(app.BaseUrl + "/notices");
        ILocator listed = owner.Locator($"[data-testid=notice][data-notice='{row.Id}']");
        await Assertions.Expect(listed).ToContainTextAsync("未读");
        await listed.Locator("a").ClickAsync();
        await Assertions.Expect(owner.GetByTestId("notice-text")).ToContainTextAsync("施工期间保证至少一部电梯运行");
        string? href = await owner.GetByTestId("notice-attachment").GetAttributeAsync("href");
        using HttpClient api = app.CreateApiClient();
        Assert.Equal(attachment, await api.GetByteArrayAsync(href, Cancel));
        await owner.GotoAsync(app.BaseUrl + "/notices");
        await Assertions.Expect(listed).ToContainTextAsync("已读");
        // Opening it again does not count twice.
        await owner.GotoAsync($"{app.BaseUrl}/notices/{row.Id}");

        // The owner of 56-101 is not concerned: not listed, and not found when asked directly.
        IPage other = await browser.NewPageAsync(360, 800);
        await SessionCookies.SignInAsync(other, app, new OwnerSession(Compound, "owner", await OwnerHashAsync("56-101")));
        await other.GotoAsync(app.BaseUrl + "/notices");
        await Assertions.Expect(other.Locator($"[data-testid=notice][data-notice='{row.Id}']")).ToHaveCountAsync(0);
        await Assertions.Expect(other.Locator("[data-testid=notice][data-notice='accounts-published']")).ToHaveCountAsync(1);
        IResponse? direct = await other.GotoAsync($"{app.BaseUrl}/notices/{row.Id}");
        Assert.Equal((int)HttpStatusCode.NotFound, direct!.Status);

        // The desk counts one reader in building 57.
        await officer.GotoAsync(app.BaseUrl + "/desk/notices");
        string after = await receipts.Locator("[data-testid=reads][data-building='57'] td").InnerTextAsync();
        Assert.Equal(before.Replace("0 / ", "1 / ", StringComparison.Ordinal), after);

        // In the log: a NoticePublished pinning the attachment's SHA-256.
        using (IServiceScope scope = app.Services.CreateScope())
        {
            byte[] entry = await ReadEntryAsync(row.LogIndex);
            var published = Assert.IsType<OwnersVote.Voting.Events.NoticePublished>(OwnersVote.Voting.Events.EventCodec.Decode(entry));
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(attachment)), Assert.Single(published.Attachments).Sha256);
        }
    }

    private async Task<string> OwnerHashAsync(string unit)
    {
        using IServiceScope scope = app.Services.CreateScope();
        OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        return await db.Units.Where(u => u.Id == unit).Select(u => u.OwnerHash).FirstAsync(Cancel);
    }

    private async Task<byte[]> ReadEntryAsync(long index)
    {
        using HttpClient client = app.CreateApiClient();
        OwnersVote.Ledger.NoteVerifier key = OwnersVote.Ledger.NoteVerifier.Parse((await client.GetStringAsync("/log/key", Cancel)).TrimEnd('\n'));
        byte[]? found = null;
        await OwnersVote.Ledger.LogAuditor.AuditAsync(new HttpTileStore(client), key, [], 0, (i, e) =>
        {
            if (i == index)
            {
                found = e.ToArray();
            }
        }, Cancel);
        return found ?? throw new InvalidOperationException($"log entry {index} not served");
    }
}
