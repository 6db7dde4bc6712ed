namespace OwnersVote.Ledger.Tests.Fuzzing;

/// <summary>
/// Mutated receipts (c2sp.org/tlog-proof) and proofs (RFC 9162 §2.1.3.2, §2.1.4.2): parsing throws
/// only MalformedReceiptException, verification returns a value, and nothing verifies for an entry
/// or tree the log does not hold.
/// </summary>
public sealed class ReceiptFuzzTests : IDisposable
{
    private const int Size = 40;

    private readonly TestLog _log = TestLog.Create();
    private readonly CosignatureSigner _cosigner = CosignatureSigner.FromSeed("witness.example/w1", new byte[32], new FixedTimeProvider(1_700_000_000));

    public void Dispose()
    {
        _log.Dispose();
        _cosigner.Dispose();
    }

    [Fact]
    public async Task A_mutated_receipt_never_verifies_for_another_entry()
    {
        byte[] checkpoint = Note.AddSignatures(_log.Signed(Size), _cosigner);
        List<byte[]> seeds =
        [
            .. new long[] { 0, 1, 2, 17, 31, 32, 39 }.Select(i => new Receipt(i, InclusionProof.Create(i, Size, _log.Tree), checkpoint).Format()),
            new Receipt(5, InclusionProof.Create(5, Size, _log.Tree), checkpoint, [1, 2, 3]).Format(),
            new Receipt(0, [], _log.Signed(1)).Format(),
        ];
        Hash foreign = Merkle.HashLeaf("not in the log"u8);
        INoteVerifier[] logKeys = [_log.Verifier];
        INoteVerifier[] witnessKeys = [_cosigner.Verifier];
        FuzzReport report = await Fuzzer.RunAsync("Receipt.Verify", new Mutator(seeds, [Receipt.Header, "extra ", "index ", "\n\n", "— "], lines: true), seeds, input =>
        {
            Receipt receipt;
            try
            {
                receipt = Receipt.Parse(input);
            }
            catch (MalformedReceiptException)
            {
                return "malformed";
            }

            string outcome = "rejected";
            long index = receipt.Index;
            Hash[] candidates = [_log.Tree.Leaves[(int)(index % Size)], _log.Tree.Leaves[(int)(((index % Size) + 1) % Size)], foreign];
            foreach (Hash leaf in candidates)
            {
                foreach (int required in new[] { 0, 1 })
                {
                    ReceiptVerification verification = receipt.Verify(leaf, _log.Origin, logKeys, witnessKeys, required);
                    if (!verification.IsVerified)
                    {
                        Assert.NotNull(verification.Failure);
                        continue;
                    }

                    // Verified: the checkpoint is the log's own and the leaf is the log's entry at the index.
                    Checkpoint verified = verification.Checkpoint!;
                    Assert.Equal(_log.Checkpoint(verified.Size), verified);
                    Assert.True(index < verified.Size);
                    Assert.Equal(_log.Tree.Leaves[(int)index], leaf);
                    Assert.True(verification.Cosigners.Count >= required);
                    outcome = "verified";
                }
            }

            return outcome;
        });

        report.AssertReached(r => r.Count("verified") >= seeds.Count && r.Count("rejected") > 0 && r.Count("malformed") > 0);
    }

    [Fact]
    public async Task A_mutated_inclusion_proof_verifies_only_as_the_genuine_proof()
    {
        FuzzReport report = await Fuzzer.RunAsync(
            "InclusionProof.Verify",
            (random, _) =>
            {
                long size = random.Next(1, _log.Entries.Count + 1);
                long index = random.Next((int)size);
                List<byte[]> proof = [.. InclusionProof.Create(index, size, _log.Tree).Select(h => h.Bytes.ToArray())];
                byte[] leaf = _log.Tree.Leaves[(int)index].Bytes.ToArray();
                byte[] root = Merkle.TreeRoot(size, _log.Tree).Bytes.ToArray();
                var c = new ProofCase(index, size, leaf, proof, root);
                return random.Next(16) == 0 ? c : ProofCase.Mutate(random, c, _log.Tree);
            },
            c => c.ToString(),
            (c, _) =>
            {
                if (!InclusionProof.Verify(c.First, c.Second, c.Leaf, c.Proof, c.Root))
                {
                    return ValueTask.FromResult("rejected");
                }

                // A proof binds a leaf to a root only for that root's tree: with an invented root
                // anything can be "included" (RFC 9162 §2.1.3: the root must come from a signed tree
                // head). With the log's own root of that size, only the log's leaf and audit path pass.
                if (c.Second > _log.Entries.Count || !c.Root.AsSpan().SequenceEqual(Merkle.TreeRoot(c.Second, _log.Tree).Bytes))
                {
                    return ValueTask.FromResult("verified against an invented root");
                }

                Assert.InRange(c.First, 0, c.Second - 1);
                Assert.True(c.Leaf.AsSpan().SequenceEqual(_log.Tree.Leaves[(int)c.First].Bytes), "forgery: another leaf proved included in the log's tree");
                Assert.Equal(InclusionProof.Create(c.First, c.Second, _log.Tree).Select(h => h.ToBase64()), c.Proof.Select(Convert.ToBase64String));
                return ValueTask.FromResult("verified");
            });

        report.AssertReached(r => r.Count("verified") > 0 && r.Count("rejected") > 0);
    }

