using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OwnersVote.Cli;
using OwnersVote.Ledger;
using OwnersVote.Ledger.Http;
using OwnersVote.Ledger.Sequencing;
using OwnersVote.Web.Ledger;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Issue 8's acceptance: a witness run by <c>ov witness</c> on another port cosigns every
/// checkpoint of the real server, the server's appends stand while it is down, its state survives
/// its restart, and a forked log is refused — the server's checkpoint then goes without its
/// cosignature and <c>ov verify</c> fails.
/// </summary>
public sealed class ExternalWitnessTests : IAsyncLifetime
{
    private const string Origin = "localhost/log";
    private const string WitnessName = "notary.example/witness";

    private readonly string _folder = Directory.CreateTempSubdirectory("ov-e2e-external-witness-").FullName;
    private readonly int _witnessPort = FreePort();
    private NoteSigner _logSigner = null!; // Set by InitializeAsync.
    private CosignatureVerifier _witnessKey = null!; // Set by InitializeAsync.
    private string _witnessKeyFile = "";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // The log key exists before the server's first start, so the witness can be told it.
        string logKey = NoteSigner.Generate(Origin).SignerKey;
        await File.WriteAllTextAsync(Path.Combine(_folder, "log.key"), logKey + "\n", Cancel);
        _logSigner = NoteSigner.Parse(logKey);
        NoteKeyPair witness = CosignatureSigner.Generate(WitnessName);
        _witnessKeyFile = Path.Combine(_folder, "witness.key");
        await File.WriteAllTextAsync(_witnessKeyFile, witness.SignerKey + "\n", Cancel);
        _witnessKey = CosignatureVerifier.Parse(witness.VerifierKey);
    }

    public ValueTask DisposeAsync()
    {
        _logSigner.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task An_ov_witness_process_cosigns_every_checkpoint_survives_its_restart_and_refuses_a_fork()
    {
        WitnessProcess witness = await WitnessProcess.StartAsync(_witnessKeyFile, _witnessPort, Path.Combine(_folder, "witness-state"), $"{Origin}={_logSigner.VerifierKey}");
        try
        {
            await using var app = new WitnessedApp(_folder, new Dictionary<string, string>
            {
                ["Log:Origin"] = Origin,
                ["Witnesses:List:0:Name"] = "公证处 notary",
                ["Witnesses:List:0:Url"] = $"http://127.0.0.1:{_witnessPort}/",
                ["Witnesses:List:0:VerifierKey"] = _witnessKey.VerifierKey,
                ["Witnesses:Timeout"] = "00:00:05",
            });
            await app.InitializeAsync();
            using HttpClient client = app.CreateApiClient();
            EventLog log = app.Services.GetRequiredService<EventLog>();

            // Configured witnesses replace the demo's own: only this one is published, k = 1.
            Assert.Equal($"quorum 1\n{_witnessKey.VerifierKey}\n", await client.GetStringAsync("/log/witnesses", Cancel));
            Assert.True(CosignedByWitness(await client.GetByteArrayAsync("/log/checkpoint", Cancel)));

            // Every checkpoint: each append's own checkpoint is cosigned, and the witness saw each size.
            var sizes = new List<long>();
            for (int i = 0; i < 3; i++)
            {
                AppendResult appended = await log.AppendAsync(DemoWitnessTests.Enrolment($"external {i}"), Cancel);
                Assert.True(CosignedByWitness(appended.Checkpoint));
                Assert.Equal(appended.Index + 1, appended.TreeSize);
                sizes.Add(appended.TreeSize);
            }

            foreach (long size in sizes)
            {
                await witness.WaitForLineAsync(l => l.EndsWith(string.Create(CultureInfo.InvariantCulture, $" size {size}: 200 cosigned"), StringComparison.Ordinal));
            }

            (int code, string stdout, string stderr) = await VerifyAsync(app.BaseUrl);
            Assert.True(code == 0, stderr);
            Assert.Contains($"checkpoint {sizes[^1]} cosigned by {WitnessName}\n", stdout, StringComparison.Ordinal);

            // The witness goes away: appends still stand, served without its cosignature.
            long beforeStop = sizes[^1];
            await witness.StopAsync();
            AppendResult unwitnessed = await log.AppendAsync(DemoWitnessTests.Enrolment("while the witness is down"), Cancel);
            Assert.False(CosignedByWitness(unwitnessed.Checkpoint));
            Assert.False(CosignedByWitness(await client.GetByteArrayAsync("/log/checkpoint", Cancel)));
            (code, _, stderr) = await VerifyAsync(app.BaseUrl);
            Assert.Equal(1, code);
            Assert.Contains("0 witness cosignature(s), at least 1 required", stderr, StringComparison.Ordinal);

            // Back on the same port with the same state: the next append is cosigned with a
            // consistency proof from the size it cosigned before it stopped — it remembered.
            witness = await WitnessProcess.StartAsync(_witnessKeyFile, _witnessPort, Path.Combine(_folder, "witness-state"), $"{Origin}={_logSigner.VerifierKey}");
            AppendResult again = await log.AppendAsync(DemoWitnessTests.Enrolment("after the witness restarted"), Cancel);
            Assert.True(CosignedByWitness(again.Checkpoint));
            await witness.WaitForLineAsync(l => l.EndsWith(string.Create(CultureInfo.InvariantCulture, $"add-checkpoint '{Origin}' old {beforeStop} size {again.TreeSize}: 200 cosigned"), StringComparison.Ordinal));
            Assert.DoesNotContain(witness.Lines, l => l.Contains(": 409", StringComparison.Ordinal));

            // A fork: whoever holds the log key shows the witness another entry at the next size,
            // consistent with what it saw. It cosigns that first...
            List<Hash> leaves = [];
            await LogAuditor.AuditAsync(new HttpTileStore(client), log.Verifier, [], 0, (_, entry) => leaves.Add(Merkle.HashLeaf(entry.ToArray())), Cancel);
            Assert.Equal(again.TreeSize, leaves.Count);
            List<Hash> forked = [.. leaves, Merkle.HashLeaf(Encoding.UTF8.GetBytes("an entry the owners never see"))];
            byte[] fork = new Checkpoint(Origin, forked.Count, Merkle.Root(forked)).Sign(_logSigner);
            using var transport = new HttpWitnessTransport();
            var endpoint = new WitnessEndpoint(new Uri($"http://127.0.0.1:{_witnessPort}/"), _witnessKey);
            WitnessResponse forkCosigned = await transport.AddCheckpointAsync(
                endpoint, new AddCheckpointRequest(leaves.Count, ConsistencyProof.Create(leaves.Count, forked.Count, new LeafHashSource(forked)), fork).Format(), Cancel);
            Assert.Equal(200, forkCosigned.StatusCode);

            // ...so the real log's checkpoint of that size is refused, and the server serves it
            // without that witness's cosignature: the split view is in the open.
            AppendResult real = await log.AppendAsync(DemoWitnessTests.Enrolment("the real next entry"), Cancel);
            Assert.Equal(forked.Count, real.TreeSize);
            Assert.False(CosignedByWitness(real.Checkpoint));
            Assert.False(CosignedByWitness(await client.GetByteArrayAsync("/log/checkpoint", Cancel)));
            await witness.WaitForLineAsync(l => l.Contains(string.Create(CultureInfo.InvariantCulture, $"size {real.TreeSize}: 409 checkpoint root differs"), StringComparison.Ordinal));
            (code, _, stderr) = await VerifyAsync(app.BaseUrl);
            Assert.Equal(1, code);
            Assert.Contains("0 witness cosignature(s), at least 1 required", stderr, StringComparison.Ordinal);
        }
        finally
        {
            await witness.StopAsync();
        }
    }

    private bool CosignedByWitness(byte[] note) =>
        Note.Open(note, _logSigner.Verifier, _witnessKey).Signatures.Any(s => s.Verifier == _witnessKey);

    // `ov verify URL` as a committee member runs it: keys and witnesses taken from the server.
    private static Task<(int Code, string Stdout, string Stderr)> VerifyAsync(string url) => Task.Run(() =>
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        int code = Ov.Run(["verify", url], TextReader.Null, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    });

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The demo app with extra settings (its witnesses).</summary>
    private sealed class WitnessedApp(string folder, IReadOnlyDictionary<string, string> settings) : SqliteAppOver(folder)
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

    /// <summary>The node hashes of a tree given by its leaf hashes (RFC 9162 §2.1.1), for proofs over a fork.</summary>
    internal sealed class LeafHashSource(IReadOnlyList<Hash> leaves) : IHashSource
    {
        public Hash GetNode(int level, long index) =>
            Merkle.Root([.. leaves.Skip(checked((int)(index << level))).Take(1 << level)]);
    }
}
