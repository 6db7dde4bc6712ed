namespace OwnersVote.Ledger.Tests;

public sealed class WitnessClientTests : IDisposable
{
    private readonly TestLog _log = TestLog.Create();
    private readonly List<CosignatureSigner> _cosigners = [];
    private readonly InProcessWitnessTransport _transport = new();
    private readonly List<WitnessEndpoint> _endpoints = [];

    public WitnessClientTests()
    {
        foreach (string name in new[] { "业委会.example", "居委会.example", "notary.example" })
        {
            AddWitness(name, [_log.Origin]);
        }
    }

    public void Dispose()
    {
        _cosigners.ForEach(c => c.Dispose());
        _log.Dispose();
    }

    private WitnessEndpoint AddWitness(string name, string[] origins)
    {
        var cosigner = CosignatureSigner.FromSeed(name, Hash.Sha256(System.Text.Encoding.UTF8.GetBytes(name)).Bytes, new FixedTimeProvider(1_750_000_000));
        _cosigners.Add(cosigner);
        var prefix = new Uri($"https://{_endpoints.Count}.witness.test/");
        var logs = origins.ToDictionary(o => o, _ => (IReadOnlyList<INoteVerifier>)[_log.Verifier]);
        _transport.Add(prefix, new Witness([cosigner], logs, new InMemoryWitnessStateStore()));
        var endpoint = new WitnessEndpoint(prefix, cosigner.Verifier);
        _endpoints.Add(endpoint);
        return endpoint;
    }

    private WitnessClient Client(int k, double timeoutSeconds = 10) => new(_transport, _endpoints, k, TimeSpan.FromSeconds(timeoutSeconds));

    private Task<WitnessedCheckpoint> Cosign(WitnessClient client, long size) =>
        client.CosignAsync(_log.Signed(size), (from, _) => _log.ProveAsync(from, size), TestContext.Current.CancellationToken);

    [Fact]
    public async Task All_witnesses_cosign_and_the_cosignatures_are_merged_into_the_note()
    {
        WitnessedCheckpoint result = await Cosign(Client(3), 10);

        Assert.Equal(3, result.Cosigners.Count);
        Assert.Empty(result.Failures);
        OpenedNote opened = Note.Open(result.SignedNote, [_log.Verifier, .. _endpoints.Select(e => e.Key)]);
        Assert.Equal(4, opened.Signatures.Count);
        Assert.Equal(_log.Checkpoint(10).Format(), opened.Text);
    }

    [Fact]
    public async Task The_client_follows_the_log_and_sends_consistency_proofs_from_the_last_size()
    {
        WitnessClient client = Client(3);
        await Cosign(client, 10);
        await Cosign(client, 30);
        WitnessedCheckpoint third = await Cosign(client, 64);

        Assert.Equal(3, third.Cosigners.Count);
        Assert.All(_transport.Requests.TakeLast(3), r => Assert.Equal(30, r.OldSize));
    }

    [Fact]
    public async Task A_witness_that_knows_a_later_size_answers_409_and_the_client_re_proves_from_it()
    {
        await Cosign(Client(3), 20);

        // A new client (e.g. after a restart) starts from old size 0.
        WitnessedCheckpoint result = await Cosign(Client(3), 40);

        Assert.Equal(3, result.Cosigners.Count);
        Assert.Equal(3, _transport.Requests.Count(r => r.OldSize == 20));
    }

    [Fact]
    public async Task K_of_n_succeeds_when_one_witness_fails_and_reports_which()
    {
        WitnessEndpoint stranger = AddWitness("stranger.example", ["another.example/log"]);
        WitnessedCheckpoint result = await Cosign(Client(3), 12);

        Assert.Equal(3, result.Cosigners.Count);
        WitnessFailure failure = Assert.Single(result.Failures);
        Assert.Equal(stranger.Name, failure.Witness);
        Assert.Contains("404", failure.Reason, StringComparison.Ordinal);
        Assert.Throws<UnverifiedNoteException>(() => Note.Open(result.SignedNote, stranger.Key));
    }

    [Fact]
    public async Task Fewer_than_k_cosignatures_fail_naming_each_witness_and_why()
    {
        _transport.Unreachable.Add(_endpoints[0].SubmissionPrefix);
        _transport.Hanging.Add(_endpoints[1].SubmissionPrefix);

        WitnessQuorumException e = await Assert.ThrowsAsync<WitnessQuorumException>(() => Cosign(Client(2, timeoutSeconds: 0.5), 12));

        Assert.Equal(2, e.Required);
        Assert.Equal(1, e.Cosigned);
        Assert.Contains("业委会.example: unreachable: Connection refused", e.Message, StringComparison.Ordinal);
        Assert.Contains("居委会.example: timed out after 0.5 s", e.Message, StringComparison.Ordinal);
        Assert.Equal(["业委会.example", "居委会.example"], e.Failures.Select(f => f.Witness));
    }

    [Fact]
    public async Task Collecting_below_the_quorum_returns_the_cosignatures_obtained_and_each_failure()
    {
        _transport.Unreachable.Add(_endpoints[0].SubmissionPrefix);
        _transport.Unreachable.Add(_endpoints[1].SubmissionPrefix);
        WitnessClient client = Client(2);

        WitnessedCheckpoint result = await client.CollectAsync(_log.Signed(12), (from, _) => _log.ProveAsync(from, 12), TestContext.Current.CancellationToken);

        Assert.Equal(2, client.Quorum);
        Assert.Equal(["notary.example"], result.Cosigners);
        Assert.Equal(["业委会.example", "居委会.example"], result.Failures.Select(f => f.Witness));
        OpenedNote opened = Note.Open(result.SignedNote, [_log.Verifier, .. _endpoints.Select(e => e.Key)]);
        Assert.Equal([_log.Verifier.Name, "notary.example"], opened.Signatures.Select(s => s.Signature.Name));
    }

    [Fact]
    public async Task A_forked_checkpoint_is_refused_by_every_witness()
    {
        await Cosign(Client(3), 16);
        using TestLog fork = _log.Fork(sharedSize: 10);
        WitnessClient client = Client(1);
        await Cosign(client, 16);

        WitnessQuorumException e = await Assert.ThrowsAsync<WitnessQuorumException>(() =>
            client.CosignAsync(fork.Signed(20), (from, _) => fork.ProveAsync(from, 20), TestContext.Current.CancellationToken));
        Assert.Equal(3, e.Failures.Count);
        Assert.All(e.Failures, f => Assert.Contains("422", f.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cosignature_from_the_wrong_key_is_not_counted()
    {
        // The endpoint's configured key is not the key that witness signs with.
        using var impostor = CosignatureSigner.FromSeed("业委会.example", new byte[32], TimeProvider.System);
        _endpoints[0] = _endpoints[0] with { Key = impostor.Verifier };

        WitnessedCheckpoint result = await Cosign(Client(2), 12);
        Assert.Equal(2, result.Cosigners.Count);
        Assert.Contains("bad cosignature response", Assert.Single(result.Failures).Reason, StringComparison.Ordinal);
        Assert.Equal(3, Note.Open(result.SignedNote, [_log.Verifier, .. _endpoints.Skip(1).Select(e => e.Key)]).Signatures.Count);
    }

    [Fact]
    public void Quorum_must_be_between_1_and_n()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Client(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Client(4));
    }
}