    [Fact]
    public async Task A_mutated_consistency_proof_verifies_only_as_the_genuine_proof()
    {
        FuzzReport report = await Fuzzer.RunAsync(
            "ConsistencyProof.Verify",
            (random, _) =>
            {
                long second = random.Next(1, _log.Entries.Count + 1);
                long first = random.Next(1, (int)second + 1);
                List<byte[]> proof = [.. ConsistencyProof.Create(first, second, _log.Tree).Select(h => h.Bytes.ToArray())];
                var c = new ProofCase(first, second, Merkle.TreeRoot(first, _log.Tree).Bytes.ToArray(), proof, Merkle.TreeRoot(second, _log.Tree).Bytes.ToArray());
                return random.Next(16) == 0 ? c : ProofCase.Mutate(random, c, _log.Tree);
            },
            c => c.ToString(),
            (c, _) =>
            {
                if (!ConsistencyProof.Verify(c.First, c.Second, c.Leaf, c.Root, c.Proof))
                {
                    return ValueTask.FromResult("rejected");
                }

                // Any tree can be extended: an invented new root proves nothing about the log. But
                // when the new root is the log's own for its size, the old root must be the log's too.
                if (c.Second > _log.Entries.Count || !c.Root.AsSpan().SequenceEqual(Merkle.TreeRoot(c.Second, _log.Tree).Bytes))
                {
                    return ValueTask.FromResult("verified against an invented new root");
                }

                Assert.InRange(c.First, 1, c.Second);
                Assert.True(c.Leaf.AsSpan().SequenceEqual(Merkle.TreeRoot(c.First, _log.Tree).Bytes), "forgery: the log's tree proved to extend a tree it does not extend");
                Assert.Equal(ConsistencyProof.Create(c.First, c.Second, _log.Tree).Select(h => h.ToBase64()), c.Proof.Select(Convert.ToBase64String));
                return ValueTask.FromResult("verified");
            });

        report.AssertReached(r => r.Count("verified") > 0 && r.Count("rejected") > 0);
    }

    /// <summary>
    /// A proof and what it claims: for inclusion (index, size, leaf hash, root), for consistency
    /// (old size, new size, old root, new root).
    /// </summary>
    private sealed record ProofCase(long First, long Second, byte[] Leaf, List<byte[]> Proof, byte[] Root)
    {
        private static readonly long[] s_sizes = [-1, 0, 1, 2, 63, 64, 65, int.MaxValue, long.MaxValue - 1, long.MaxValue, long.MinValue];

        public static ProofCase Mutate(Random random, ProofCase c, TreeFixture tree)
        {
            List<byte[]> proof = [.. c.Proof];
            (long first, long second, byte[] leaf, byte[] root) = (c.First, c.Second, c.Leaf, c.Root);
            for (int n = 1 + random.Next(2); n > 0; n--)
            {
                switch (random.Next(12))
                {
                    case 0 when proof.Count > 0:
                        int at = random.Next(proof.Count);
                        byte[] flipped = [.. proof[at]];
                        if (flipped.Length > 0)
                        {
                            flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                        }

                        proof[at] = flipped;
                        break;
                    case 1 when proof.Count > 0:
                        proof.RemoveAt(random.Next(proof.Count));
                        break;
                    case 2 when proof.Count > 0:
                        proof.Insert(random.Next(proof.Count + 1), proof[random.Next(proof.Count)]);
                        break;
                    case 3 when proof.Count > 1:
                        int a = random.Next(proof.Count);
                        int b = random.Next(proof.Count);
                        (proof[a], proof[b]) = (proof[b], proof[a]);
                        break;
                    case 4:
                        proof.Insert(random.Next(proof.Count + 1), tree.Leaves[random.Next(tree.Leaves.Count)].Bytes.ToArray());
                        break;
                    case 5 when proof.Count > 0:
                        // A hash of the wrong length.
                        int cut = random.Next(proof.Count);
                        proof[cut] = proof[cut][..random.Next(proof[cut].Length + 1)];
                        break;
                    case 6:
                        first = random.Next(3) == 0 ? s_sizes[random.Next(s_sizes.Length)] : first + random.Next(-2, 3);
                        break;
                    case 7:
                        second = random.Next(3) == 0 ? s_sizes[random.Next(s_sizes.Length)] : second + random.Next(-2, 3);
                        break;
                    case 8:
                        leaf = random.Next(2) == 0 ? root : tree.Leaves[random.Next(tree.Leaves.Count)].Bytes.ToArray();
                        break;
                    case 9:
                        root = random.Next(2) == 0 ? leaf : Merkle.TreeRoot(random.Next(1, tree.Leaves.Count + 1), tree).Bytes.ToArray();
                        break;
                    case 10:
                        proof.Clear();
                        break;
                    default:
                        (leaf, root) = (random.Next(2) == 0 ? leaf[..random.Next(leaf.Length)] : leaf, random.Next(2) == 0 ? [] : root);
                        break;
                }
            }

            return new ProofCase(first, second, leaf, proof, root);
        }

        public override string ToString() =>
            $"first {First}, second {Second}, leaf/root1 {Convert.ToBase64String(Leaf)}, root {Convert.ToBase64String(Root)}, proof [{string.Join(", ", Proof.Select(Convert.ToBase64String))}]";
    }
}
