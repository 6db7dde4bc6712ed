using System.Text;
using OwnersVote.Cli.Commands;
using OwnersVote.Ledger;
using OwnersVote.Ledger.Http;

namespace OwnersVote.Cli.Tests;

/// <summary><c>ov witness</c> on loopback ports, driven by the Ledger's WitnessClient over HTTP.</summary>
public sealed class WitnessCommandTests : IDisposable
{
    private const string Origin = "vote.example.cn/log";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    private readonly TempDirectory _temp = new();
    private readonly NoteSigner _log;
    private readonly HttpWitnessTransport _transport = new();
    private readonly string _logDir;

    public WitnessCommandTests()
    {
        _log = NoteSigner.Parse(NoteSigner.Generate(Origin).SignerKey);
        _logDir = Path.Combine(_temp.Path, "log");
    }

    public void Dispose()
    {
        _transport.Dispose();
        _log.Dispose();
        _temp.Dispose();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static IEnumerable<byte[]> Entries(int from, int count, string tag = "entry") =>
        Enumerable.Range(from, count).Select(i => Encoding.UTF8.GetBytes($"{tag} {i}"));

    private string CosignerKey(string name)
    {
        string path = Path.Combine(_temp.Path, name.Replace('/', '_') + ".key");
        OvRun run = OvRun.Of("keygen", "--type", "cosignature", "--name", name, "--out", path);
        Assert.Equal(0, run.ExitCode);
        return path;
    }

    private static async Task<(RunningWitness Witness, string Stdout)> StartAsync(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        RunningWitness witness = await WitnessCommand.StartAsync(args, stdout, TextWriter.Null, Token);
        return (witness, stdout.ToString());
    }

    private Task<(RunningWitness Witness, string Stdout)> StartAsync(string keyFile, string state) =>
        StartAsync("--port", "0", "--key", keyFile, "--state", state, "--log", $"{Origin}={_log.VerifierKey}");

    private WitnessClient Client(params RunningWitness[] witnesses) =>
        new(_transport, [.. witnesses.Select(w => new WitnessEndpoint(w.Server.Url, w.Key))], witnesses.Length, s_timeout);

    private Task<WitnessResponse> PostAsync(RunningWitness witness, long oldSize, IReadOnlyList<Hash> proof, byte[] checkpoint) =>
        _transport.AddCheckpointAsync(new WitnessEndpoint(witness.Server.Url, witness.Key), new AddCheckpointRequest(oldSize, proof, checkpoint).Format(), Token);

    [Fact]
    public async Task The_witness_prints_its_key_and_url_and_cosigns_a_log_then_its_growth_with_a_consistency_proof()
    {
        string key = CosignerKey("witness.example/w1");
        (RunningWitness witness, string stdout) = await StartAsync(key, Path.Combine(_temp.Path, "state"));
        await using (witness)
        {
            Assert.Equal("127.0.0.1", witness.Server.Url.Host);
            Assert.Contains($"ov witness: listening on {witness.Server.Url} (POST {witness.Server.Url}add-checkpoint)\n", stdout, StringComparison.Ordinal);
            Assert.Contains($"verifier key: {witness.Key.VerifierKey}\n", stdout, StringComparison.Ordinal);
            Assert.Contains($"log: '{Origin}' signed by {Origin}\n", stdout, StringComparison.Ordinal);

            byte[] first = await TestLogs.AppendAsync(_logDir, Origin, _log, Entries(0, 5), Token);
            WitnessClient client = Client(witness);
            WitnessedCheckpoint cosigned = await client.CosignAsync(first, TestLogs.ProveFrom(_logDir, 5), Token);
            Assert.Equal(["witness.example/w1"], cosigned.Cosigners);
            Checkpoint.Open(cosigned.SignedNote, _log.Verifier, witness.Key);

            byte[] second = await TestLogs.AppendAsync(_logDir, Origin, _log, Entries(5, 300), Token);

            // By hand first: the wrong proof is refused with 422, the right one cosigned.
            IReadOnlyList<Hash> proof = await TestLogs.ProveFrom(_logDir, 305)(5, Token);
            Assert.NotEmpty(proof);
            Hash[] broken = [.. proof];
            broken[0] = Hash.Sha256("not a node"u8);
            WitnessResponse refused = await PostAsync(witness, 5, broken, second);
            Assert.Equal(422, refused.StatusCode);
            WitnessResponse accepted = await PostAsync(witness, 5, proof, second);
            Assert.Equal(200, accepted.StatusCode);
            Assert.StartsWith("— witness.example/w1 ", accepted.BodyText, StringComparison.Ordinal);

            // The client, which last saw size 5, learns the witness's size 305 from the 409.
            byte[] third = await TestLogs.AppendAsync(_logDir, Origin, _log, Entries(305, 20), Token);
            WitnessedCheckpoint again = await client.CosignAsync(third, TestLogs.ProveFrom(_logDir, 325), Token);
            Assert.Equal(325, Checkpoint.Open(again.SignedNote, _log.Verifier, witness.Key).Checkpoint.Size);
        }
    }

    [Fact]
    public async Task A_forked_log_is_refused_at_the_same_size_and_when_it_grows()
    {
        (RunningWitness witness, _) = await StartAsync(CosignerKey("w1"), Path.Combine(_temp.Path, "state"));
        await using (witness)
        {
            byte[] honest = await TestLogs.AppendAsync(_logDir, Origin, _log, Entries(0, 10), Token);
            await Client(witness).CosignAsync(honest, TestLogs.ProveFrom(_logDir, 10), Token);

            // The same key signs another history of the same size: a split view.
            string forkDir = Path.Combine(_temp.Path, "fork");
            byte[] fork = await TestLogs.AppendAsync(forkDir, Origin, _log, Entries(0, 10, "rewritten"), Token);
            WitnessResponse sameSize = await PostAsync(witness, 10, [], fork);
            Assert.Equal(409, sameSize.StatusCode);
            Assert.Contains("root differs", sameSize.BodyText, StringComparison.Ordinal);

            byte[] grown = await TestLogs.AppendAsync(forkDir, Origin, _log, Entries(10, 6, "rewritten"), Token);
            WitnessResponse larger = await PostAsync(witness, 10, await TestLogs.ProveFrom(forkDir, 16)(10, Token), grown);
            Assert.Equal(422, larger.StatusCode);

            // A fresh client (a forked log's sequencer) gets no cosignature either.
            WitnessQuorumException e = await Assert.ThrowsAsync<WitnessQuorumException>(
                () => Client(witness).CosignAsync(grown, TestLogs.ProveFrom(forkDir, 16), Token));
            Assert.Contains("HTTP 422", Assert.Single(e.Failures).Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Unknown_origins_unsigned_checkpoints_and_stale_old_sizes_get_the_statuses_of_the_spec()
    {
        (RunningWitness witness, _) = await StartAsync(CosignerKey("w1"), Path.Combine(_temp.Path, "state"));
        await using (witness)
        {
            byte[] checkpoint = await TestLogs.AppendAsync(_logDir, Origin, _log, Entries(0, 3), Token);
            using NoteSigner stranger = NoteSigner.Parse(NoteSigner.Generate("other.example/log").SignerKey);
            byte[] unknownOrigin = await TestLogs.AppendAsync(Path.Combine(_temp.Path, "other"), "other.example/log", stranger, Entries(0, 3), Token);
            byte[] wrongKey = new Checkpoint(Origin, 3, Checkpoint.Open(checkpoint, _log.Verifier).Checkpoint.Root).Sign(stranger);

            Assert.Equal(404, (await PostAsync(witness, 0, [], unknownOrigin)).StatusCode);
            Assert.Equal(403, (await PostAsync(witness, 0, [], wrongKey)).StatusCode);
            Assert.Equal(400, (await PostAsync(witness, 4, [], checkpoint)).StatusCode);
            Assert.Equal(200, (await PostAsync(witness, 0, [], checkpoint)).StatusCode);

            WitnessResponse stale = await PostAsync(witness, 0, [], checkpoint);
            Assert.Equal(409, stale.StatusCode);
            Assert.Equal("text/x.tlog.size", stale.ContentType);
            Assert.Equal("3\n", stale.BodyText);

            using var http = new HttpClient();
            using HttpResponseMessage get = await http.GetAsync(new Uri(witness.Server.Url, "add-checkpoint"), Token);
            Assert.Equal(405, (int)get.StatusCode);
            using var garbage = new ByteArrayContent("old x\n\n"u8.ToArray());
            using HttpResponseMessage malformed = await http.PostAsync(new Uri(witness.Server.Url, "add-checkpoint"), garbage, Token);
            Assert.Equal(400, (int)malformed.StatusCode);
        }
    }

    [Fact]
    public async Task A_request_body_over_64_KiB_is_refused_before_it_is_read()
    {
        (RunningWitness witness, _) = await StartAsync(CosignerKey("w1"), Path.Combine(_temp.Path, "state"));
        await using (witness)
        {
            // "Expect: 100-continue" lets the witness answer before the client sends the body, so
            // the refusal does not race the upload.
            using var http = new HttpClient();
            using var large = new ByteArrayContent(new byte[WitnessServer.MaxRequestBytes + 1]);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(witness.Server.Url, "add-checkpoint")) { Content = large };
            request.Headers.ExpectContinue = true;
            using HttpResponseMessage response = await http.SendAsync(request, Token);
            Assert.Equal(413, (int)response.StatusCode);
            Assert.Equal($"request body over {WitnessServer.MaxRequestBytes} bytes\n", await response.Content.ReadAsStringAsync(Token));
        }
    }

    [Fact]
    public async Task A_restarted_witness_remembers_the_last_checkpoint_it_cosigned()
    {
        string key = CosignerKey("w1");
        string state = Path.Combine(_temp.Path, "state");
        byte[] first = await TestLogs.AppendAsync(_logDir, Origin, _log, Entries(0, 7), Token);
        (RunningWitness witness, _) = await StartAsync(key, state);
        await using (witness)
        {
            await Client(witness).CosignAsync(first, TestLogs.ProveFrom(_logDir, 7), Token);
        }

        (RunningWitness restarted, _) = await StartAsync(key, state);
        await using (restarted)
        {
            WitnessResponse stale = await PostAsync(restarted, 0, [], first);
            Assert.Equal(409, stale.StatusCode);
            Assert.Equal(7, stale.ConflictSize());

            // A fork of the remembered size is still refused after the restart.
            byte[] fork = await TestLogs.AppendAsync(Path.Combine(_temp.Path, "fork"), Origin, _log, Entries(0, 7, "rewritten"), Token);
            Assert.Equal(409, (await PostAsync(restarted, 7, [], fork)).StatusCode);

            byte[] grown = await TestLogs.AppendAsync(_logDir, Origin, _log, Entries(7, 2), Token);
            WitnessedCheckpoint cosigned = await Client(restarted).CosignAsync(grown, TestLogs.ProveFrom(_logDir, 9), Token);
            Assert.Equal(["w1"], cosigned.Cosigners);
        }
    }

    [Fact]
    public async Task Two_witnesses_cosign_with_k_2_and_ov_log_verify_accepts_the_cosigned_checkpoint()
    {
        (RunningWitness committee, _) = await StartAsync(CosignerKey("yeweihui.example/witness"), Path.Combine(_temp.Path, "state1"));
        await using (committee)
        {
            (RunningWitness residents, _) = await StartAsync(CosignerKey("juweihui.example/witness"), Path.Combine(_temp.Path, "state2"));
            await using (residents)
            {
                byte[] checkpoint = await TestLogs.AppendAsync(_logDir, Origin, _log, Entries(0, 40), Token);
                WitnessedCheckpoint cosigned = await Client(committee, residents).CosignAsync(checkpoint, TestLogs.ProveFrom(_logDir, 40), Token);
                Assert.Equal(2, cosigned.Cosigners.Count);
                File.WriteAllBytes(Path.Combine(_logDir, "checkpoint"), cosigned.SignedNote);

                OvRun both = OvRun.Of("log", "verify", _logDir, "--key", _log.VerifierKey, "--witness-key", committee.Key.VerifierKey, "--witness-key", residents.Key.VerifierKey);
                Assert.Equal("", both.Stderr);
                Assert.StartsWith("OK 40 ", both.Stdout, StringComparison.Ordinal);

                // Without the cosignatures the same k = 2 fails.
                File.WriteAllBytes(Path.Combine(_logDir, "checkpoint"), checkpoint);
                OvRun bare = OvRun.Of("log", "verify", _logDir, "--key", _log.VerifierKey, "--witness-key", committee.Key.VerifierKey, "--witness-key", residents.Key.VerifierKey);
                Assert.Equal(1, bare.ExitCode);
                Assert.Contains("0 witness cosignature(s), at least 2 required", bare.Stderr, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task An_unreachable_witness_is_an_io_failure_for_the_client()
    {
        string key = CosignerKey("w1");
        (RunningWitness witness, _) = await StartAsync(key, Path.Combine(_temp.Path, "state"));
        var endpoint = new WitnessEndpoint(witness.Server.Url, witness.Key);
        await witness.DisposeAsync();

        byte[] checkpoint = await TestLogs.AppendAsync(_logDir, Origin, _log, Entries(0, 1), Token);
        await Assert.ThrowsAsync<IOException>(() => _transport.AddCheckpointAsync(endpoint, new AddCheckpointRequest(0, [], checkpoint).Format(), Token));
        WitnessQuorumException e = await Assert.ThrowsAsync<WitnessQuorumException>(
            () => new WitnessClient(_transport, [endpoint], 1, s_timeout).CosignAsync(checkpoint, TestLogs.ProveFrom(_logDir, 1), Token));
        Assert.StartsWith("unreachable: POST ", Assert.Single(e.Failures).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--key KEY --log LOG")]
    [InlineData("--port 0 --log LOG")]
    [InlineData("--port 0 --key KEY")]
    [InlineData("--port 70000 --key KEY --log LOG")]
    [InlineData("--port 0 --key KEY --log no-equals-sign")]
    [InlineData("--port 0 --key KEY --log origin=not-a-key")]
    [InlineData("--port 0 --key KEY --log LOG --listen nowhere")]
    [InlineData("--port 0 --key LOGKEY --log LOG")]
    [InlineData("--port 0 --key KEY --log LOG stray")]
    public void Usage_errors_exit_2_with_one_line(string commandLine)
    {
        string logKeyFile = Path.Combine(_temp.Path, "log.key");
        File.WriteAllText(logKeyFile, "not a key\n");
        string[] args = commandLine
            .Replace("LOGKEY", logKeyFile, StringComparison.Ordinal)
            .Replace("KEY", CosignerKey("w"), StringComparison.Ordinal)
            .Replace("LOG", $"{Origin}={_log.VerifierKey}", StringComparison.Ordinal)
            .Split(' ');

        string message = OvRun.Of(["witness", .. args]).AssertOneLineBadInput();

        Assert.StartsWith("ov witness: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_exits_2_with_one_line()
    {
        string key = CosignerKey("w1");
        (RunningWitness witness, _) = await StartAsync(key, Path.Combine(_temp.Path, "state"));
        await using (witness)
        {
            OvRun run = OvRun.Of("witness", "--port", witness.Server.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--key", key, "--log", $"{Origin}={_log.VerifierKey}", "--state", Path.Combine(_temp.Path, "state2"));
            Assert.Contains("cannot listen on 127.0.0.1:", run.AssertOneLineBadInput(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Logs_may_come_from_a_file_with_comments()
    {
        string logs = _temp.Write("logs.txt", $"# the compound's log\n\n{Origin}={_log.VerifierKey}\n");
        (RunningWitness witness, string stdout) = await StartAsync("--port", "0", "--key", CosignerKey("w1"), "--state", Path.Combine(_temp.Path, "state"), "--logs", logs);
        await using (witness)
        {
            Assert.Contains($"log: '{Origin}' signed by {Origin}\n", stdout, StringComparison.Ordinal);
            byte[] checkpoint = await TestLogs.AppendAsync(_logDir, Origin, _log, Entries(0, 2), Token);
            Assert.Equal(200, (await PostAsync(witness, 0, [], checkpoint)).StatusCode);
        }
    }
}
