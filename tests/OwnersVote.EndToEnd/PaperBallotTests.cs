using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OwnersVote.Ledger;
using OwnersVote.Paper;
using OwnersVote.Testing.PaperCorpus;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Demo;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Issue 5 acceptance, in Chromium at 390×844: an officer prints the demo lift vote's paper
/// ballots (the PDF is downloaded; every serial is logged as <c>PaperBallotIssued</c>), owners
/// fill four sheets as people do (the test rasterises the PDF with pdftoppm and draws the marks),
/// the officer uploads the scans, confirms each reading (correcting a faint pencil mark), cannot
/// approve their own confirmations, a second officer approves, and the result page counts the
/// paper ballots with the online ones.
/// </summary>
public sealed class PaperBallotTests(SqliteApp app, Browser browser) : IClassFixture<SqliteApp>
{
    private const string Lift = DemoSeeder.LiftVoteId;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Officers_print_scan_and_confirm_paper_ballots_and_the_result_counts_them_with_the_online_ones()
    {
        string[] officerCodes;
        using (IServiceScope scope = app.Services.CreateScope())
        {
            officerCodes = [.. scope.ServiceProvider.GetRequiredService<DemoSeeder>().Accounts.Where(a => a.Role == "officer").Select(a => a.InvitationCode)];
        }

        string folder = Directory.CreateTempSubdirectory("ov-e2e-paper-").FullName;
        try
        {
            // The first officer prints every ballot of the vote.
            IPage first = await browser.NewPageAsync(390, 844);
            await SignInAsync(first, officerCodes[0]);
            await first.GotoAsync($"{app.BaseUrl}/votes/{Lift}/paper");
            await Assertions.Expect(first.GetByTestId("paper-summary")).ToContainTextAsync("网上已投 30 票");
            IDownload download = await first.RunAndWaitForDownloadAsync(() => first.GetByTestId("paper-print-all").ClickAsync());
            string pdfPath = Path.Combine(folder, "ballots.pdf");
            await download.SaveAsAsync(pdfPath);

            // One page per principal of building 57 without an online ballot, each serial logged.
            List<PaperBallotIssued> issued = [.. (await LogAsync()).OfType<PaperBallotIssued>()];
            IReadOnlyList<GreyImage> pages = await PaperSheets.RasteriseAsync(await File.ReadAllBytesAsync(pdfPath, Cancel));
            Assert.Equal(issued.Count, pages.Count);
            Assert.True(pages.Count >= 4, $"{pages.Count} pages");
            Assert.All(issued, i => Assert.Equal("officer:demo-1", i.Actor));

            // Four owners fill theirs in: a tick, a cross, a filled box, and a faint pencil tick.
            (PaperChoice Choice, MarkKind Kind)[] filled =
                [(PaperChoice.Yes, MarkKind.Tick), (PaperChoice.No, MarkKind.Cross), (PaperChoice.Yes, MarkKind.Fill), (PaperChoice.Abstain, MarkKind.LightPencil)];
            var scans = new List<string>();
            for (int i = 0; i < filled.Length; i++)
            {
                string path = Path.Combine(folder, $"scan-{i + 1}.png");
                await File.WriteAllBytesAsync(path, PaperSheets.Fill(pages[i], [filled[i].Choice], sign: true, seed: 50 + i, filled[i].Kind), Cancel);
                scans.Add(path);
            }

            // The officer uploads the scans.
            await first.GetByTestId("paper-upload-link").ClickAsync();
            await first.GetByLabel("扫描文件").SetInputFilesAsync(scans);
            await first.GetByTestId("upload-submit").ClickAsync();
            await Assertions.Expect(first.GetByTestId("upload-done")).ToContainTextAsync("已识别 4 页");
            await Assertions.Expect(first.Locator("[data-testid=upload-page][data-state=pending]")).ToHaveCountAsync(4);

            // The same officer confirms each reading against the image, correcting the pencil mark.
            await first.GetByTestId("paper-review-link").ClickAsync();
            ILocator tick = Item(first, issued[0]);
            await Assertions.Expect(tick.GetByTestId("review-clear")).ToBeVisibleAsync();
            await Assertions.Expect(tick.GetByTestId("review-read-q1")).ToContainTextAsync("同意");
            Assert.True(await tick.Locator("polygon[data-kind=box]").CountAsync() >= 3);
            await Assertions.Expect(Item(first, issued[1]).GetByTestId("review-read-q1")).ToContainTextAsync("反对");
            for (int i = 0; i < filled.Length; i++)
            {
                ILocator item = Item(first, issued[i]);
                if (filled[i].Kind == MarkKind.LightPencil)
                {
                    await item.GetByTestId("review-answer-q1").SelectOptionAsync("abstain");
                }

                await item.GetByTestId("review-confirm").ClickAsync();
                await Assertions.Expect(first.GetByTestId("review-done")).ToContainTextAsync("等待另一位工作人员批准");
            }

            // Two-person rule: the officer who confirmed cannot approve.
            await Item(first, issued[0]).GetByTestId("review-approve").ClickAsync();
            await Assertions.Expect(first.GetByTestId("review-refused")).ToContainTextAsync("两人规则");

            // The second officer approves each; only now is each sheet in the log.
            IPage second = await browser.NewPageAsync(390, 844);
            await SignInAsync(second, officerCodes[1]);
            await second.GotoAsync($"{app.BaseUrl}/votes/{Lift}/paper/review");
            for (int i = 0; i < filled.Length; i++)
            {
                ILocator item = Item(second, issued[i]);
                await Assertions.Expect(item.GetByTestId("review-confirmed-by")).ToContainTextAsync("officer:demo-1");
                await item.GetByTestId("review-approve").ClickAsync();
                await Assertions.Expect(second.GetByTestId("review-done")).ToContainTextAsync("计入票数");
            }

            List<PaperBallotRecorded> recorded = [.. (await LogAsync()).OfType<PaperBallotRecorded>()];
            Assert.Equal(issued.Take(4).Select(i => i.Serial), recorded.Select(r => r.Serial));
            Assert.All(recorded, r => Assert.Equal(["officer:demo-1", "officer:demo-2"], r.Officers));
            Assert.Equal(["yes", "no", "yes", "abstain"], recorded.Select(r => PaperBallotRecorded.ChoiceText(r.Answers.Single().Choice)));

            // The merged count: the 30 online ballots and the 4 paper ones, each channel named.
            await second.GetByTestId("paper-result-link").ClickAsync();
            await Assertions.Expect(second.GetByTestId("by-channel")).ToHaveTextAsync("计入的选票中，网上投票 30 份，纸质选票 4 份。");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static ILocator Item(IPage page, PaperBallotIssued sheet) =>
        page.Locator($"article[data-serial='{sheet.Serial}']");

    private async Task SignInAsync(IPage page, string code)
    {
        await page.GotoAsync(app.BaseUrl + "/signin");
        await page.GetByLabel("邀请码").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "用邀请码登录" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(app.BaseUrl + "/desk/enrol", new() { Timeout = 15_000 });
    }

    private async Task<List<LedgerEvent>> LogAsync()
    {
        using HttpClient client = app.CreateApiClient();
        NoteVerifier key = NoteVerifier.Parse((await client.GetStringAsync("/log/key", Cancel)).TrimEnd('\n'));
        var entries = new List<LedgerEvent>();
        await LogAuditor.AuditAsync(new HttpTileStore(client), key, [], 0, (_, entry) => entries.Add(EventCodec.Decode(entry.ToArray())), Cancel);
        return entries;
    }
}
