using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OwnersVote.Cli;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Issue 6 acceptance for proxies (Shanghai art. 18), in Chromium at 390×844 with a virtual
/// authenticator: an officer registers an owner's scanned paper mandate for the lift vote; a second
/// officer approves the proxy's invitation (two-person rule); the proxy — not an owner — sets up a
/// passkey, is refused until the cooling-off ends, then votes for the owner; the log holds
/// <c>ProxyGranted</c> with the scan's SHA-256 and the officer, the proxy's <c>CredentialEnrolled</c>
/// naming both officers, and the proxy's ballot; the result counts it as a proxy ballot; and
/// <c>ov verify --verbose</c> against the running server shows each of them.
/// </summary>
public sealed class ProxyTests(CoolingOffApp app, Browser browser) : IClassFixture<CoolingOffApp>
{
    private const string Lift = DemoSeeder.LiftVoteId;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_proxy_enrolled_at_the_desk_votes_for_the_owner_after_the_cooling_off_and_ov_verify_shows_it()
    {
        string[] officerCodes = await app.FreshOfficerCodesAsync(Cancel);
        UnitRow chosen = (await UnvotedSingleUnitOwnersAsync()).First();
        (string unit, string principal) = (chosen.Id, chosen.OwnerId);

        // The first officer registers the owner's signed paper mandate from its scan.
        byte[] scan = RandomNumberGenerator.GetBytes(2048);
        IPage first = await browser.NewPageAsync(390, 844);
        await SignInWithCodeAsync(first, officerCodes[0]);
        await ArrivedAsync(first, app.BaseUrl + "/desk/enrol");
        await first.GotoAsync(app.BaseUrl + "/desk/proxy");
        await first.Locator("#unit").FillAsync(unit);
        await first.Locator("#proxy-id").FillAsync("310101199001011234");
        await first.Locator("#vote").FillAsync(Lift);
        await first.Locator("#scan").SetInputFilesAsync(new FilePayload { Name = "mandate.png", MimeType = "image/png", Buffer = scan });
        await first.GetByTestId("proxy-register").ClickAsync();
        await Assertions.Expect(first.GetByTestId("proxy-registered")).ToContainTextAsync(unit);

        ProxyGranted granted = Assert.IsType<ProxyGranted>((await app.DownloadLogAsync(Cancel))[^1]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(scan)), granted.Scan);
        Assert.Equal("officer:demo-1", granted.Officer);
        Assert.Equal(Lift, granted.Mandate.Vote);
        Assert.DoesNotContain("310101199001011234", System.Text.Encoding.UTF8.GetString(EventCodec.Encode(granted)), StringComparison.Ordinal);

        // The second officer approves the proxy's invitation.
        IPage second = await browser.NewPageAsync(390, 844);
        await SignInWithCodeAsync(second, officerCodes[1]);
        await ArrivedAsync(second, app.BaseUrl + "/desk/enrol");
        await second.GotoAsync(app.BaseUrl + "/desk/approve");
        await second.GetByTestId($"desk-approve-{unit}").ClickAsync();
        string code = (await second.GetByTestId("letter-code").InnerTextAsync()).Trim();

        // The proxy signs in with it and sets up their own passkey.
        IPage proxy = await OwnerSignIn.WithPasskeyAsync(browser, app.BaseUrl, code);
        CredentialEnrolled enrolled = Assert.IsType<CredentialEnrolled>((await app.DownloadLogAsync(Cancel))[^1]);
        Assert.Equal(granted.Mandate.Proxy, enrolled.Owner);
        Assert.Equal(["officer:demo-1", "officer:demo-2"], enrolled.Officers);

        // Before the cooling-off ends the page says so and no ballot can be prepared.
        await proxy.GotoAsync($"{app.BaseUrl}/votes/{Lift}/ballot");
        await Assertions.Expect(proxy.GetByTestId("cooling-off")).ToContainTextAsync("起可以投票");
        await Assertions.Expect(proxy.GetByTestId("voting-as-proxy")).ToBeVisibleAsync();
        IAPIResponse early = await proxy.APIRequest.PostAsync($"{app.BaseUrl}/api/votes/{Lift}/ballot/options", new()
        {
            DataObject = new { answers = new Dictionary<string, string> { ["q1"] = "yes" } },
        });
        Assert.Equal(409, early.Status);
        Assert.Contains("no-passkey", await early.TextAsync(), StringComparison.Ordinal);

