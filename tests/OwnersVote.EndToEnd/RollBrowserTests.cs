using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Spreadsheets;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Issue 6 §1 in Chromium: an officer of the second demo compound signs in with their letter's code,
/// imports a roll sheet (a bad one first: every bad row listed, nothing imported), corrects a unit's
/// area, and freezes the roll for a new vote; the log's <c>RollFrozen</c> carries the correction.
/// </summary>
public sealed class RollBrowserTests(TwoCompoundApp app, Browser browser) : IClassFixture<TwoCompoundApp>
{
    private const string Vote = "qx-lobby-2027";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_officer_imports_a_roll_edits_a_unit_and_freezes_it_for_a_new_vote()
    {
        string officerCode;
        using (IServiceScope scope = app.Services.CreateScope())
        {
            officerCode = scope.ServiceProvider.GetRequiredService<SecondDemoCompound>().Accounts.First(a => a.Role == "officer").InvitationCode;
        }

        IPage page = await browser.NewPageAsync(1024, 900);
        await page.GotoAsync(app.BaseUrl + "/signin");
        await page.GetByLabel("邀请码").FillAsync(officerCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "用邀请码登录" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(app.BaseUrl + "/desk/enrol");

        await page.GotoAsync(app.BaseUrl + "/roll");
        // A sheet with two bad rows: both are named, and nothing changes.
        await page.GetByLabel("名册文件").SetInputFilesAsync(Xlsx("bad.xlsx",
            ["楼号", "室号", "业主编号", "面积", "面积来源"],
            ["1", "1-101", "QX-01", 88.5m, "不动产登记"],
            ["1", "1-102", "QX-02", -92m, "实测"],
            ["3", "3-101", "QX-03", 66m, "估算"]));
        await page.GetByTestId("roll-import").ClickAsync();
        await Assertions.Expect(page.GetByTestId("roll-error")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("roll-error").First).ToHaveAttributeAsync("data-row", "3");
        await Assertions.Expect(page.GetByTestId("roll-error").Last).ToHaveAttributeAsync("data-row", "4");
        await Assertions.Expect(page.GetByTestId("roll-unit")).ToHaveCountAsync(4);

        await page.GetByLabel("名册文件").SetInputFilesAsync(Xlsx("good.xlsx",
            ["楼号", "室号", "业主编号", "姓名", "面积", "面积来源"],
            ["1", "1-101", "QX-01", "示例业主甲", 88.5m, "不动产登记"],
            ["1", "1-102", "QX-02", "示例业主乙", 92m, "实测"],
            ["2", "2-101", "QX-01", "示例业主甲", 75.25m, "合同"],
            ["2", "2-102", "开发商", null, 120m, "不动产登记"],
            ["3", "3-101", "QX-03", "示例业主丙", 66m, "合同"]));
        await page.GetByTestId("roll-import").ClickAsync();
        await Assertions.Expect(page.GetByTestId("roll-imported")).ToContainTextAsync("已导入 5 个专有部分");
        await Assertions.Expect(page.GetByTestId("roll-unit")).ToHaveCountAsync(5);

        // JI art. 8: the surveyed area of 1-102 is replaced by the registered one.
        await page.GetByRole(AriaRole.Link, new() { Name = "1-102", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(app.BaseUrl + "/roll/units/1-102");
        await page.GetByLabel("专有部分面积").FillAsync("93.15");
        await page.GetByLabel("面积来源").SelectOptionAsync("registry");
        await page.GetByTestId("roll-save-unit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("roll-saved")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("roll-history-row").First).ToContainTextAsync(SecondDemoCompound.Officer);
        await Assertions.Expect(page.GetByTestId("roll-history-row").First).ToContainTextAsync("93.15");

        await page.GotoAsync(app.BaseUrl + "/roll");
        await page.GetByLabel("表决编号").FillAsync(Vote);
        await page.GetByLabel("表决开始时间").FillAsync("2027-01-10T09:00");
        await page.GetByTestId("roll-freeze").ClickAsync();
        await Assertions.Expect(page.GetByTestId("roll-frozen")).ToContainTextAsync("5 个专有部分");
        // Five units, four heads: QX-01's two units count once (JI art. 9).
        await Assertions.Expect(page.GetByTestId("roll-frozen")).ToContainTextAsync("4 人");

        // A second freeze of the same vote is refused.
        await page.GetByLabel("表决编号").FillAsync(Vote);
        await page.GetByLabel("表决开始时间").FillAsync("2027-01-10T09:00");
        await page.GetByTestId("roll-freeze").ClickAsync();
        await Assertions.Expect(page.GetByTestId("roll-freeze-refused")).ToBeVisibleAsync();

        using IServiceScope check = app.Services.CreateScope();
        OwnersVoteDb db = check.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        List<UnitRow> frozen = await db.Units.Where(u => u.VoteId == Vote).ToListAsync(Cancel);
        Assert.Equal(5, frozen.Count);
        Assert.All(frozen, u => Assert.Equal(SecondDemoCompound.CompoundId, u.CompoundId));
        UnitRow edited = frozen.Single(u => u.Id == "1-102");
        Assert.Equal(9_315, edited.AreaHundredths);
        Assert.Equal("registry", edited.AreaSource);
    }

    private static FilePayload Xlsx(string name, params object?[][] rows)
    {
        using var stream = new MemoryStream();
        XlsxTable.Write(stream, "名册", rows.Select(r => (IReadOnlyList<object?>)r));
        return new FilePayload { Name = name, MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = stream.ToArray() };
    }
}
