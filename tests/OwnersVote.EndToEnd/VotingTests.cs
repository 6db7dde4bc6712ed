using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using OwnersVote.Ledger;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Demo;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Steps ①–⑤ of the owner flow (issue 4) in a real Chromium at 390×844 with a CDP virtual
/// authenticator: an owner of building 57 signs in with the letter's code, sets up a passkey, reads
/// the lift matter, votes, signs with the passkey, gets a receipt, verifies it, and changes the vote;
/// an owner of building 56 cannot see or vote the building-57 matter; replayed and altered
/// assertions are refused and log nothing.
/// </summary>
public abstract class VotingTests(OwnersVoteApp app, Browser browser)
{
    private const string Lift = DemoSeeder.LiftVoteId;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Owner_of_57_101_votes_in_five_steps_on_a_phone_and_verifies_the_receipt()
    {
        (long yesBefore, long participatingBefore) = await LiveCountAsync();
        IPage page = await SignedInWithPasskeyAsync("57-101");
        // Someone watching the live count, refreshed every 2 s instead of 10.
        IPage watcher = await browser.NewPageAsync(390, 844);
        await watcher.GotoAsync($"{app.BaseUrl}/votes/{Lift}/result?live=2");
        string headsBefore = await watcher.GetByTestId("yes").InnerTextAsync();

        // ② the matters open to this owner: the building-57 lift vote, with the way to vote.
        await page.GotoAsync(app.BaseUrl + "/");
        Assert.Contains("待您表决的事项", await page.Locator("main").InnerTextAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "57号楼电梯维修使用专项维修资金" }).ClickAsync();
        await ArrivedAsync(page, $"{app.BaseUrl}/votes/{Lift}");
        Assert.Contains("第 2 步，共 5 步", await page.GetByTestId("steps").InnerTextAsync());
        Assert.Contains("46.8 万元", await page.Locator(".matter-text").InnerTextAsync());
        // The attached quotation, served by the hash the log pins, shows the costs.
        ILocator document = page.GetByTestId("documents").GetByRole(AriaRole.Link);
        Assert.Equal(DemoDocuments.LiftQuotationName, (await document.InnerTextAsync()).Trim());
        IAPIResponse quotation = await page.Context.APIRequest.GetAsync(app.BaseUrl + await document.GetAttributeAsync("href"));
        Assert.Equal(200, quotation.Status);
        byte[] quoted = await quotation.BodyAsync();
        Assert.Equal(DemoDocuments.LiftQuotationDocument.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(quoted)));
        Assert.Contains("468,000", Encoding.UTF8.GetString(quoted), StringComparison.Ordinal);
        // A stored document changed behind the log's back is not served as the pinned one.
        string stored = Path.Combine(app.DataFolder, "documents", DemoDocuments.LiftQuotationDocument.Sha256);
        await File.WriteAllBytesAsync(stored, [.. quoted.Take(quoted.Length - 1), (byte)'!'], Cancel);
        Assert.Equal(404, (await page.Context.APIRequest.GetAsync(app.BaseUrl + await document.GetAttributeAsync("href"))).Status);
        await File.WriteAllBytesAsync(stored, quoted, Cancel);
        await AxeCheck.AssertNoSeriousViolationsAsync(page);

        // ③ the choice, with the units the ballot covers.
        await page.GetByTestId("go-vote").ClickAsync();
        await ArrivedAsync(page, $"{app.BaseUrl}/votes/{Lift}/ballot");
        Assert.Contains("57-101（57号楼", await page.GetByTestId("ballot-covers").InnerTextAsync());
        await AxeCheck.AssertNoSeriousViolationsAsync(page);
        await page.GetByLabel("同意").CheckAsync();
        await page.GetByTestId("ballot-next").ClickAsync();

        // ④ the confirmation in plain words, then the passkey signs.
        await Assertions.Expect(page.GetByTestId("confirm-choice")).ToContainTextAsync("您选择：同意");
        Assert.Contains("第 4 步，共 5 步", await page.GetByTestId("steps").InnerTextAsync());
        await AxeCheck.AssertNoSeriousViolationsAsync(page);
        await page.GetByTestId("ballot-sign").ClickAsync();

        // ⑤ the receipt: recorded, counted, its proof checked, downloadable.
        await Assertions.Expect(page.GetByTestId("ballot-recorded")).ToBeVisibleAsync();
        Assert.Matches(@"/receipts/\d+\?cast=true$", page.Url);
        Assert.Equal("true", await page.GetByTestId("receipt-check").GetAttributeAsync("data-verified"));
        Assert.Equal("计入结果", (await page.GetByTestId("receipt-counts").InnerTextAsync()).Trim());
        Assert.Equal("同意", (await page.GetByTestId("receipt-choice").InnerTextAsync()).Trim());
        // The receipt's checkpoint is cosigned by the demo's two witnesses (业委会, 居委会).
        string cosigners = await page.GetByTestId("receipt-cosigners").InnerTextAsync();
        Assert.Contains("业委会", cosigners, StringComparison.Ordinal);
        Assert.Contains("居委会", cosigners, StringComparison.Ordinal);
        await AxeCheck.AssertNoSeriousViolationsAsync(page);
        long index = long.Parse(await page.GetByTestId("receipt-index").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

        // The downloaded receipt proves, offline, a BallotCast whose passkey signature verifies.
        using HttpClient client = app.CreateApiClient();
        byte[] receiptBytes = await client.GetByteArrayAsync($"/api/receipts/{index}", Cancel);
        Receipt receipt = Receipt.Parse(receiptBytes);
        NoteVerifier logKey = NoteVerifier.Parse((await client.GetStringAsync("/log/key", Cancel)).TrimEnd('\n'));
        ReceiptVerification verified = receipt.Verify(receipt.Extra!, logKey.Name, [logKey], [], 0);
        Assert.True(verified.IsVerified, verified.Failure);
        BallotCast cast = Assert.IsType<BallotCast>(EventCodec.Decode(receipt.Extra!));
        Assert.Equal(["57-101"], cast.Ballot.Units);
        Assert.Equal(Choice.Yes, Assert.Single(cast.Ballot.Answers).Choice);
        VoteReplayResult replay = VoteReplay.Replay(await app.DownloadLogAsync(Cancel), Lift);
        Assert.Equal(BallotDisposition.Counted, replay.Ballots.Single(b => b.Position == index).Disposition);

        // The watcher's page updated itself; the live count moved by this owner: one more head
        // participating and voting yes.
        await Assertions.Expect(watcher.GetByTestId("yes")).Not.ToHaveTextAsync(headsBefore, new() { Timeout = 15_000 });
        Assert.Contains($"{yesBefore + 1} 户", await watcher.GetByTestId("yes").InnerTextAsync());
        (long yesAfter, long participatingAfter) = await LiveCountAsync();
        Assert.Equal(yesBefore + 1, yesAfter);
        Assert.Equal(participatingBefore + 1, participatingAfter);

        // "Verify my ballot": the pasted receipt verifies; one changed proof character does not.
        string text = Encoding.UTF8.GetString(receiptBytes);
        await page.GotoAsync(app.BaseUrl + "/verify");
        await page.GetByTestId("verify-receipt").FillAsync(text);
        await page.GetByTestId("verify-submit").ClickAsync();
        Assert.Equal("true", await page.GetByTestId("receipt-check").GetAttributeAsync("data-verified"));
        Assert.Contains("57-101", await page.GetByTestId("verify-ballot").InnerTextAsync());
        await AxeCheck.AssertNoSeriousViolationsAsync(page);
        string forged = ChangeProofCharacter(text);
        await page.GetByTestId("verify-receipt").FillAsync(forged);
        await page.GetByTestId("verify-submit").ClickAsync();
        Assert.Equal("false", await page.GetByTestId("receipt-check").GetAttributeAsync("data-verified"));

        // Changing the vote while it is open (the lift vote allows it): both ballots stay in the
        // log, the later one counts.
        await page.GotoAsync($"{app.BaseUrl}/votes/{Lift}/ballot");
        Assert.Contains("您已投票：同意", await page.GetByTestId("already-voted").InnerTextAsync());
        await page.GetByLabel("反对").CheckAsync();
        await page.GetByTestId("ballot-next").ClickAsync();
        await Assertions.Expect(page.GetByTestId("confirm-choice")).ToContainTextAsync("您选择：反对");
        await page.GetByTestId("ballot-sign").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ballot-recorded")).ToBeVisibleAsync();
        long second = long.Parse(await page.GetByTestId("receipt-index").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        replay = VoteReplay.Replay(await app.DownloadLogAsync(Cancel), Lift);
        Assert.Equal(BallotDisposition.Ignored, replay.Ballots.Single(b => b.Position == index).Disposition);
        Assert.Equal(BallotDisposition.Counted, replay.Ballots.Single(b => b.Position == second).Disposition);
        (long yesChanged, long participatingChanged) = await LiveCountAsync();
        Assert.Equal(yesBefore, yesChanged);
        Assert.Equal(participatingAfter, participatingChanged);

        // The first receipt still proves its ballot, now shown as replaced.
        await page.GotoAsync($"{app.BaseUrl}/receipts/{index}");
        Assert.Contains("不计入结果", await page.GetByTestId("receipt-counts").InnerTextAsync());
    }

    [Fact]
    public async Task Owner_of_56_101_neither_sees_nor_votes_the_building_57_matter()
    {
        IPage page = await SignedInWithPasskeyAsync("56-101");

        await page.GotoAsync(app.BaseUrl + "/");
        Assert.DoesNotContain("57号楼电梯维修", await page.Locator("main").InnerTextAsync());
        await page.GotoAsync($"{app.BaseUrl}/votes/{Lift}");
        await Assertions.Expect(page.GetByTestId("not-your-vote")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByTestId("go-vote").CountAsync());
        await page.GotoAsync($"{app.BaseUrl}/votes/{Lift}/ballot");
        Assert.Equal("not-in-scope", await page.GetByTestId("ballot-refused").GetAttributeAsync("data-code"));

        int before = (await app.DownloadLogAsync(Cancel)).Count;
        IAPIResponse response = await page.Context.APIRequest.PostAsync($"{app.BaseUrl}/api/votes/{Lift}/ballot/options", new()
        {
            DataObject = new { answers = new Dictionary<string, string> { ["q1"] = "yes" } },
        });
        Assert.Equal(403, response.Status);
        Assert.Equal("not-in-scope", JsonDocument.Parse(await response.TextAsync()).RootElement.GetProperty("detail").GetString());
        Assert.Equal(before, (await app.DownloadLogAsync(Cancel)).Count);
    }

    [Fact]
    public async Task A_replayed_or_altered_ballot_assertion_is_refused_and_logs_nothing()
    {
        IPage page = await SignedInWithPasskeyAsync("57-201");
        string? submitted = null;
        page.Request += (_, r) => submitted = r.Url.EndsWith($"/api/votes/{Lift}/ballot", StringComparison.Ordinal) && r.Method == "POST" ? r.PostData : submitted;
        await page.GotoAsync($"{app.BaseUrl}/votes/{Lift}/ballot");
        await page.GetByLabel("弃权").CheckAsync();
        await page.GetByTestId("ballot-next").ClickAsync();
        await page.GetByTestId("ballot-sign").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ballot-recorded")).ToBeVisibleAsync();
        Assert.NotNull(submitted);
        int logged = (await app.DownloadLogAsync(Cancel)).Count;

        // The same body again: its prepared ballot was single use.
        Assert.Equal("unknown-ballot", await SubmitAsync(page, submitted!));

        // The same assertion under a freshly prepared ballot: it signed another challenge.
        var replay = JsonSerializer.Deserialize<Dictionary<string, string>>(submitted!)!;
        replay["handle"] = await FreshHandleAsync(page, "yes");
        Assert.Equal("challenge-mismatch", await SubmitAsync(page, JsonSerializer.Serialize(replay)));

        // An altered signature under a fresh ballot.
        var altered = JsonSerializer.Deserialize<Dictionary<string, string>>(submitted!)!;
        altered["handle"] = await FreshHandleAsync(page, "abstain");
        byte[] signature = Base64UrlText.TryDecode(altered["signature"], out byte[] s) ? s : throw new InvalidOperationException();
        signature[^1] ^= 0x01;
        altered["signature"] = Base64UrlText.Encode(signature);
        Assert.NotEqual("unknown-ballot", await SubmitAsync(page, JsonSerializer.Serialize(altered)));

        Assert.Equal(logged, (await app.DownloadLogAsync(Cancel)).Count);
    }

    private Task<IPage> SignedInWithPasskeyAsync(string unit) => OwnerSignIn.OwnerWithPasskeyAsync(browser, app, unit);

    private static async Task<string> FreshHandleAsync(IPage page, string choice)
    {
        IAPIResponse options = await page.Context.APIRequest.PostAsync($"{page.Url.Split("/receipts")[0]}/api/votes/{Lift}/ballot/options", new()
        {
            DataObject = new { answers = new Dictionary<string, string> { ["q1"] = choice } },
        });
        Assert.Equal(200, options.Status);
        return JsonDocument.Parse(await options.TextAsync()).RootElement.GetProperty("handle").GetString()!;
    }

    private static async Task<string> SubmitAsync(IPage page, string body)
    {
        IAPIResponse response = await page.Context.APIRequest.PostAsync($"{page.Url.Split("/receipts")[0]}/api/votes/{Lift}/ballot", new()
        {
            Data = body,
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        });
        Assert.Equal(400, response.Status);
        return JsonDocument.Parse(await response.TextAsync()).RootElement.GetProperty("detail").GetString()!;
    }

    private static string ChangeProofCharacter(string receipt)
    {
        string[] lines = receipt.Split('\n');
        int proofLine = Array.FindIndex(lines, l => l.StartsWith("index ", StringComparison.Ordinal)) + 1;
        char first = lines[proofLine][0];
        lines[proofLine] = (first == 'A' ? 'B' : 'A') + lines[proofLine][1..];
        return string.Join('\n', lines);
    }

    private async Task<(long YesHeads, long ParticipatingHeads)> LiveCountAsync()
    {
        using HttpClient client = app.CreateApiClient();
        JsonElement result = JsonDocument.Parse(await client.GetStringAsync($"/api/votes/{Lift}/result", Cancel)).RootElement;
        return (result.GetProperty("yes").GetProperty("heads").GetInt64(), result.GetProperty("participating").GetProperty("heads").GetInt64());
    }


    // Polls the address rather than waiting for a load event: a redirect after a form post can
    // finish before the wait starts.
    private static Task ArrivedAsync(IPage page, string url) =>
        Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = 15_000 });
}

/// <summary>On SQLite.</summary>
public sealed class SqliteVotingTests(SqliteApp app, Browser browser) : VotingTests(app, browser), IClassFixture<SqliteApp>;

/// <summary>On PostgreSQL (started by the fixture).</summary>
public sealed class PostgresVotingTests(PostgresApp app, Browser browser) : VotingTests(app, browser), IClassFixture<PostgresApp>;