        TimeSpan wait = enrolled.ActiveFrom - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, Cancel);
        }

        // After it, the proxy votes for the owner.
        await proxy.GotoAsync($"{app.BaseUrl}/votes/{Lift}/ballot");
        await Assertions.Expect(proxy.GetByTestId("cooling-off")).ToHaveCountAsync(0);
        await Assertions.Expect(proxy.GetByTestId("ballot-covers")).ToContainTextAsync(unit);
        await proxy.GetByLabel("同意").CheckAsync();
        await proxy.GetByTestId("ballot-next").ClickAsync();
        await proxy.GetByTestId("ballot-sign").ClickAsync();
        await Assertions.Expect(proxy.GetByTestId("ballot-recorded")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        List<LedgerEvent> log = await app.DownloadLogAsync(Cancel);
        BallotCast cast = Assert.IsType<BallotCast>(log[^1]);
        Assert.Equal(principal, cast.Ballot.Principal);
        Assert.Equal(enrolled.CredentialId.ToArray(), cast.Assertion.CredentialId.ToArray());
        ReplayedBallot replayed = VoteReplay.Replay(log, Lift).Ballots[^1];
        Assert.Equal((BallotDisposition.Counted, granted.MandateId), (replayed.Disposition, replayed.Proxy));

        // The result says a counted ballot came from a proxy.
        IPage result = await browser.NewPageAsync(390, 844);
        await result.GotoAsync($"{app.BaseUrl}/votes/{Lift}/result");
        await Assertions.Expect(result.GetByTestId("by-proxy")).ToContainTextAsync("代理人代为投票 1 份");

        // ov verify against the running server recounts it and names each step.
        (int exit, string stdout, string stderr) = await Task.Run(() =>
        {
            using var output = new StringWriter { NewLine = "\n" };
            using var errors = new StringWriter { NewLine = "\n" };
            int status = Ov.Run(["verify", app.BaseUrl, "--verbose"], TextReader.Null, output, errors);
            return (status, output.ToString(), errors.ToString());
        }, Cancel);
        Assert.True(exit == 0, stderr);
        string proxyHash = granted.Mandate.Proxy[..12];
        int enrolledAt = log.FindIndex(e => e is CredentialEnrolled c && c.CredentialId.Span.SequenceEqual(enrolled.CredentialId.Span));
        int grantedAt = log.FindIndex(e => e is ProxyGranted g && g.MandateId == granted.MandateId);
        Assert.Contains($"entry {enrolledAt}: enrolment: owner {proxyHash} passkey", stdout, StringComparison.Ordinal);
        // The desk's approval of the proxy's invitation names both officers.
        int approvedAt = log.FindLastIndex(e => e is EnrolmentApproved a && a.Person == granted.Mandate.Proxy);
        Assert.True(approvedAt > grantedAt && approvedAt < enrolledAt);
        Assert.Contains($"entry {approvedAt}: enrolment approved: proxy {proxyHash} at unit {unit}, asked by officer:demo-1, approved by officer:demo-2", stdout, StringComparison.Ordinal);
        Assert.Contains($"entry {grantedAt}: proxy granted: mandate {granted.MandateId[..12]}, owner {granted.Mandate.Owner[..12]} to proxy {proxyHash}, for vote {Lift}, scan {granted.Scan![..12]} registered by officer:demo-1", stdout, StringComparison.Ordinal);
        Assert.Contains($"entry {log.Count - 1}: proxy ballot: principal {principal} under mandate {granted.MandateId[..12]}, counted", stdout, StringComparison.Ordinal);
        Assert.Matches($"  people: \\d+ enrolments \\(\\d+ revoked\\), 1 proxy mandates \\(0 revoked\\), 1 proxy ballots \\(1 counted\\), \\d+ custodial ballots", stdout);
    }

    [Fact]
    public async Task Two_officers_cast_a_custodial_ballot_the_owner_gets_a_printed_receipt_and_ov_verify_shows_it()
    {
        string[] officerCodes = await app.FreshOfficerCodesAsync(Cancel);
        UnitRow chosen = (await UnvotedSingleUnitOwnersAsync()).Last();
        (string unit, string principal) = (chosen.Id, chosen.OwnerId);

        // The first officer enters the present owner's choice.
        IPage first = await browser.NewPageAsync(390, 844);
        await SignInWithCodeAsync(first, officerCodes[0]);
        await ArrivedAsync(first, app.BaseUrl + "/desk/enrol");
        await first.GotoAsync($"{app.BaseUrl}/desk/custodial?vote={Lift}");
        await first.Locator("#unit").FillAsync(unit);
        await first.GetByLabel("同意").CheckAsync();
        await first.GetByTestId("custodial-enter").ClickAsync();
        // Without confirming the owner's presence nothing is entered.
        await Assertions.Expect(first.GetByTestId("custodial-refused")).ToContainTextAsync("本人在场");
        await first.Locator("#unit").FillAsync(unit);
        await first.GetByLabel("同意").CheckAsync();
        await first.GetByLabel("业主本人在场，我已核对其身份证件，以上是业主本人的选择").CheckAsync();
        await first.GetByTestId("custodial-enter").ClickAsync();
        await Assertions.Expect(first.GetByTestId("custodial-entered")).ToContainTextAsync(unit);

        // Two-person rule: the same officer cannot confirm.
        await first.GotoAsync(app.BaseUrl + "/desk/custodial/confirm");
        await first.GetByTestId($"custodial-confirm-{unit}").ClickAsync();
        await Assertions.Expect(first.GetByTestId("custodial-refused")).ToContainTextAsync("两人规则");

        // The second officer confirms: the ballot is logged, named for both.
        IPage second = await browser.NewPageAsync(390, 844);
        await SignInWithCodeAsync(second, officerCodes[1]);
        await ArrivedAsync(second, app.BaseUrl + "/desk/enrol");
        await second.GotoAsync(app.BaseUrl + "/desk/custodial/confirm");
        await second.GetByTestId($"custodial-confirm-{unit}").ClickAsync();
        await Assertions.Expect(second.GetByTestId("custodial-confirmed")).ToContainTextAsync("计入结果");
        List<LedgerEvent> log = await app.DownloadLogAsync(Cancel);
        int index = log.FindLastIndex(e => e is CustodialBallotCast);
        CustodialBallotCast cast = Assert.IsType<CustodialBallotCast>(log[index]);
        Assert.Equal((principal, "officer:demo-1", "officer:demo-2"), (cast.Principal, cast.EnteredBy, cast.ConfirmedBy));
        Assert.Equal(BallotDisposition.Counted, VoteReplay.Replay(log, Lift).Ballots.Single(b => b.Position == index).Disposition);

        // The owner's printed receipt: a PDF for that entry.
        IAPIResponse pdf = await second.APIRequest.GetAsync($"{app.BaseUrl}/desk/custodial/{index}/receipt.pdf");
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await pdf.BodyAsync())[..5]), StringComparison.Ordinal);
        string notice = (await File.ReadAllLinesAsync(app.OutboxFile, Cancel))[^1];
        Assert.Contains("custodial-ballot", notice, StringComparison.Ordinal);
        Assert.Contains(cast.Owner, notice, StringComparison.Ordinal);

        (int exit, string stdout, string stderr) = await Task.Run(() =>
        {
            using var output = new StringWriter { NewLine = "\n" };
            using var errors = new StringWriter { NewLine = "\n" };
            int status = Ov.Run(["verify", app.BaseUrl, "--verbose"], TextReader.Null, output, errors);
            return (status, output.ToString(), errors.ToString());
        }, Cancel);
        Assert.True(exit == 0, stderr);
        Assert.Contains($"entry {index}: custodial ballot: principal {principal}, entered by officer:demo-1, confirmed by officer:demo-2, counted", stdout, StringComparison.Ordinal);
        Assert.Matches("custodial\\), \\d+ counted", stdout);
    }


    // Owners in the lift vote's scope (building 57) who have not voted yet, with one unit each, by unit id.
    private async Task<List<UnitRow>> UnvotedSingleUnitOwnersAsync()
    {
        using IServiceScope scope = app.Services.CreateScope();
        OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
        List<UnitRow> roll = await db.Units.AsNoTracking().Where(u => u.VoteId == Lift && u.BuildingId == "57").ToListAsync(Cancel);
        HashSet<string> voted = [.. await db.Ballots.AsNoTracking().Where(b => b.MatterId == Lift).Select(b => b.OwnerId).ToListAsync(Cancel)];
        return [.. roll.Where(u => !voted.Contains(u.OwnerId) && roll.Count(r => r.OwnerId == u.OwnerId) == 1 && u.OwnerId != OwnersVote.Voting.OwnerId.DeveloperValue)
            .OrderBy(u => u.Id, StringComparer.Ordinal)];
    }

    private Task SignInWithCodeAsync(IPage page, string code) => OwnerSignIn.WithCodeAsync(page, app.BaseUrl, code);

    private static Task ArrivedAsync(IPage page, string url) =>
        Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = 15_000 });
}
