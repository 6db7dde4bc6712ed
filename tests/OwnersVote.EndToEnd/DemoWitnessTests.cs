using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OwnersVote.Ledger;
using OwnersVote.Ledger.Http;
using OwnersVote.Ledger.Sequencing;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Ledger;

namespace OwnersVote.EndToEnd;

/// <summary>
/// The demo's own witnesses, 业委会 and 居委会 (DESIGN.md §2 "Witnesses", c2sp.org/tlog-witness):
/// every served checkpoint carries both cosignatures, verifiable with the keys the server
/// publishes, and the witnesses answer over HTTP as real witnesses — refusing a fork.
/// </summary>
public sealed class DemoWitnessTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    internal static async Task<(int Quorum, CosignatureVerifier[] Keys)> PublishedWitnessesAsync(HttpClient client)
    {
        using HttpResponseMessage response = await client.GetAsync("/log/witnesses", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        string[] lines = (await response.Content.ReadAsStringAsync(Cancel)).Split('\n');
        Assert.Equal("", lines[^1]);
        Assert.StartsWith("quorum ", lines[0], StringComparison.Ordinal);
        return (int.Parse(lines[0]["quorum ".Length..], System.Globalization.CultureInfo.InvariantCulture), [.. lines[1..^1].Select(CosignatureVerifier.Parse)]);
    }

    internal static CredentialEnrolled Enrolment(string tag)
    {
        using SoftwareAuthenticator authenticator = SoftwareAuthenticator.MakeCredential("localhost");
        DateTimeOffset at = EventTime.Truncate(DateTimeOffset.UtcNow);
        return new CredentialEnrolled(
            "jingcheng-pinyayuan", at, "officer:demo-1", OwnerKey.Hash(new byte[32], tag), authenticator.CredentialId, CoseKey.Parse(authenticator.CosePublicKey),
            CredentialKind.Passkey, ["officer:demo-1", "officer:demo-2"], at, true);
    }

    [Fact]
    public async Task The_demo_checkpoint_carries_two_cosignatures_that_verify_with_the_published_witness_keys()
    {
        using HttpClient client = app.CreateApiClient();
        NoteVerifier logKey = NoteVerifier.Parse((await client.GetStringAsync("/log/key", Cancel)).TrimEnd('\n'));
        (int quorum, CosignatureVerifier[] witnesses) = await PublishedWitnessesAsync(client);

        byte[] served = await client.GetByteArrayAsync("/log/checkpoint", Cancel);

        Assert.Equal(2, quorum);
        Assert.Equal(["localhost/witness/committee", "localhost/witness/neighbourhood"], witnesses.Select(w => w.Name));
        OpenedNote opened = Note.Open(served, [logKey, .. witnesses]);
        Assert.Equal([logKey.Name, .. witnesses.Select(w => w.Name)], opened.Signatures.Select(s => s.Signature.Name));
        Assert.Empty(opened.UnknownSignatures);
        Assert.Equal(app.Services.GetRequiredService<EventLog>().TreeSize, Checkpoint.Parse(opened.Text).Size);

        // The auditor requires them as a client of the log would.
        AuditedLog audited = await LogAuditor.AuditAsync(new HttpTileStore(client), logKey, witnesses, quorum, null, Cancel);
        Assert.Equal(witnesses.Select(w => w.Name), audited.Cosigners);
    }

    [Fact]
    public async Task A_new_append_returns_and_serves_a_checkpoint_that_covers_it_cosigned_by_both_witnesses()
    {
        using HttpClient client = app.CreateApiClient();
        EventLog log = app.Services.GetRequiredService<EventLog>();
        (_, CosignatureVerifier[] witnesses) = await PublishedWitnessesAsync(client);

        AppendResult appended = await log.AppendAsync(Enrolment("witnessed"), Cancel);

        foreach (byte[] note in new[] { appended.Checkpoint, log.LatestCheckpoint, await client.GetByteArrayAsync("/log/checkpoint", Cancel) })
        {
            OpenedNote opened = Note.Open(note, [log.Verifier, .. witnesses]);
            Assert.Equal(3, opened.Signatures.Count);
            Checkpoint checkpoint = Checkpoint.Parse(opened.Text);
            Assert.True(checkpoint.Size > appended.Index);

            // The receipt's inclusion proof verifies against the cosigned root.
            IReadOnlyList<Hash> proof = await log.ProveInclusionAsync(appended.Index, checkpoint.Size, Cancel);
            Assert.True(InclusionProof.Verify(appended.Index, checkpoint.Size, appended.LeafHash, proof, checkpoint.Root));
        }

        // The page people find from the footer shows both witnesses, their keys, and that they cosigned.
        string page = WebUtility.HtmlDecode(await client.GetStringAsync("/transparency", Cancel));
        Assert.Contains("业主委员会（业委会）", page, StringComparison.Ordinal);
        Assert.Contains("居民委员会（居委会）", page, StringComparison.Ordinal);
        Assert.All(witnesses, w => Assert.Contains(w.VerifierKey, page, StringComparison.Ordinal));
        Assert.Equal(2, page.Split("已联署最新检查点").Length - 1);
        Assert.Contains("href=\"/transparency\"", await client.GetStringAsync("/", Cancel), StringComparison.Ordinal);
        string english = WebUtility.HtmlDecode(await client.GetStringAsync("/transparency?culture=en", Cancel));
        Assert.Contains("Owners' committee (业委会)", english, StringComparison.Ordinal);
        Assert.Contains("Each checkpoint needs cosignatures from at least 2 of the 2 witnesses.", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_appends_each_return_a_cosigned_checkpoint_that_proves_their_entry()
    {
        using HttpClient client = app.CreateApiClient();
        EventLog log = app.Services.GetRequiredService<EventLog>();
        (_, CosignatureVerifier[] witnesses) = await PublishedWitnessesAsync(client);

        AppendResult[] results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => log.AppendAsync(Enrolment($"concurrent {i}"), Cancel), Cancel)));

        Assert.Equal(16, results.Select(r => r.Index).Distinct().Count());
        foreach (AppendResult result in results)
        {
            OpenedNote opened = Note.Open(result.Checkpoint, [log.Verifier, .. witnesses]);
            Assert.Equal(3, opened.Signatures.Count);
            Checkpoint checkpoint = Checkpoint.Parse(opened.Text);
            Assert.Equal(result.TreeSize, checkpoint.Size);
            IReadOnlyList<Hash> proof = await log.ProveInclusionAsync(result.Index, checkpoint.Size, Cancel);
            Assert.True(InclusionProof.Verify(result.Index, checkpoint.Size, result.LeafHash, proof, checkpoint.Root));
        }
    }

    [Fact]
    public async Task The_demo_witnesses_answer_over_http_and_refuse_a_fork_signed_by_the_same_log_key()
    {
        using HttpClient client = app.CreateApiClient();
        EventLog log = app.Services.GetRequiredService<EventLog>();
        (_, CosignatureVerifier[] witnesses) = await PublishedWitnessesAsync(client);
        using var transport = new HttpWitnessTransport();
        var committee = new WitnessEndpoint(new Uri(app.BaseUrl + "/witness/committee"), witnesses[0]);
        byte[] served = log.LatestCheckpoint;
        Checkpoint real = Checkpoint.Parse(Note.Parse(served).Text);

        // The checkpoint it already cosigned, again: tlog-witness allows the same tree head.
        WitnessResponse same = await transport.AddCheckpointAsync(committee, new AddCheckpointRequest(real.Size, [], served).Format(), Cancel);
        Assert.Equal(200, same.StatusCode);
        Note.Open(Encoding.UTF8.GetBytes(Note.Parse(served).Text + "\n" + same.BodyText), witnesses[0]);

        // Whoever holds the log key (the server's operator) signs another tree of the same size.
        using NoteSigner logSigner = NoteSigner.Parse((await File.ReadAllTextAsync(Path.Combine(app.DataFolder, "log.key"), Cancel)).TrimEnd('\n'));
        byte[] fork = new Checkpoint(real.Origin, real.Size, Hash.Sha256(Encoding.UTF8.GetBytes("another history"))).Sign(logSigner);
        WitnessResponse refused = await transport.AddCheckpointAsync(committee, new AddCheckpointRequest(real.Size, [], fork).Format(), Cancel);

        Assert.Equal(409, refused.StatusCode);
        Assert.Contains("root differs", refused.BodyText, StringComparison.Ordinal);

        // A client that starts from nothing learns the size the witness holds, not a rollback.
        WitnessResponse fromZero = await transport.AddCheckpointAsync(committee, new AddCheckpointRequest(0, [], fork).Format(), Cancel);
        Assert.Equal(409, fromZero.StatusCode);
        Assert.Equal(real.Size, fromZero.ConflictSize());

        // The served checkpoint is still the real one, and every cosignature on it is over its root.
        OpenedNote opened = Note.Open(await client.GetByteArrayAsync("/log/checkpoint", Cancel), [log.Verifier, .. witnesses]);
        Assert.True(Checkpoint.Parse(opened.Text).Size >= real.Size);
        Assert.Equal(3, opened.Signatures.Count);

        using HttpResponseMessage unknown = await client.PostAsync("/witness/notary/add-checkpoint", new ByteArrayContent(new AddCheckpointRequest(0, [], fork).Format()), Cancel);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}

