using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OwnersVote.Cli;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;

namespace OwnersVote.EndToEnd;

/// <summary>
/// The owner's online mandate (Shanghai art. 18; docs/proxies.md), in Chromium at 390×844 with CDP
/// virtual authenticators: an owner of building 57 names an owner of building 56 as proxy from the
/// roll, reads the mandate and signs it with the passkey; revokes it before the proxy votes (the
/// proxy is refused); signs a period mandate; the proxy votes for the owner and the ballot counts
/// under it; the owner revokes it (the proxy's earlier ballot stands, the ballot page refuses him);
/// <c>ov verify --verbose</c> passes and lists each mandate and revocation.
/// </summary>
public sealed class OnlineMandateTests(SqliteApp app, Browser browser) : IClassFixture<SqliteApp>
{
    private const string Lift = DemoSeeder.LiftVoteId;

    // An owner of building 56: outside the lift vote's scope, so on its ballot page they can only act as a proxy.
    private const string ProxyUnit = "56-101";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_owner_signs_a_mandate_online_the_proxy_votes_for_them_ov_verify_passes_and_revocation_takes_effect()
    {
        string unit;
        string principal;
        string proxyHash;
        using (IServiceScope scope = app.Services.CreateScope())
        {
            OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
            List<UnitRow> roll = await db.Units.AsNoTracking().Where(u => u.VoteId == Lift && u.BuildingId == "57").ToListAsync(Cancel);
            HashSet<string> voted = [.. await db.Ballots.AsNoTracking().Where(b => b.MatterId == Lift).Select(b => b.OwnerId).ToListAsync(Cancel)];
            UnitRow chosen = roll.Where(u => !voted.Contains(u.OwnerId) && roll.Count(r => r.OwnerId == u.OwnerId) == 1 && u.OwnerId != OwnersVote.Voting.OwnerId.DeveloperValue)
                .OrderBy(u => u.Id, StringComparer.Ordinal).First();
            (unit, principal) = (chosen.Id, chosen.OwnerId);
            proxyHash = await db.Units.AsNoTracking().Where(u => u.VoteId == Lift && u.Id == ProxyUnit).Select(u => u.OwnerHash).SingleAsync(Cancel);
        }

        IPage owner = await OwnerSignIn.OwnerWithPasskeyAsync(browser, app, unit);
        IPage proxy = await OwnerSignIn.OwnerWithPasskeyAsync(browser, app, ProxyUnit);

        // A mandate for the lift vote, read in plain words and signed with the owner's passkey.
        ProxyGranted forVote = await SignMandateAsync(owner, vote: Lift, from: null, until: null, unit);
        Assert.Equal((Lift, proxyHash, "owner:" + forVote.Mandate.Owner), (forVote.Mandate.Vote, forVote.Mandate.Proxy, forVote.Actor));
        Assert.Null(forVote.Scan);
        Assert.NotNull(forVote.Assertion);
        await proxy.GotoAsync($"{app.BaseUrl}/votes/{Lift}/ballot");
        await Assertions.Expect(proxy.GetByTestId("voting-as-proxy")).ToBeVisibleAsync();
        await Assertions.Expect(proxy.GetByTestId("ballot-covers")).ToContainTextAsync(unit);

        // Revoked online before the proxy votes: in the log, and the proxy may no longer vote for the owner.
        await RevokeAsync(owner, forVote.MandateId);
        ProxyRevoked revoked = Assert.IsType<ProxyRevoked>((await app.DownloadLogAsync(Cancel))[^1]);
        Assert.Equal((forVote.MandateId, forVote.Mandate.Owner, (string?)null), (revoked.Mandate, revoked.Owner, revoked.Officer));
        await proxy.GotoAsync($"{app.BaseUrl}/votes/{Lift}/ballot");
        await Assertions.Expect(proxy.GetByTestId("voting-as-proxy")).ToHaveCountAsync(0);
        IAPIResponse refused = await proxy.APIRequest.PostAsync($"{app.BaseUrl}/api/votes/{Lift}/ballot/options", new()
        {
            DataObject = new { answers = new Dictionary<string, string> { ["q1"] = "yes" } },
        });
        Assert.Equal(403, refused.Status);

        // A period mandate (Beijing time on the form): the proxy votes for the owner under it.
        DateTimeOffset beijing = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        ProxyGranted forPeriod = await SignMandateAsync(owner, vote: null, from: beijing.AddHours(-1), until: beijing.AddDays(2), unit);
        Assert.Null(forPeriod.Mandate.Vote);
        Assert.True(forPeriod.Mandate.From < DateTimeOffset.UtcNow && DateTimeOffset.UtcNow < forPeriod.Mandate.Until);
        await proxy.GotoAsync($"{app.BaseUrl}/votes/{Lift}/ballot");
        await Assertions.Expect(proxy.GetByTestId("voting-as-proxy")).ToBeVisibleAsync();
        await proxy.GetByLabel("同意").CheckAsync();
        await proxy.GetByTestId("ballot-next").ClickAsync();
        await proxy.GetByTestId("ballot-sign").ClickAsync();
        await Assertions.Expect(proxy.GetByTestId("ballot-recorded")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        List<LedgerEvent> log = await app.DownloadLogAsync(Cancel);
        BallotCast cast = Assert.IsType<BallotCast>(log[^1]);
        Assert.Equal(principal, cast.Ballot.Principal);
        ReplayedBallot replayed = VoteReplay.Replay(log, Lift).Ballots[^1];
        Assert.Equal((BallotDisposition.Counted, forPeriod.MandateId), (replayed.Disposition, replayed.Proxy));

        // Revoking the period mandate now: the ballot cast before stands, the proxy's ballot page refuses him.
        await RevokeAsync(owner, forPeriod.MandateId);
        await proxy.GotoAsync($"{app.BaseUrl}/votes/{Lift}/ballot");
        await Assertions.Expect(proxy.GetByTestId("voting-as-proxy")).ToHaveCountAsync(0);
        log = await app.DownloadLogAsync(Cancel);
        Assert.IsType<ProxyRevoked>(log[^1]);
        Assert.Equal(BallotDisposition.Counted, VoteReplay.Replay(log, Lift).Ballots.Single(b => b.Proxy == forPeriod.MandateId).Disposition);

        // ov verify against the running server checks both signatures and lists each step.
        (int exit, string stdout, string stderr) = await Task.Run(() =>
        {
            using var output = new StringWriter { NewLine = "\n" };
            using var errors = new StringWriter { NewLine = "\n" };
            int status = Ov.Run(["verify", app.BaseUrl, "--verbose"], TextReader.Null, output, errors);
            return (status, output.ToString(), errors.ToString());
        }, Cancel);
        Assert.True(exit == 0, stderr);
        Assert.Contains($"proxy granted: mandate {forVote.MandateId[..12]}, owner {forVote.Mandate.Owner[..12]} to proxy {proxyHash[..12]}, for vote {Lift}, signed online by the owner", stdout, StringComparison.Ordinal);
        Assert.Contains($"proxy granted: mandate {forPeriod.MandateId[..12]}, owner {forPeriod.Mandate.Owner[..12]} to proxy {proxyHash[..12]}, from ", stdout, StringComparison.Ordinal);
        Assert.Contains($"proxy revoked: mandate {forVote.MandateId[..12]} by the owner online", stdout, StringComparison.Ordinal);
        Assert.Contains($"proxy revoked: mandate {forPeriod.MandateId[..12]} by the owner online", stdout, StringComparison.Ordinal);
        Assert.Contains($"proxy ballot: principal {principal} under mandate {forPeriod.MandateId[..12]}, counted", stdout, StringComparison.Ordinal);
        // Every mandate in the log concerns the lift vote (the other tests' ones too); only these two are revoked.
        int mandates = log.Count(e => e is ProxyGranted);
        Assert.Contains($" {mandates} proxy mandates (2 revoked), 1 proxy ballots (1 counted)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mandate_names_neither_the_owner_nor_an_unknown_unit_and_a_tampered_signature_logs_nothing()
    {
        IPage owner = await OwnerSignIn.OwnerWithPasskeyAsync(browser, app, "57-301");
        await owner.GotoAsync(app.BaseUrl + "/proxies/grant");
        await owner.Locator("#proxy-unit").FillAsync("57-301");
        await owner.Locator("#vote").SelectOptionAsync(Lift);
        await owner.GetByTestId("mandate-prepare").ClickAsync();
        await Assertions.Expect(owner.GetByTestId("proxy-refused")).ToContainTextAsync("不能是业主本人");
        await owner.Locator("#proxy-unit").FillAsync("99-999");
        await owner.Locator("#vote").SelectOptionAsync(Lift);
        await owner.GetByTestId("mandate-prepare").ClickAsync();
        await Assertions.Expect(owner.GetByTestId("proxy-refused")).ToContainTextAsync("名册上没有");

        // A signature over another challenge than the prepared mandate's is refused and logs nothing.
        await owner.Locator("#proxy-unit").FillAsync(ProxyUnit);
        await owner.Locator("#vote").SelectOptionAsync(Lift);
        await owner.GetByTestId("mandate-prepare").ClickAsync();
        // The sign button always carries its handle (Grant.cshtml).
        string handle = (await owner.GetByTestId("mandate-sign").GetAttributeAsync("data-handle"))!;
        List<LedgerEvent> log = await app.DownloadLogAsync(Cancel);
        CredentialEnrolled mine = (CredentialEnrolled)log.Last(e => e is CredentialEnrolled);
        string credentialId = OwnersVote.Voting.Signing.Base64UrlText.Encode(mine.CredentialId.Span);
        IAPIResponse forged = await owner.APIRequest.PostAsync(app.BaseUrl + "/api/proxies/mandate", new()
        {
            DataObject = new { handle, credentialId, authenticatorData = "AAAA", clientDataJson = "AAAA", signature = "AAAA" },
        });
        Assert.Equal(400, forged.Status);
        Assert.Contains("BadSignature", await forged.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(log.Count, (await app.DownloadLogAsync(Cancel)).Count);
    }

    [Fact]
    public async Task A_proxy_named_by_ID_number_gets_an_invitation_only_from_two_officers_at_the_desk()
    {
        const string ProxyIdNumber = "11010519491231002X";
        IPage owner = await OwnerSignIn.OwnerWithPasskeyAsync(browser, app, "57-302");
        await owner.GotoAsync(app.BaseUrl + "/proxies/grant");
        await owner.Locator("#proxy-id").FillAsync("110105194912310021");
        await owner.Locator("#vote").SelectOptionAsync(Lift);
        await owner.GetByTestId("mandate-prepare").ClickAsync();
        // GB 11643: a number whose check character is wrong names nobody.
        await Assertions.Expect(owner.GetByTestId("proxy-refused")).ToContainTextAsync("身份证号");
        await owner.Locator("#proxy-id").FillAsync(ProxyIdNumber.ToLowerInvariant());
        await owner.Locator("#vote").SelectOptionAsync(Lift);
        await owner.GetByTestId("mandate-prepare").ClickAsync();
        await Assertions.Expect(owner.GetByTestId("mandate-text")).ToContainTextAsync("身份证号末四位为 002X 的人");
        await owner.GetByTestId("mandate-sign").ClickAsync();
        await Assertions.Expect(owner.GetByTestId("mandate-invite")).ToContainTextAsync("两位工作人员");
        ProxyGranted granted = Assert.IsType<ProxyGranted>((await app.DownloadLogAsync(Cancel))[^1]);

        using IServiceScope scope = app.Services.CreateScope();
        OwnersVote.Web.Features.Proxies.ProxyDesk desk = scope.ServiceProvider.GetRequiredService<OwnersVote.Web.Features.Proxies.ProxyDesk>();
        Assert.Equal(granted.Mandate.Proxy, await desk.PersonHashAsync(ProxyIdNumber, Cancel));
        var first = new OwnersVote.Web.Features.SignIn.OwnerSession(DemoSeeder.CompoundId, "officer", null, "officer:demo-1");
        var second = new OwnersVote.Web.Features.SignIn.OwnerSession(DemoSeeder.CompoundId, "officer", null, "officer:demo-2");
        // Another person's ID number, or another owner's unit, matches no mandate.
        Assert.Equal(OwnersVote.Web.Features.Proxies.ProxyRefusal.Unknown, (await desk.RequestInvitationAsync(first, "57-302", "110105194912310011", Cancel)).Refused);
        Assert.Equal(OwnersVote.Web.Features.Proxies.ProxyRefusal.Unknown, (await desk.RequestInvitationAsync(first, ProxyUnit, ProxyIdNumber, Cancel)).Refused);
        (OwnersVote.Web.Features.Desk.PendingDeskEnrolment? pending, _) = await desk.RequestInvitationAsync(first, "57-302", ProxyIdNumber, Cancel);
        Assert.NotNull(pending);
        OwnersVote.Web.Features.Desk.DeskEnrolments enrolments = scope.ServiceProvider.GetRequiredService<OwnersVote.Web.Features.Desk.DeskEnrolments>();
        Assert.Equal(OwnersVote.Web.Features.Desk.DeskRefusal.SameOfficer, (await enrolments.ApproveAsync(first, pending.Id, app.BaseUrl + "/signin", Cancel)).Refused);
        Assert.NotNull((await enrolments.ApproveAsync(second, pending.Id, app.BaseUrl + "/signin", Cancel)).Letter);
        EnrolmentApproved approved = Assert.IsType<EnrolmentApproved>((await app.DownloadLogAsync(Cancel))[^1]);
        Assert.Equal((granted.Mandate.Proxy, true, "officer:demo-1", "officer:demo-2"), (approved.Person, approved.ForProxy, approved.RequestedBy, approved.ApprovedBy));
    }

    private async Task<ProxyGranted> SignMandateAsync(IPage owner, string? vote, DateTimeOffset? from, DateTimeOffset? until, string unit)
    {
        await owner.GotoAsync(app.BaseUrl + "/proxies");
        await owner.GetByTestId("mandate-new").ClickAsync();
        await owner.Locator("#proxy-unit").FillAsync(ProxyUnit);
        await owner.Locator("#vote").SelectOptionAsync(vote ?? "");
        if (from is { } f && until is { } u)
        {
            await owner.Locator("#from").FillAsync(f.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
            await owner.Locator("#until").FillAsync(u.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        }

        await owner.GetByTestId("mandate-prepare").ClickAsync();
        // The mandate in plain words: who, for whom, for what, and how to withdraw it.
        ILocator text = owner.GetByTestId("mandate-text");
        await Assertions.Expect(text).ToContainTextAsync($"委托人：{unit} 的业主（本人）");
        await Assertions.Expect(text).ToContainTextAsync($"受托人：{ProxyUnit} 的业主");
        await Assertions.Expect(text).ToContainTextAsync(vote is null ? "期间进行的表决中投票" : "57号楼电梯维修");
        await Assertions.Expect(text).ToContainTextAsync("随时撤销");
        await owner.GetByTestId("mandate-sign").ClickAsync();
        await Assertions.Expect(owner.GetByTestId("mandate-granted")).ToBeVisibleAsync();
        long index = long.Parse(new Uri(owner.Url).Query.Split('=')[1], CultureInfo.InvariantCulture);
        List<LedgerEvent> log = await app.DownloadLogAsync(Cancel);
        Assert.Equal(log.Count - 1, index);
        return Assert.IsType<ProxyGranted>(log[^1]);
    }

    private async Task RevokeAsync(IPage owner, string mandate)
    {
        await owner.GotoAsync(app.BaseUrl + "/proxies");
        await owner.Locator($"form:has(input[name=mandate][value='{mandate}'])").GetByTestId("proxy-revoke").ClickAsync();
        await Assertions.Expect(owner.GetByTestId("proxy-revoked")).ToBeVisibleAsync();
    }
}
