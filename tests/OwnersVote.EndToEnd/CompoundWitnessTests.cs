using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OwnersVote.Cli;
using OwnersVote.Ledger;
using OwnersVote.Ledger.Http;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.Ballots;
using OwnersVote.Web.Features.SignIn;
using OwnersVote.Web.Ledger;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Issue 8, per-compound witnesses on one log per deployment (docs/operations.md): two compounds
/// on one server, each with its own <c>ov witness</c> process on a loopback port besides the
/// deployment's witnesses. Each compound's ballot receipts carry its witness's cosignature;
/// stopping compound B's witness holds B's receipts (503, fetched again once it is back) but not
/// A's; and B's witness, shown a fork, refuses the real log, which holds B's receipts again. The
/// receipt page an owner lands on after casting and the custodial printed receipt hold too, in
/// words, in Chromium at 390 px.
/// </summary>
public sealed class CompoundWitnessTests(Browser browser) : IAsyncLifetime
{
    private const string Origin = "localhost/log";
    private const string A = DemoSeeder.CompoundId;
    private const string B = SecondDemoCompound.CompoundId;

    private readonly string _folder = Directory.CreateTempSubdirectory("ov-e2e-compound-witness-").FullName;
    private readonly int _portA = FreePort();
    private readonly int _portB = FreePort();
    private NoteSigner _logSigner = null!; // Set by InitializeAsync.
    private CosignatureVerifier _keyA = null!; // Set by InitializeAsync.
    private CosignatureVerifier _keyB = null!; // Set by InitializeAsync.

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        string logKey = NoteSigner.Generate(Origin).SignerKey;
        await File.WriteAllTextAsync(Path.Combine(_folder, "log.key"), logKey + "\n", Cancel);
        _logSigner = NoteSigner.Parse(logKey);
        _keyA = await WitnessKeyAsync("a.witness", "committee-a.example/witness");
        _keyB = await WitnessKeyAsync("b.witness", "committee-b.example/witness");
    }

    public ValueTask DisposeAsync()
    {
        _logSigner.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Each_compound_gets_receipts_only_with_its_own_witness_and_an_outage_of_one_holds_only_its_receipts()
    {
        WitnessProcess witnessA = await StartWitnessAAsync();
        WitnessProcess witnessB = await StartWitnessBAsync();
        try
        {
            await using CompoundWitnessApp app = NewApp();
            await app.InitializeAsync();
            EventLog log = app.Services.GetRequiredService<EventLog>();
            // The deployment keeps its own witnesses (the demo's two) and their quorum.
            Assert.Equal(2, log.WitnessQuorum);

            using var client = app.CreateApiClient();
            Assert.Equal($"quorum 1\n{_keyB.VerifierKey}\n", await client.GetStringAsync($"/log/witnesses?compound={B}", Cancel));
            Assert.Equal($"quorum 1\n{_keyA.VerifierKey}\n", await client.GetStringAsync($"/log/witnesses?compound={A}", Cancel));
            Assert.DoesNotContain(_keyA.VerifierKey, await client.GetStringAsync("/log/witnesses", Cancel), StringComparison.Ordinal);
            string pageB = WebUtility.HtmlDecode(await client.GetStringAsync($"/transparency?compound={B}", Cancel));
            Assert.Contains(_keyB.VerifierKey, pageB, StringComparison.Ordinal);
            Assert.DoesNotContain(_keyA.VerifierKey, pageB, StringComparison.Ordinal);

            using Voter ownerA = await Voter.EnrolAsync(app, A, DemoSeeder.LiftVoteId, "57-101", ["officer:demo-1", "officer:demo-2"]);
            using Voter ownerB = await Voter.EnrolAsync(app, B, SecondDemoCompound.VoteId, "1-101", [SecondDemoCompound.Officer, SecondDemoCompound.SecondOfficer]);

            // Both witnesses up: each compound's receipt carries its own witness's cosignature.
            Assert.True(CosignedBy(await ownerA.CastReceiptAsync(), _keyA));
            Assert.True(CosignedBy(await ownerB.CastReceiptAsync(), _keyB));
            (int code, string stdout, string stderr) = await VerifyAsync(app.BaseUrl, "--compound", B);
            Assert.True(code == 0, stderr);
            Assert.Contains($"cosigned for compound {B} by committee-b.example/witness", stdout, StringComparison.Ordinal);

            // B's witness stops: A's receipts still come, B's ballot stands in the log but its
            // receipt is held, with the reason and where to fetch it.
            long stoppedAt = log.TreeSize;
            await witnessB.StopAsync();
            byte[] receiptA = await ownerA.CastReceiptAsync();
            Assert.True(CosignedBy(receiptA, _keyA));
            Assert.False(CosignedBy(receiptA, _keyB));
            using HttpResponseMessage held = await ownerB.CastAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, held.StatusCode);
            JsonObject problem = JsonNode.Parse(await held.Content.ReadAsStringAsync(Cancel))!.AsObject();
            Assert.Equal(BallotApi.ReceiptHeldType, problem["type"]!.GetValue<string>());
            string detail = problem["detail"]!.GetValue<string>();
            Assert.Contains($"compound {B}'s 1 required witness cosignatures (not cosigned: 清溪花园业委会)", detail, StringComparison.Ordinal);
            long heldIndex = long.Parse(System.Text.RegularExpressions.Regex.Match(detail, @"at index (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.IsType<BallotCast>(EventCodec.Decode((await EntryReader.ReadAsync(log.Store, heldIndex, log.TreeSize, Cancel))!));
            using (HttpResponseMessage again = await client.GetAsync($"/api/receipts/{heldIndex}", Cancel))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
                Assert.Equal("5", again.Headers.GetValues("Retry-After").Single());
            }

            (code, _, stderr) = await VerifyAsync(app.BaseUrl, "--compound", B);
            Assert.Equal(1, code);
            Assert.Contains($"0 of compound {B}'s 1 required witness cosignature(s)", stderr, StringComparison.Ordinal);

            // Back with its state: the held receipt is given, cosigned by it, from the size it remembered.
            witnessB = await StartWitnessBAsync();
            byte[] late = await client.GetByteArrayAsync($"/api/receipts/{heldIndex}", Cancel);
            Assert.True(CosignedBy(late, _keyB));
            Assert.Equal(heldIndex, Receipt.Parse(late).Index);
            await witnessB.WaitForLineAsync(l => l.Contains(string.Create(CultureInfo.InvariantCulture, $"old {stoppedAt} size "), StringComparison.Ordinal) && l.EndsWith(": 200 cosigned", StringComparison.Ordinal));

            // A fork shown to B's witness (by whoever holds the log key) is cosigned first...
            List<Hash> leaves = [];
            await LogAuditor.AuditAsync(log.Store, log.Verifier, [], 0, (_, entry) => leaves.Add(Merkle.HashLeaf(entry.ToArray())), Cancel);
            List<Hash> forked = [.. leaves, Merkle.HashLeaf(Encoding.UTF8.GetBytes("an entry compound B's owners never see"))];
            byte[] fork = new Checkpoint(Origin, forked.Count, Merkle.Root(forked)).Sign(_logSigner);
            using (var transport = new HttpWitnessTransport())
            {
                WitnessResponse forkCosigned = await transport.AddCheckpointAsync(
                    new WitnessEndpoint(new Uri($"http://127.0.0.1:{_portB}/"), _keyB),
                    new AddCheckpointRequest(leaves.Count, ConsistencyProof.Create(leaves.Count, forked.Count, new ExternalWitnessTests.LeafHashSource(forked)), fork).Format(),
                    Cancel);
                Assert.Equal(200, forkCosigned.StatusCode);
            }

            // ...so the real log's next checkpoint is refused by it: B's receipts are held, A's are not.
            using HttpResponseMessage refused = await ownerB.CastAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Contains("409", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
            await witnessB.WaitForLineAsync(l => l.Contains(string.Create(CultureInfo.InvariantCulture, $"size {forked.Count}: 409 checkpoint root differs"), StringComparison.Ordinal));
            Assert.True(CosignedBy(await ownerA.CastReceiptAsync(), _keyA));
        }
        finally
        {
            await witnessA.StopAsync();
            await witnessB.StopAsync();
        }
    }

    [Fact]
    public async Task While_a_compounds_witness_is_down_its_receipt_page_and_printed_receipt_wait_in_words_then_follow()
    {
        WitnessProcess witnessA = await StartWitnessAAsync();
        WitnessProcess witnessB = await StartWitnessBAsync();
        try
        {
            await using CompoundWitnessApp app = NewApp();
            await app.InitializeAsync();
            EventLog log = app.Services.GetRequiredService<EventLog>();
            string code;
            using (IServiceScope scope = app.Services.CreateScope())
            {
                code = scope.ServiceProvider.GetRequiredService<SecondDemoCompound>().Accounts.Single(a => a.UnitId == "1-101").InvitationCode;
            }

            // The owner of 1-101 in compound B signs in with the letter code and sets up a passkey.
            IPage owner = await OwnerSignIn.WithPasskeyAsync(browser, app.BaseUrl, code);
            await witnessB.StopAsync();

            // B's witness is down: the owner votes; the ballot is in the log, and the page they
            // land on (step ⑤) says so in words, names the missing witness and gives no receipt.
            await owner.GotoAsync($"{app.BaseUrl}/votes/{SecondDemoCompound.VoteId}/ballot");
            await owner.GetByLabel("同意").CheckAsync();
            await owner.GetByTestId("ballot-next").ClickAsync();
            await owner.GetByTestId("ballot-sign").ClickAsync();
            await Assertions.Expect(owner.GetByTestId("receipt-held")).ToBeVisibleAsync();
            System.Text.RegularExpressions.Match landed = System.Text.RegularExpressions.Regex.Match(owner.Url, @"/receipts/(\d+)\?cast=true$");
            Assert.True(landed.Success, owner.Url);
            long index = long.Parse(landed.Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.IsType<BallotCast>(EventCodec.Decode((await EntryReader.ReadAsync(log.Store, index, log.TreeSize, Cancel))!));
            Assert.Contains($"已经记入公开日志，是第 {index} 条", await owner.GetByTestId("receipt-held").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("not cosigned: 清溪花园业委会", await owner.GetByTestId("receipt-held-detail").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal("status", await owner.GetByTestId("receipt-held").GetAttributeAsync("role"));
            Assert.Contains("第 5 步，共 5 步", await owner.GetByTestId("steps").InnerTextAsync(), StringComparison.Ordinal);
            await Assertions.Expect(owner.GetByTestId("ballot-recorded")).ToBeVisibleAsync();
            await Assertions.Expect(owner.GetByTestId("receipt-text")).ToHaveCountAsync(0);
            await Assertions.Expect(owner.GetByTestId("receipt-download")).ToHaveCountAsync(0);
            await Assertions.Expect(owner.GetByTestId("receipt-check")).ToHaveCountAsync(0);
            // A person reads it: 200, not the API's 503, with Retry-After for whoever asks again.
            IAPIResponse heldPage = await owner.Context.APIRequest.GetAsync(owner.Url);
            Assert.Equal(200, heldPage.Status);
            Assert.Equal("5", heldPage.Headers["retry-after"]);
            Assert.DoesNotContain("c2sp.org/tlog-proof", await heldPage.TextAsync(), StringComparison.Ordinal);
            await AxeCheck.AssertNoSeriousViolationsAsync(owner, 390);
            // The same in English.
            await owner.GotoAsync($"{app.BaseUrl}/language/en?returnUrl={Uri.EscapeDataString($"/receipts/{index}?cast=true")}");
            Assert.Contains($"This ballot is recorded in the public log as entry {index}", await owner.GetByTestId("receipt-held").InnerTextAsync(), StringComparison.Ordinal);
            await Assertions.Expect(owner.GetByTestId("receipt-text")).ToHaveCountAsync(0);
            await AxeCheck.AssertNoSeriousViolationsAsync(owner, 390);

            // Two of B's officers cast a custodial ballot for the owner of 1-102: it is in the log,
            // but its printed receipt waits for the witness, said in words at the desk.
            IPage first = await browser.NewPageAsync(390, 844);
            await SessionCookies.SignInAsync(first, app, new OwnerSession(B, Roles.Officer, null, SecondDemoCompound.Officer));
            await first.GotoAsync($"{app.BaseUrl}/desk/custodial?vote={SecondDemoCompound.VoteId}");
            await first.Locator("#unit").FillAsync("1-102");
            await first.GetByLabel("同意").CheckAsync();
            await first.GetByLabel("业主本人在场，我已核对其身份证件，以上是业主本人的选择").CheckAsync();
            await first.GetByTestId("custodial-enter").ClickAsync();
            await Assertions.Expect(first.GetByTestId("custodial-entered")).ToContainTextAsync("1-102");
            IPage second = await browser.NewPageAsync(390, 844);
            await SessionCookies.SignInAsync(second, app, new OwnerSession(B, Roles.Officer, null, SecondDemoCompound.SecondOfficer));
            await second.GotoAsync(app.BaseUrl + "/desk/custodial/confirm");
            await second.GetByTestId("custodial-confirm-1-102").ClickAsync();
            await Assertions.Expect(second.GetByTestId("custodial-confirmed")).ToBeVisibleAsync();
            long custodial = long.Parse((await second.GetByTestId("custodial-confirmed").GetAttributeAsync("data-index"))!, CultureInfo.InvariantCulture);
            Assert.IsType<CustodialBallotCast>(EventCodec.Decode((await EntryReader.ReadAsync(log.Store, custodial, log.TreeSize, Cancel))!));
            await AssertCustodialHeldAsync(second, custodial);
            // Printing anyway leads to the same words, not an error.
            IResponse? printed = await second.GotoAsync($"{app.BaseUrl}/desk/custodial/{custodial}/receipt.pdf");
            Assert.Equal(200, printed!.Status);
            Assert.EndsWith($"/desk/custodial/confirm?receipt={custodial}", second.Url, StringComparison.Ordinal);
            await AssertCustodialHeldAsync(second, custodial);
            // Another compound's officer learns nothing of it.
            IPage other = await browser.NewPageAsync(390, 844);
            await SessionCookies.SignInAsync(other, app, new OwnerSession(A, Roles.Officer, null, "officer:demo-1"));
            Assert.Equal(404, (await other.GotoAsync($"{app.BaseUrl}/desk/custodial/confirm?receipt={custodial}"))!.Status);
            Assert.Equal(404, (await other.Context.APIRequest.GetAsync($"{app.BaseUrl}/desk/custodial/{custodial}/receipt.pdf")).Status);

            // B's witness is back: the owner's page, left open, shows the receipt by itself,
            // cosigned by B's witness, with its download.
            witnessB = await StartWitnessBAsync();
            await Assertions.Expect(owner.GetByTestId("receipt-text")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await Assertions.Expect(owner.GetByTestId("receipt-held")).ToHaveCountAsync(0);
            await Assertions.Expect(owner.GetByTestId("receipt-download")).ToBeVisibleAsync();
            Assert.Equal("true", await owner.GetByTestId("receipt-check").GetAttributeAsync("data-verified"));
            Assert.Equal(index.ToString(CultureInfo.InvariantCulture), (await owner.GetByTestId("receipt-index").InnerTextAsync()).Trim());
            byte[] shown = Encoding.UTF8.GetBytes((await owner.GetByTestId("receipt-text").TextContentAsync())!);
            Assert.Equal(index, Receipt.Parse(shown).Index);
            Assert.True(CosignedBy(shown, _keyB));

            // And the desk prints the custodial receipt, cosigned by B's witness too.
            await second.GetByTestId("custodial-receipt-again").ClickAsync();
            await Assertions.Expect(second.GetByTestId("custodial-receipt-status")).ToHaveAttributeAsync("data-held", "false");
            await Assertions.Expect(second.GetByTestId("custodial-receipt")).ToBeVisibleAsync();
            IAPIResponse pdf = await second.Context.APIRequest.GetAsync($"{app.BaseUrl}/desk/custodial/{custodial}/receipt.pdf");
            Assert.Equal(200, pdf.Status);
            Assert.Equal("application/pdf", pdf.Headers["content-type"]);
            Assert.StartsWith("%PDF-", Encoding.ASCII.GetString((await pdf.BodyAsync())[..5]), StringComparison.Ordinal);
            using HttpClient client = app.CreateApiClient();
            Assert.True(CosignedBy(await client.GetByteArrayAsync($"/api/receipts/{custodial}", Cancel), _keyB));
        }
        finally
        {
            await witnessA.StopAsync();
            await witnessB.StopAsync();
        }
    }

    private static async Task AssertCustodialHeldAsync(IPage page, long index)
    {
        ILocator status = page.GetByTestId("custodial-receipt-status");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-held", "true");
        Assert.Equal(index.ToString(CultureInfo.InvariantCulture), await status.GetAttributeAsync("data-index"));
        Assert.Contains($"代投选票已记入日志第 {index} 条", await page.GetByTestId("custodial-receipt-held").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("not cosigned: 清溪花园业委会", await page.GetByTestId("custodial-receipt-waiting").InnerTextAsync(), StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("custodial-receipt")).ToHaveCountAsync(0);
    }

    private CompoundWitnessApp NewApp() => new(_folder, new Dictionary<string, string>
    {
        ["Log:Origin"] = Origin,
        [$"Witnesses:Compounds:{A}:List:0:Name"] = "景城品雅苑业委会",
        [$"Witnesses:Compounds:{A}:List:0:Url"] = $"http://127.0.0.1:{_portA}/",
        [$"Witnesses:Compounds:{A}:List:0:VerifierKey"] = _keyA.VerifierKey,
        [$"Witnesses:Compounds:{B}:List:0:Name"] = "清溪花园业委会",
        [$"Witnesses:Compounds:{B}:List:0:Url"] = $"http://127.0.0.1:{_portB}/",
        [$"Witnesses:Compounds:{B}:List:0:VerifierKey"] = _keyB.VerifierKey,
        ["Witnesses:Timeout"] = "00:00:05",
    });

    private bool CosignedBy(byte[] receiptOrNote, CosignatureVerifier witness)
    {
        byte[] note = receiptOrNote.AsSpan().StartsWith("c2sp.org/tlog-proof"u8) ? Receipt.Parse(receiptOrNote).Checkpoint : receiptOrNote;
        return Note.Open(note, _logSigner.Verifier, witness).Signatures.Any(s => s.Verifier == witness);
    }

    private async Task<CosignatureVerifier> WitnessKeyAsync(string file, string name)
    {
        NoteKeyPair pair = CosignatureSigner.Generate(name);
        await File.WriteAllTextAsync(Path.Combine(_folder, file), pair.SignerKey + "\n", Cancel);
        return CosignatureVerifier.Parse(pair.VerifierKey);
    }

    // Compound A's and compound B's witness (`ov witness` on their own loopback ports), each
    // keeping its state across restarts of the process.
    private Task<WitnessProcess> StartWitnessAAsync() => StartWitnessAsync("a.witness", _portA, "a-state");

    private Task<WitnessProcess> StartWitnessBAsync() => StartWitnessAsync("b.witness", _portB, "b-state");

    private Task<WitnessProcess> StartWitnessAsync(string keyFile, int port, string state) =>
        WitnessProcess.StartAsync(Path.Combine(_folder, keyFile), port, Path.Combine(_folder, state), $"{Origin}={_logSigner.VerifierKey}");

    private static Task<(int Code, string Stdout, string Stderr)> VerifyAsync(params string[] args) => Task.Run(() =>
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        int code = Ov.Run(["verify", .. args], TextReader.Null, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    });

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The two-compound demo with extra settings (the compounds' witnesses).</summary>
    private sealed class CompoundWitnessApp(string folder, IReadOnlyDictionary<string, string> settings) : SqliteAppOver(folder)
    {
        protected override bool SecondCompound => true;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach ((string key, string value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
