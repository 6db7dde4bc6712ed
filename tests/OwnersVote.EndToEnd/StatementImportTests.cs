using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Features.Money;
using OwnersVote.Web.Features.SignIn;
using OwnersVote.Web.Ledger;
using OwnersVote.Web.Spreadsheets;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Issue 7 part 7: statements uploaded at <c>/desk/statements</c> as .csv and .xlsx — good files
/// publish one log entry each (or, larger than an entry, one group of parts); a bad file lists
/// every bad row by its number and publishes nothing.
/// </summary>
public sealed class StatementImportTests(SqliteApp app, Browser browser) : IClassFixture<SqliteApp>
{
    private const string Compound = DemoSeeder.CompoundId;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_good_csv_in_Chinese_publishes_the_next_quarter_of_public_income()
    {
        IReadOnlyList<StatementView> before = await StatementsAsync(StatementRow.Income, "");
        StatementView last = before[^1];
        DateOnly from = last.To.AddDays(1);
        DateOnly to = from.AddMonths(3).AddDays(-1);
        string csv = string.Join("\r\n",
            "日期,类别,金额,摘要",
            $"{from:yyyy-MM-dd},停车收益,\"12,345.60\",地面临时停车费",
            $"{from.AddDays(20):yyyy-MM-dd},advertising,6000,电梯广告",
            $"{to:yyyy-MM-dd},场地租赁,800.5,会所场地");

        IPage page = await OfficerAtDeskAsync();
        long size = Log.TreeSize;
        await UploadAsync(page, StatementRow.Income, null, from, to, Fen.Plain(last.Closing), "income.csv", Encoding.UTF8.GetBytes(csv));

        await Assertions.Expect(page.GetByTestId("statement-published")).ToContainTextAsync("已公布：3 笔明细");
        Assert.Equal(size + 1, Log.TreeSize);
        StatementView published = (await StatementsAsync(StatementRow.Income, ""))[^1];
        Assert.Equal(from, published.From);
        Assert.Equal(last.Closing + 12_345_60 + 6_000_00 + 800_50, published.Closing);
        await page.GetByTestId("published-page").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-testid=statement][data-statement='income-{from:yyyyMMdd}']")).ToContainTextAsync("12,345.60");
    }

    [Fact]
    public async Task A_good_xlsx_publishes_a_fund_statement_with_an_attachment()
    {
        using var xlsx = new MemoryStream();
        XlsxTable.Write(xlsx, "明细", [
            ["date", "kind", "amount", "description"],
            ["2025-01-15", "deposit", 3_200.00m, "56-0901 首期缴存"],
            ["2025-03-21", "interest", 845.12m, "活期存款结息"],
        ]);
        byte[] bank = Encoding.UTF8.GetBytes("银行对账单 2025 上半年");

        IPage page = await OfficerAtDeskAsync();
        long size = Log.TreeSize;
        await UploadAsync(page, StatementRow.Fund, "56", new DateOnly(2025, 1, 1), new DateOnly(2025, 6, 30), "500000", "fund-56.xlsx", xlsx.ToArray(), ("bank.txt", bank));

        await Assertions.Expect(page.GetByTestId("statement-published")).ToContainTextAsync("2 笔明细");
        Assert.Equal(size + 1, Log.TreeSize);
        StatementView statement = Assert.Single(await StatementsAsync(StatementRow.Fund, "56"));
        Assert.Equal(500_000_00 + 3_200_00 + 845_12, statement.Closing);
        Assert.Equal(["bank.txt"], statement.Attachments.Select(a => a.Name));
        using HttpClient api = app.CreateApiClient();
        Assert.Equal(bank, await api.GetByteArrayAsync($"/documents/{statement.Attachments[0].Sha256}/bank.txt", Cancel));
    }

    [Fact]
    public async Task A_bad_csv_lists_every_bad_row_by_number_and_publishes_nothing()
    {
        // Building 57's fund: spending must name a vote that passed; the lift vote is still open.
        StatementView last = (await StatementsAsync(StatementRow.Fund, "57"))[^1];
        DateOnly from = last.To.AddDays(1);
        DateOnly to = from.AddMonths(2);
        string csv = string.Join("\n",
            "date,kind,amount,description,vote",
            $"{from:yyyy-MM-dd},interest,10.00,ok,",
            $"31/12/2025,interest,10.00,bad date,",
            $"{from:yyyy-MM-dd},interest,12.345,three decimals,",
            $"{from:yyyy-MM-dd},spending,100.00,no vote,",
            $"{from:yyyy-MM-dd},planned,100.00,unknown vote,no-such-vote",
            $"{from:yyyy-MM-dd},spending,100.00,lift paid before its vote passed,{DemoSeeder.LiftVoteId}",
            $"{from:yyyy-MM-dd},parking,100.00,parking is not fund income,",
            $"{from:yyyy-MM-dd},deposit,1.00,ok,");

        IPage page = await OfficerAtDeskAsync();
        long size = Log.TreeSize;
        await UploadAsync(page, StatementRow.Fund, "57", from, to, Fen.Plain(last.Closing), "bad.csv", Encoding.UTF8.GetBytes(csv));

        await Assertions.Expect(page.GetByTestId("import-refused")).ToBeVisibleAsync();
        Assert.Equal(
            ["3:BadDate", "4:BadAmount", "5:VoteRequired", "6:VoteNotFound", "7:VoteNotPassed", "8:BadKind"],
            await ProblemsAsync(page));
        Assert.Contains("第 7 行：表决“b57-lift-2026”尚未通过，只能列为计划支出", await page.GetByTestId("import-refused").InnerTextAsync());
        Assert.Equal(size, Log.TreeSize);
        Assert.Equal(last.Id, (await StatementsAsync(StatementRow.Fund, "57"))[^1].Id);
    }

    [Fact]
    public async Task A_bad_xlsx_lists_its_bad_rows_and_a_broken_file_and_a_gap_are_refused()
    {
        StatementView last = (await StatementsAsync(StatementRow.Fund, "57"))[^1];
        DateOnly from = last.To.AddDays(1);
        using var xlsx = new MemoryStream();
        XlsxTable.Write(xlsx, "lines", [
            ["日期", "类别", "金额", "摘要", "备注"],
            [from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "缴存", 1m, "ok"],
        ]);
        IPage page = await OfficerAtDeskAsync();
        long size = Log.TreeSize;

        // An unknown column is refused at the header row.
        await UploadAsync(page, StatementRow.Fund, "57", from, from.AddMonths(1), Fen.Plain(last.Closing), "lines.xlsx", xlsx.ToArray());
        Assert.Equal(["1:UnknownColumn"], await ProblemsAsync(page));

        xlsx.SetLength(0);
        XlsxTable.Write(xlsx, "lines", [
            ["日期", "类别", "金额", "摘要"],
            [from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "bogus", 1m, "bad kind"],
            [from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "利息", "abc", "bad amount"],
            [from.AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "利息", 2m, "after the period"],
            [from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "利息", 3m, ""],
        ]);
        await UploadAsync(page, StatementRow.Fund, "57", from, from.AddMonths(1), Fen.Plain(last.Closing), "lines.xlsx", xlsx.ToArray());
        Assert.Equal(["2:BadKind", "3:BadAmount", "4:OutsidePeriod", "5:NoDescription"], await ProblemsAsync(page));

        // Not a workbook at all; and a period that leaves a gap after the last statement.
        await UploadAsync(page, StatementRow.Fund, "57", from, from.AddMonths(1), Fen.Plain(last.Closing), "broken.xlsx", [1, 2, 3, 4]);
        Assert.Equal(["0:Unreadable"], await ProblemsAsync(page));
        string good = $"date,kind,amount,description\n{from.AddDays(3):yyyy-MM-dd},deposit,1,ok\n";
        await UploadAsync(page, StatementRow.Fund, "57", from.AddDays(2), from.AddMonths(1), Fen.Plain(last.Closing), "gap.csv", Encoding.UTF8.GetBytes(good));
        Assert.Equal(["0:NotContinuous"], await ProblemsAsync(page));
        Assert.Equal(size, Log.TreeSize);
    }

    [Fact]
    public async Task A_quarter_of_a_thousand_lines_is_logged_in_parts_as_one_statement_that_ov_verify_checks_whole()
    {
        // A quarter of parking fees entered payment by payment: 1,000 lines, more than one log
        // entry holds (c2sp.org/tlog-tiles: 65,535 bytes), so the statement is logged in parts.
        IReadOnlyList<StatementView> before = await StatementsAsync(StatementRow.Income, "");
        DateOnly from = before[^1].To.AddDays(1);
        DateOnly to = from.AddMonths(3).AddDays(-1);
        var csv = new StringBuilder("日期,类别,金额,摘要\n");
        for (int i = 0; i < 1_000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{from.AddDays(i * 90 / 1_000):yyyy-MM-dd},停车收益,10.00,地面临时停车费 第 {i + 1} 笔\n");
        }

        IPage page = await OfficerAtDeskAsync();
        long size = Log.TreeSize;
        await UploadAsync(page, StatementRow.Income, null, from, to, Fen.Plain(before[^1].Closing), "parking.csv", Encoding.UTF8.GetBytes(csv.ToString()));

        await Assertions.Expect(page.GetByTestId("statement-published")).ToContainTextAsync("已公布：1000 笔明细");
        List<PublicIncomePublished> parts = [.. (await app.DownloadLogAsync(Cancel)).Skip((int)size).OfType<PublicIncomePublished>()];
        Assert.InRange(parts.Count, 2, 10);
        Assert.Equal(size + parts.Count, Log.TreeSize);
        Assert.Equal(Enumerable.Range(1, parts.Count), parts.Select(p => p.Part));
        Assert.Equal(1_000, parts.Sum(p => p.Lines.Count));

        StatementView published = (await StatementsAsync(StatementRow.Income, ""))[^1];
        Assert.Equal(from, published.From);
        Assert.Equal(1_000, published.Lines.Count);
        Assert.Equal(before[^1].Closing + (1_000 * 10_00), published.Closing);
        // On a phone the page gives the total of the 1,000 payments, and each line one tap away.
        await page.GetByTestId("published-page").ClickAsync();
        ILocator statement = page.Locator($"[data-testid=statement][data-statement='income-{from:yyyyMMdd}']");
        await Assertions.Expect(statement.GetByTestId("statement-kind-total")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"停车收益\s*共 1000 笔，合计\s*\+10,000\.00"));
        await Assertions.Expect(statement.GetByTestId("closing")).ToHaveTextAsync(Fen.Yuan(published.Closing));
        ILocator lastLine = statement.GetByTestId("statement-line").Last;
        await Assertions.Expect(lastLine).Not.ToBeVisibleAsync();
        await statement.GetByTestId("statement-all-lines").Locator("summary").ClickAsync();
        await Assertions.Expect(lastLine).ToBeVisibleAsync();
        await Assertions.Expect(lastLine).ToContainTextAsync("地面临时停车费 第 1000 笔");
        await Assertions.Expect(statement.GetByTestId("statement-line")).ToHaveCountAsync(1_000);
        AxeResult axe = await page.RunAxe();
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}"));
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, "the page is wider than the phone");

        // The auditor's check joins the parts and finds the whole balancing.
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await Task.Run(() => Cli.Commands.VerifyCommand.Run([app.BaseUrl], stdout, stderr), Cancel);
        Assert.True(code == 0, stderr.ToString());
    }

    [Fact]
    public async Task A_line_too_long_for_any_log_entry_is_refused_and_nothing_is_logged()
    {
        IReadOnlyList<StatementView> before = await StatementsAsync(StatementRow.Income, "");
        DateOnly from = before[^1].To.AddDays(1);
        DateOnly to = from.AddMonths(3).AddDays(-1);
        string csv = $"日期,类别,金额,摘要\n{from:yyyy-MM-dd},停车收益,10.00,{new string('费', 30_000)}\n";

        IPage page = await OfficerAtDeskAsync();
        long size = Log.TreeSize;
        await UploadAsync(page, StatementRow.Income, null, from, to, Fen.Plain(before[^1].Closing), "parking.csv", Encoding.UTF8.GetBytes(csv));

        Assert.Equal(["0:TooLarge"], await ProblemsAsync(page));
        Assert.Contains("即使每条日志记录只放一行明细（共 1 行）也超过上限", await page.GetByTestId("import-refused").InnerTextAsync());
        Assert.Equal(size, Log.TreeSize);
        Assert.Equal(before[^1].Id, (await StatementsAsync(StatementRow.Income, ""))[^1].Id);
    }

    private EventLog Log => app.Services.GetRequiredService<EventLog>();

    private async Task<IReadOnlyList<StatementView>> StatementsAsync(string kind, string building)
    {
        using IServiceScope scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MoneyQuery>().StatementsAsync(Compound, kind, building, Cancel);
    }

    private static async Task<string[]> ProblemsAsync(IPage page)
    {
        await Assertions.Expect(page.GetByTestId("import-refused")).ToBeVisibleAsync();
        return await page.GetByTestId("import-problem").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.row + ':' + e.dataset.code)");
    }

    private async Task<IPage> OfficerAtDeskAsync()
    {
        IPage page = await browser.NewPageAsync(390, 844);
        await SessionCookies.SignInAsync(page, app, new OwnerSession(Compound, "officer", null, "officer:demo-1"));
        await page.GotoAsync(app.BaseUrl + "/desk/statements");
        await Assertions.Expect(page.GetByTestId("statement-publish")).ToBeVisibleAsync();
        return page;
    }

    private static async Task UploadAsync(IPage page, string kind, string? building, DateOnly from, DateOnly to, string opening, string fileName, byte[] content, params (string Name, byte[] Content)[] attachments)
    {
        await page.Locator(kind == StatementRow.Fund ? "#kind-fund" : "#kind-income").CheckAsync();
        if (building is not null)
        {
            await page.Locator("#building").SelectOptionAsync(building);
        }

        await page.Locator("#from").FillAsync(from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#to").FillAsync(to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#opening").FillAsync(opening);
        await page.Locator("#lines").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/octet-stream", Buffer = content });
        await page.Locator("#attachments").SetInputFilesAsync([.. attachments.Select(a => new FilePayload { Name = a.Name, MimeType = "text/plain", Buffer = a.Content })]);
        await page.GetByTestId("statement-publish").ClickAsync();
        await page.WaitForLoadStateAsync();
        await Assertions.Expect(page.Locator("[data-testid=statement-published], [data-testid=import-refused]")).ToBeVisibleAsync();
    }
}
