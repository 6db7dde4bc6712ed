using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OwnersVote.Cli;
using OwnersVote.Ledger;
using OwnersVote.Ledger.Sequencing;
using OwnersVote.Web.Ledger;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Issue 8, log-key rotation without breaking old signatures (docs/operations.md "Key
/// management"): the same log and origin, first signed by the old key; then by the old and the new
/// key on every checkpoint (c2sp.org/signed-note allows several signatures); then by the new key
/// alone with the old one retired. Receipts from every phase keep verifying, <c>/log/key</c>
/// serves every key with the signing one first, and <c>ov verify</c> audits the log throughout.
/// </summary>
public sealed class LogKeyRotationTests : IAsyncLifetime
{
    private const string Origin = "localhost/log";

    private readonly string _folder = Directory.CreateTempSubdirectory("ov-e2e-key-rotation-").FullName;
    private NoteSigner _old = null!; // Set by InitializeAsync.
    private NoteSigner _new = null!; // Set by InitializeAsync.

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        string oldKey = NoteSigner.Generate(Origin).SignerKey;
        string newKey = NoteSigner.Generate(Origin).SignerKey;
        await File.WriteAllTextAsync(Path.Combine(_folder, "log.key"), oldKey + "\n", Cancel);
        await File.WriteAllTextAsync(Path.Combine(_folder, "log-2027.key"), newKey + "\n", Cancel);
        _old = NoteSigner.Parse(oldKey);
        _new = NoteSigner.Parse(newKey);
    }

    public ValueTask DisposeAsync()
    {
        _old.Dispose();
        _new.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Old_receipts_verify_through_a_transition_signed_by_both_keys_and_after_the_old_key_retires()
    {
        string oldReceipt, bothReceipt, newReceipt;

        // 1. The old key alone.
        await using (var app = new KeyedApp(_folder, new Dictionary<string, string> { ["Log:Origin"] = Origin }))
        {
            await app.InitializeAsync();
            using HttpClient client = app.CreateApiClient();
            Assert.Equal(_old.Verifier.VerifierKey + "\n", await client.GetStringAsync("/log/key", Cancel));
            oldReceipt = await AppendAndReceiveAsync(app, client, "before the rotation");
            Assert.Equal([_old.Verifier.VerifierKey], SignedBy(oldReceipt));
        }

        // 2. The transition: every checkpoint signed by both.
        await using (var app = new KeyedApp(_folder, new Dictionary<string, string>
        {
            ["Log:Origin"] = Origin,
            ["Log:AdditionalKeyFiles:0"] = Path.Combine(_folder, "log-2027.key"),
        }))
        {
            await app.InitializeAsync();
            using HttpClient client = app.CreateApiClient();
            Assert.Equal($"{_old.Verifier.VerifierKey}\n{_new.Verifier.VerifierKey}\n", await client.GetStringAsync("/log/key", Cancel));
            bothReceipt = await AppendAndReceiveAsync(app, client, "during the rotation");
            Assert.Equal([_old.Verifier.VerifierKey, _new.Verifier.VerifierKey], SignedBy(bothReceipt));
            Assert.True(await VerifiedAsync(client, oldReceipt));
            // A verifier that already knows only the new key accepts the transition's receipts.
            Assert.True(Verify(bothReceipt, _new.Verifier).IsVerified);
            Assert.True(Verify(bothReceipt, _old.Verifier).IsVerified);
        }

        // 3. The new key signs alone; the old one is retired but still published and accepted.
        await using (var app = new KeyedApp(_folder, new Dictionary<string, string>
        {
            ["Log:Origin"] = Origin,
            ["Log:KeyFile"] = Path.Combine(_folder, "log-2027.key"),
            ["Log:RetiredKeys:0"] = _old.Verifier.VerifierKey,
        }))
        {
            await app.InitializeAsync();
            using HttpClient client = app.CreateApiClient();
            Assert.Equal($"{_new.Verifier.VerifierKey}\n{_old.Verifier.VerifierKey}\n", await client.GetStringAsync("/log/key", Cancel));
            newReceipt = await AppendAndReceiveAsync(app, client, "after the rotation");
            Assert.Equal([_new.Verifier.VerifierKey], SignedBy(newReceipt));
            Assert.False(Verify(newReceipt, _old.Verifier).IsVerified);
            Assert.True(await VerifiedAsync(client, oldReceipt));
            Assert.True(await VerifiedAsync(client, bothReceipt));
            Assert.True(await VerifiedAsync(client, newReceipt));

            // ov verify takes the signing key from /log/key and audits the whole log.
            (int code, string stdout, string stderr) = await Task.Run(() =>
            {
                using var output = new StringWriter { NewLine = "\n" };
                using var errors = new StringWriter { NewLine = "\n" };
                int status = Ov.Run(["verify", app.BaseUrl], TextReader.Null, output, errors);
                return (status, output.ToString(), errors.ToString());
            }, Cancel);
            Assert.True(code == 0, stderr);
            Assert.Contains(_new.Verifier.VerifierKey, stdout, StringComparison.Ordinal);
        }
    }

    private static async Task<string> AppendAndReceiveAsync(OwnersVoteApp app, HttpClient client, string name)
    {
        AppendResult appended = await app.Services.GetRequiredService<EventLog>().AppendAsync(DemoWitnessTests.Enrolment(name), Cancel);
        return await client.GetStringAsync($"/api/receipts/{appended.Index}", Cancel);
    }

    // The log keys whose signature the receipt's checkpoint carries, in signature order.
    private string[] SignedBy(string receipt) =>
        [.. Note.Open(Receipt.Parse(Encoding.UTF8.GetBytes(receipt)).Checkpoint, _old.Verifier, _new.Verifier).Signatures
            .Select(s => s.Verifier).OfType<NoteVerifier>().Select(v => v.VerifierKey)];

    private static ReceiptVerification Verify(string text, NoteVerifier logKey)
    {
        Receipt receipt = Receipt.Parse(Encoding.UTF8.GetBytes(text));
        return receipt.Verify(receipt.Extra!, Origin, [logKey], [], 0);
    }

    private static async Task<bool> VerifiedAsync(HttpClient client, string receipt)
    {
        using var body = new StringContent(receipt, Encoding.UTF8, "text/plain");
        using HttpResponseMessage response = await client.PostAsync("/api/receipts/verify", body, Cancel);
        string text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.IsSuccessStatusCode, text);
        JsonObject check = JsonNode.Parse(text)!.AsObject();
        Assert.True(check["verified"]!.GetValue<bool>(), text);
        return true;
    }

    /// <summary>The demo app on this test's folder with extra settings (its log keys).</summary>
    private sealed class KeyedApp(string folder, IReadOnlyDictionary<string, string> settings) : SqliteAppOver(folder)
    {
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
