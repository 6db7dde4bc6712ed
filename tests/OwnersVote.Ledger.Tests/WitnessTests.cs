using System.Text;

namespace OwnersVote.Ledger.Tests;

public sealed class WitnessTests : IDisposable
{
    private readonly TestLog _log = TestLog.Create();
    private readonly CosignatureSigner _cosigner = CosignatureSigner.FromSeed("witness.example/w1", new byte[32], new FixedTimeProvider(1_700_000_000));
    private readonly string _dir = Directory.CreateTempSubdirectory("ov-witness-").FullName;
    private readonly List<IDisposable> _stores = [];

    public static TheoryData<string> Stores => ["memory", "file"];

    public void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        _log.Dispose();
        _cosigner.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private IWitnessStateStore Store(string kind)
    {
        if (kind == "memory")
        {
            return new InMemoryWitnessStateStore();
        }

        var store = new FileWitnessStateStore(Path.Combine(_dir, Guid.NewGuid().ToString("n")));
        _stores.Add(store);
        return store;
    }

    private Witness NewWitness(IWitnessStateStore store) =>
        new([_cosigner], new Dictionary<string, IReadOnlyList<INoteVerifier>> { [_log.Origin] = [_log.Verifier] }, store);

    private static Task<WitnessResponse> Add(Witness witness, long oldSize, IReadOnlyList<Hash> proof, byte[] checkpoint) =>
        witness.AddCheckpointAsync(new AddCheckpointRequest(oldSize, proof, checkpoint).Format(), TestContext.Current.CancellationToken);

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task First_checkpoint_is_cosigned_and_the_cosignature_verifies(string kind)
    {
        Witness witness = NewWitness(Store(kind));
        byte[] checkpoint = _log.Signed(5);
        WitnessResponse response = await Add(witness, 0, [], checkpoint);

        Assert.Equal(200, response.StatusCode);
        string line = Assert.Single(response.BodyText.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("— witness.example/w1 ", line, StringComparison.Ordinal);
        byte[] cosigned = [.. checkpoint, .. response.Body];
        OpenedNote opened = Note.Open(cosigned, _log.Verifier, _cosigner.Verifier);
        Assert.Equal(2, opened.Signatures.Count);
        Assert.Equal(1_700_000_000, CosignatureVerifier.Timestamp(opened.Signatures[1].Signature));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_consistent_newer_checkpoint_is_cosigned(string kind)
    {
        Witness witness = NewWitness(Store(kind));
        Assert.Equal(200, (await Add(witness, 0, [], _log.Signed(5))).StatusCode);
        Assert.Equal(200, (await Add(witness, 5, _log.Prove(5, 13), _log.Signed(13))).StatusCode);
        Assert.Equal(200, (await Add(witness, 13, [], _log.Signed(13))).StatusCode);
        Assert.Equal(200, (await Add(witness, 13, _log.Prove(13, 64), _log.Signed(64))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Stale_old_size_gets_409_with_the_witness_size_as_text_x_tlog_size(string kind)
    {
        Witness witness = NewWitness(Store(kind));
        Assert.Equal(200, (await Add(witness, 0, [], _log.Signed(8))).StatusCode);

        WitnessResponse response = await Add(witness, 0, [], _log.Signed(9));
        Assert.Equal(409, response.StatusCode);
        Assert.Equal("text/x.tlog.size", response.ContentType);
        Assert.Equal("8\n", response.BodyText);
        Assert.Equal(8, response.ConflictSize());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Rollback_to_an_older_checkpoint_is_refused(string kind)
    {
        Witness witness = NewWitness(Store(kind));
        Assert.Equal(200, (await Add(witness, 0, [], _log.Signed(8))).StatusCode);

        // Claiming the witness's size: the old size is above the checkpoint size, 400.
        Assert.Equal(400, (await Add(witness, 8, [], _log.Signed(5))).StatusCode);

        // Claiming an older size the witness has moved past: 409 with its size.
        WitnessResponse stale = await Add(witness, 3, _log.Prove(3, 5), _log.Signed(5));
        Assert.Equal(409, stale.StatusCode);
        Assert.Equal(8, stale.ConflictSize());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_fork_of_the_same_size_gets_409(string kind)
    {
        using TestLog fork = _log.Fork(sharedSize: 4);
        Witness witness = NewWitness(Store(kind));
        Assert.Equal(200, (await Add(witness, 0, [], _log.Signed(8))).StatusCode);

        WitnessResponse response = await Add(witness, 8, [], fork.Signed(8));
        Assert.Equal(409, response.StatusCode);
        Assert.Null(response.ConflictSize());
        Assert.Contains("root differs", response.BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_fork_that_grows_gets_422_because_no_consistency_proof_verifies(string kind)
    {
        using TestLog fork = _log.Fork(sharedSize: 4);
        Witness witness = NewWitness(Store(kind));
        Assert.Equal(200, (await Add(witness, 0, [], _log.Signed(8))).StatusCode);

        Assert.Equal(422, (await Add(witness, 8, fork.Prove(8, 12), fork.Signed(12))).StatusCode);
        Assert.Equal(422, (await Add(witness, 8, _log.Prove(8, 12), fork.Signed(12))).StatusCode);

        // The witness still stands at the honest size 8 and cosigns the honest log.
        Assert.Equal(200, (await Add(witness, 8, _log.Prove(8, 12), _log.Signed(12))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Tampered_or_misplaced_consistency_proofs_get_422(string kind)
    {
        Witness witness = NewWitness(Store(kind));
        Assert.Equal(200, (await Add(witness, 0, [], _log.Signed(8))).StatusCode);

        IReadOnlyList<Hash> proof = _log.Prove(8, 13);
        for (int i = 0; i < proof.Count; i++)
        {
            Hash[] bad = [.. proof];
            byte[] bytes = bad[i].Bytes.ToArray();
            bytes[0] ^= 1;
            bad[i] = Hash.FromBytes(bytes);
            Assert.Equal(422, (await Add(witness, 8, bad, _log.Signed(13))).StatusCode);
        }

        Assert.Equal(422, (await Add(witness, 8, proof.Take(proof.Count - 1).ToList(), _log.Signed(13))).StatusCode);
        Assert.Equal(422, (await Add(witness, 8, [.. proof, proof[0]], _log.Signed(13))).StatusCode);
        Assert.Equal(422, (await Add(witness, 8, [proof[0]], _log.Signed(8))).StatusCode);
    }

    [Fact]
    public async Task A_proof_from_size_zero_must_be_empty()
    {
        Witness witness = NewWitness(new InMemoryWitnessStateStore());
        Assert.Equal(422, (await Add(witness, 0, [Merkle.EmptyRoot], _log.Signed(5))).StatusCode);
        Assert.Equal(200, (await Add(witness, 0, [], _log.Signed(5))).StatusCode);
    }

    [Fact]
    public async Task The_empty_tree_is_cosigned_only_with_the_empty_root()
    {
        Witness witness = NewWitness(new InMemoryWitnessStateStore());
        byte[] wrongRoot = new Checkpoint(_log.Origin, 0, Hash.Sha256("x"u8)).Sign(_log.Key);
        Assert.Equal(409, (await Add(witness, 0, [], wrongRoot)).StatusCode);
        Assert.Equal(200, (await Add(witness, 0, [], _log.Signed(0))).StatusCode);
        Assert.Equal(200, (await Add(witness, 0, [], _log.Signed(3))).StatusCode);
    }

    [Fact]
    public async Task Unknown_origin_gets_404()
    {
        using TestLog other = TestLog.Create("other.example/log");
        Witness witness = NewWitness(new InMemoryWitnessStateStore());
        Assert.Equal(404, (await Add(witness, 0, [], other.Signed(5))).StatusCode);
    }

    [Fact]
    public async Task A_checkpoint_not_signed_by_a_known_key_gets_403()
    {
        Witness witness = NewWitness(new InMemoryWitnessStateStore());

        // Same origin and key name, another key: its signature is from an unknown key.
        using TestLog impostor = TestLog.Create(keySeed: 9);
        Assert.Equal(403, (await Add(witness, 0, [], impostor.Signed(5))).StatusCode);

        // The known key with a signature over other text.
        string text = Encoding.UTF8.GetString(_log.Signed(5));
        string forged = _log.Checkpoint(6).Format() + text[text.IndexOf("\n—", StringComparison.Ordinal)..];
        Assert.Equal(403, (await Add(witness, 0, [], Encoding.UTF8.GetBytes(forged))).StatusCode);
    }

    [Fact]
    public async Task Signatures_from_unknown_keys_are_ignored_beside_a_valid_log_signature()
    {
        Witness witness = NewWitness(new InMemoryWitnessStateStore());
        using NoteSigner stranger = NoteSigner.FromSeed("stranger.example", new byte[32]);
        byte[] checkpoint = Note.AddSignatures(_log.Signed(5), stranger);
        Assert.Equal(200, (await Add(witness, 0, [], checkpoint)).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("old 0\n")]
    [InlineData("old 0\n\n")]
    [InlineData("old 00\n\nCHECKPOINT")]
    [InlineData("old -1\n\nCHECKPOINT")]
    [InlineData("old  0\n\nCHECKPOINT")]
    [InlineData("new 0\n\nCHECKPOINT")]
    [InlineData("old 0\nnot base64\n\nCHECKPOINT")]
    [InlineData("old 0\nAAAA\n\nCHECKPOINT")]
    [InlineData("old 0\r\n\nCHECKPOINT")]
    [InlineData("old 0\nCHECKPOINT")]
    [InlineData("old 0\n\nnot a note\n")]
    [InlineData("old 0\n\nbad checkpoint\n\n— ownersvote.example/log AAAAAAE=\n")]
    public async Task Malformed_requests_get_400(string body)
    {
        Witness witness = NewWitness(new InMemoryWitnessStateStore());
        byte[] bytes = Encoding.UTF8.GetBytes(body.Replace("CHECKPOINT", Encoding.UTF8.GetString(_log.Signed(5)), StringComparison.Ordinal));
        WitnessResponse response = await witness.AddCheckpointAsync(bytes, TestContext.Current.CancellationToken);
        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public async Task More_than_63_proof_lines_get_400()
    {
        Witness witness = NewWitness(new InMemoryWitnessStateStore());
        string proof = string.Concat(Enumerable.Repeat(Merkle.EmptyRoot.ToBase64() + "\n", 64));
        byte[] body = [.. Encoding.ASCII.GetBytes($"old 0\n{proof}\n"), .. _log.Signed(5)];
        Assert.Equal(400, (await witness.AddCheckpointAsync(body, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Of_concurrent_requests_from_the_same_old_size_exactly_one_is_cosigned(string kind)
    {
        IWitnessStateStore store = Store(kind);
        Witness witness = NewWitness(store);
        Assert.Equal(200, (await Add(witness, 0, [], _log.Signed(5))).StatusCode);

        WitnessResponse[] responses = await Task.WhenAll(Enumerable.Range(6, 30).Select(size =>
            Task.Run(() => Add(witness, 5, _log.Prove(5, size), _log.Signed(size)), TestContext.Current.CancellationToken)));

        Assert.Single(responses, r => r.StatusCode == 200);
        Assert.All(responses.Where(r => r.StatusCode != 200), r => Assert.Equal(409, r.StatusCode));
        int winner = Array.FindIndex(responses, r => r.StatusCode == 200) + 6;
        CosignedCheckpoint? latest = await store.GetAsync(_log.Origin, TestContext.Current.CancellationToken);
        Assert.Equal(winner, latest!.Checkpoint.Size);
        Assert.All(responses.Where(r => r.StatusCode == 409), r => Assert.Equal(winner, r.ConflictSize()));
    }

    [Fact]
    public async Task Two_processes_sharing_a_state_directory_cannot_both_cosign_from_the_same_size()
    {
        // Two store instances over one directory stand for two witness processes.
        string dir = Path.Combine(_dir, "shared");
        using var storeA = new FileWitnessStateStore(dir);
        using var storeB = new FileWitnessStateStore(dir);
        Witness a = NewWitness(storeA);
        Witness b = NewWitness(storeB);
        Assert.Equal(200, (await Add(a, 0, [], _log.Signed(5))).StatusCode);

        WitnessResponse[] responses = await Task.WhenAll(Enumerable.Range(6, 20).Select(size =>
            Task.Run(() => Add(size % 2 == 0 ? a : b, 5, _log.Prove(5, size), _log.Signed(size)), TestContext.Current.CancellationToken)));

        Assert.Single(responses, r => r.StatusCode == 200);
        Assert.All(responses.Where(r => r.StatusCode != 200), r => Assert.Equal(409, r.StatusCode));
    }

    [Fact]
    public async Task File_store_survives_a_restart_and_leaves_no_temporary_file()
    {
        string dir = Path.Combine(_dir, "state");
        using (var store = new FileWitnessStateStore(dir))
        {
            Assert.Equal(200, (await Add(NewWitness(store), 0, [], _log.Signed(7))).StatusCode);
        }

        using var reopened = new FileWitnessStateStore(dir);
        Witness witness = NewWitness(reopened);
        Assert.Equal(7, (await Add(witness, 0, [], _log.Signed(9))).ConflictSize());
        Assert.Equal(200, (await Add(witness, 7, _log.Prove(7, 9), _log.Signed(9))).StatusCode);
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
        Assert.Single(Directory.GetFiles(dir, "*.checkpoint"));
    }

    [Fact]
    public async Task Two_cosigner_keys_give_two_cosignature_lines()
    {
        using CosignatureSigner second = CosignatureSigner.FromSeed("witness.example/w1-ml", Enumerable.Repeat((byte)3, 32).ToArray(), TimeProvider.System);
        var witness = new Witness(
            [_cosigner, second],
            new Dictionary<string, IReadOnlyList<INoteVerifier>> { [_log.Origin] = [_log.Verifier] },
            new InMemoryWitnessStateStore());
        WitnessResponse response = await Add(witness, 0, [], _log.Signed(5));
        OpenedNote opened = Note.Open([.. _log.Signed(5), .. response.Body], _cosigner.Verifier, second.Verifier);
        Assert.Equal(2, opened.Signatures.Count);
    }

    [Fact]
    public void Request_bodies_round_trip()
    {
        var request = new AddCheckpointRequest(13, _log.Prove(13, 40), _log.Signed(40));
        byte[] body = request.Format();
        Assert.StartsWith("old 13\n", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        AddCheckpointRequest parsed = AddCheckpointRequest.Parse(body);
        Assert.Equal(13, parsed.OldSize);
        Assert.Equal(request.ConsistencyProof, parsed.ConsistencyProof);
        Assert.Equal(request.Checkpoint, parsed.Checkpoint);
    }
}
