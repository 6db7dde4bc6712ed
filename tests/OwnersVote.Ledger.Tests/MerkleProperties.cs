using FsCheck;
using FsCheck.Fluent;

namespace OwnersVote.Ledger.Tests;

/// <summary>Invariants over random tree sizes 0..5000 (FsCheck).</summary>
public sealed class MerkleProperties
{
    private static readonly Lazy<TreeFixture> s_tree = new(() => TreeFixture.WithEntries(5001));
    private static readonly Config s_config = Config.QuickThrowOnFailure.WithMaxTest(200);

    private static Arbitrary<int> Sizes => Gen.Choose(0, 5000).ToArbitrary();

    private static Arbitrary<(int Size1, int Size2)> SizePairs =>
        (from size2 in Gen.Choose(1, 5000)
         from size1 in Gen.Choose(1, size2)
         select (size1, size2)).ToArbitrary();

    private static Arbitrary<(int Index, int Size)> Leaves =>
        (from size in Gen.Choose(1, 5000)
         from index in Gen.Choose(0, size - 1)
         select (index, size)).ToArbitrary();

    [Fact]
    public void Incremental_root_equals_the_naive_recursive_mth()
    {
        TreeFixture fixture = s_tree.Value;
        Prop.ForAll(Sizes, size =>
        {
            var tree = new MerkleTree();
            for (int i = 0; i < size; i++)
            {
                Assert.Equal(i, tree.Append(fixture.Leaves[i]));
            }

            Hash naive = TreeFixture.NaiveMth(fixture.Leaves, 0, size);
            return tree.Size == size
                && tree.Root == naive
                && Merkle.TreeRoot(size, fixture) == naive
                && Merkle.Root([.. fixture.Leaves.Take(size)]) == naive
                && MerkleTree.FromHashSource(size, fixture).Root == naive;
        }).Check(s_config);
    }

    [Fact]
    public void Resumed_tree_keeps_appending_to_the_same_root()
    {
        TreeFixture fixture = s_tree.Value;
        Prop.ForAll(SizePairs, pair =>
        {
            MerkleTree tree = MerkleTree.FromHashSource(pair.Size1, fixture);
            for (int i = pair.Size1; i < pair.Size2; i++)
            {
                tree.Append(fixture.Leaves[i]);
            }

            return tree.Root == Merkle.TreeRoot(pair.Size2, fixture);
        }).Check(s_config);
    }

    [Fact]
    public void Every_inclusion_proof_verifies_and_any_change_breaks_it()
    {
        TreeFixture fixture = s_tree.Value;
        Prop.ForAll(Leaves, Gen.Choose(0, 255).ToArbitrary(), (leaf, bit) =>
        {
            (int index, int size) = leaf;
            Hash root = Merkle.TreeRoot(size, fixture);
            Hash leafHash = fixture.Leaves[index];
            IReadOnlyList<Hash> proof = InclusionProof.Create(index, size, fixture);
            Assert.True(InclusionProof.Verify(index, size, leafHash, proof, root));

            for (int i = 0; i < proof.Count; i++)
            {
                Hash[] tampered = [.. proof];
                tampered[i] = FlipBit(proof[i], bit);
                Assert.False(InclusionProof.Verify(index, size, leafHash, tampered, root));
            }

            Assert.False(InclusionProof.Verify(index, size, FlipBit(leafHash, bit), proof, root));
            Assert.False(InclusionProof.Verify(index, size, leafHash, proof, FlipBit(root, bit)));
            // The size is bound through the root: a proof for one size never verifies against the
            // head of another (the path shape may coincide, e.g. leaf 0 in trees of 5 to 8).
            Assert.False(InclusionProof.Verify(index, size + 1, leafHash, proof, Merkle.TreeRoot(size + 1, fixture)));
            if (index < size - 1)
            {
                Assert.False(InclusionProof.Verify(index, size - 1, leafHash, proof, Merkle.TreeRoot(size - 1, fixture)));
            }

            Assert.False(InclusionProof.Verify(index, index, leafHash, proof, root));
            Assert.False(InclusionProof.Verify(-1, size, leafHash, proof, root));
            Assert.False(InclusionProof.Verify(index, size, leafHash, [.. proof, root], root));
            if (proof.Count > 0)
            {
                Assert.False(InclusionProof.Verify(index, size, leafHash, [.. proof.Skip(1)], root));
            }

            if (size > 1)
            {
                int other = (index + 1) % size;
                Assert.False(InclusionProof.Verify(other, size, leafHash, proof, root));
                Assert.False(InclusionProof.Verify(index, size, fixture.Leaves[other], proof, root));
            }

            return true;
        }).Check(s_config);
    }

    [Fact]
    public void Every_consistency_proof_verifies_and_any_change_breaks_it()
    {
        TreeFixture fixture = s_tree.Value;
        Prop.ForAll(SizePairs, Gen.Choose(0, 255).ToArbitrary(), (pair, bit) =>
        {
            (int size1, int size2) = pair;
            Hash root1 = Merkle.TreeRoot(size1, fixture);
            Hash root2 = Merkle.TreeRoot(size2, fixture);
            IReadOnlyList<Hash> proof = ConsistencyProof.Create(size1, size2, fixture);
            Assert.True(ConsistencyProof.Verify(size1, size2, root1, root2, proof));

            for (int i = 0; i < proof.Count; i++)
            {
                Hash[] tampered = [.. proof];
                tampered[i] = FlipBit(proof[i], bit);
                Assert.False(ConsistencyProof.Verify(size1, size2, root1, root2, tampered));
            }

            Assert.False(ConsistencyProof.Verify(size1, size2, FlipBit(root1, bit), root2, proof));
            Assert.False(ConsistencyProof.Verify(size1, size2, root1, FlipBit(root2, bit), proof));
            Assert.False(ConsistencyProof.Verify(size1, size2 + 1, root1, Merkle.TreeRoot(size2 + 1, fixture), proof));
            Assert.False(ConsistencyProof.Verify(size1 + 1, size2, Merkle.TreeRoot(size1 + 1, fixture), root2, proof));
            Assert.False(ConsistencyProof.Verify(size1 - 1, size2, size1 > 1 ? Merkle.TreeRoot(size1 - 1, fixture) : root1, root2, proof));
            Assert.False(ConsistencyProof.Verify(0, size2, root1, root2, proof));
            Assert.False(ConsistencyProof.Verify(size1, size2, root1, root2, [.. proof, root1]));
            if (proof.Count > 0)
            {
                Assert.False(ConsistencyProof.Verify(size1, size2, root1, root2, [.. proof.Skip(1)]));
                Assert.False(ConsistencyProof.Verify(size1, size2, root1, root2, [.. proof.Take(proof.Count - 1)]));
            }

            return true;
        }).Check(s_config);
    }

    internal static Hash FlipBit(Hash hash, int bit)
    {
        byte[] bytes = hash.Bytes.ToArray();
        bytes[bit / 8] ^= (byte)(1 << (bit % 8));
        return Hash.FromBytes(bytes);
    }
}
