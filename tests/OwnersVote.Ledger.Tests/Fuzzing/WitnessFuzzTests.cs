namespace OwnersVote.Ledger.Tests.Fuzzing;

/// <summary>
/// Mutated add-checkpoint requests (c2sp.org/tlog-witness) against a witness that has cosigned the
/// log at size 10: parsing throws only MalformedWitnessRequestException, the witness answers every
/// request with a status, and it cosigns only a checkpoint the log signed that is consistent with
/// the one it holds — any other answer leaves its state untouched.
/// </summary>
public sealed class WitnessFuzzTests : IDisposable
{
    private const long Cosigned = 10;

    private readonly TestLog _log = TestLog.Create();
    private readonly CosignatureSigner _cosigner = CosignatureSigner.FromSeed("witness.example/w1", new byte[32], new FixedTimeProvider(1_700_000_000));

    public void Dispose()
    {
        _log.Dispose();
        _cosigner.Dispose();
    }

    [Fact]
    public async Task A_mutated_request_never_makes_the_witness_cosign_an_inconsistent_checkpoint()
    {
        List<byte[]> seeds =
        [
            .. new long[] { 11, 12, 16, 33, 63, 64 }.Select(size => new AddCheckpointRequest(Cosigned, _log.Prove(Cosigned, size), _log.Signed(size)).Format()),
            new AddCheckpointRequest(Cosigned, [], _log.Signed(Cosigned)).Format(),
            new AddCheckpointRequest(0, [], _log.Signed(5)).Format(),
            new AddCheckpointRequest(5, _log.Prove(5, 20), _log.Signed(20)).Format(),
        ];
        CosignatureVerifier cosignerKey = _cosigner.Verifier;
        FuzzReport report = await Fuzzer.RunAsync("Witness.AddCheckpointAsync", new Mutator(seeds, ["old ", "\n\n", "— ", "\n", "0", "10"], lines: true), seeds, async (input, cancellationToken) =>
        {
            string parsed;
            try
            {
                AddCheckpointRequest request = AddCheckpointRequest.Parse(input);
                Assert.True(request.OldSize >= 0 && request.ConsistencyProof.Count <= AddCheckpointRequest.MaxProofLines);
                parsed = "parsed";
            }
            catch (MalformedWitnessRequestException)
            {
                parsed = "malformed";
            }

            var store = new InMemoryWitnessStateStore();
            var held = new CosignedCheckpoint(_log.Checkpoint(Cosigned), _log.Signed(Cosigned));
            Assert.True(await store.CompareAndSwapAsync(_log.Origin, null, held, cancellationToken));
            var witness = new Witness([_cosigner], new Dictionary<string, IReadOnlyList<INoteVerifier>> { [_log.Origin] = [_log.Verifier] }, store);

            WitnessResponse response = await witness.AddCheckpointAsync(input, cancellationToken);
            CosignedCheckpoint? after = await store.GetAsync(_log.Origin, cancellationToken);
            if (response.StatusCode != 200)
            {
                Assert.Same(held, after);
                return $"{parsed}, {response.StatusCode}";
            }

            Assert.Equal("parsed", parsed);
            // Cosigned: the new checkpoint is the log's own at its size, no smaller than the one held,
            // and the cosignature is over exactly its text.
            Checkpoint checkpoint = after!.Checkpoint;
            Assert.InRange(checkpoint.Size, Cosigned, _log.Entries.Count);
            Assert.Equal(_log.Checkpoint(checkpoint.Size), checkpoint);
            byte[] cosigned = Note.Format(checkpoint.Format(), [.. response.BodyText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ParseLine)]);
            Assert.Equal(checkpoint, Checkpoint.Open(cosigned, cosignerKey).Checkpoint);
            return checkpoint.Size == Cosigned ? "re-cosigned" : "cosigned";
        });

        report.AssertReached(r => r.Count("cosigned") > 0 && r.Count("malformed, 400") > 0);
    }

    private static NoteSignature ParseLine(string line)
    {
        // "— <name> <base64>" as in a signed note.
        string[] parts = line.Split(' ');
        Assert.Equal(3, parts.Length);
        Assert.Equal("—", parts[0]);
        return new NoteSignature(parts[1], parts[2]);
    }
}