/// <summary>The demo witnesses' keys and state live in the data folder and survive a restart.</summary>
public sealed class DemoWitnessRestartTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_a_restart_the_witnesses_keep_their_keys_and_state_and_cosign_the_stored_checkpoint_at_once()
    {
        string folder = Directory.CreateTempSubdirectory("ov-e2e-witness-restart-").FullName;
        try
        {
            (string witnessesBefore, long sizeBefore) = await RunAsync(folder, append: true);
            (string witnessesAfter, long sizeAfter) = await RunAsync(folder, append: false);

            Assert.Equal(witnessesBefore, witnessesAfter);
            Assert.Equal(sizeBefore, sizeAfter);
            Assert.True(File.Exists(Path.Combine(folder, "demo-witnesses", "committee.key")));
            Assert.True(Directory.EnumerateFiles(Path.Combine(folder, "demo-witnesses", "neighbourhood-state"), "*.checkpoint").Any());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(string Witnesses, long Size)> RunAsync(string folder, bool append)
    {
        await using var app = new SqliteAppOver(folder);
        await app.InitializeAsync();
        using HttpClient client = app.CreateApiClient();
        EventLog log = app.Services.GetRequiredService<EventLog>();
        if (append)
        {
            await log.AppendAsync(DemoWitnessTests.Enrolment("before restart"), Cancel);
        }

        (_, CosignatureVerifier[] witnesses) = await DemoWitnessTests.PublishedWitnessesAsync(client);
        byte[] served = await client.GetByteArrayAsync("/log/checkpoint", Cancel);
        OpenedNote opened = Note.Open(served, [log.Verifier, .. witnesses]);
        Assert.Equal(3, opened.Signatures.Count);
        long size = Checkpoint.Parse(opened.Text).Size;

        if (!append)
        {
            // The witness remembers the size it cosigned before the restart: asked from 0, it
            // answers 409 with that size (tlog-witness), so the log cannot be rolled back.
            using var transport = new HttpWitnessTransport();
            var committee = new WitnessEndpoint(new Uri(app.BaseUrl + "/witness/committee"), witnesses[0]);
            using NoteSigner logSigner = NoteSigner.Parse((await File.ReadAllTextAsync(Path.Combine(folder, "log.key"), Cancel)).TrimEnd('\n'));
            byte[] smaller = new Checkpoint(log.Origin, 1, Hash.Sha256([1])).Sign(logSigner);
            WitnessResponse response = await transport.AddCheckpointAsync(committee, new AddCheckpointRequest(0, [], smaller).Format(), Cancel);
            Assert.Equal(size, response.ConflictSize());
        }

        return (await client.GetStringAsync("/log/witnesses", Cancel), size);
    }
}
