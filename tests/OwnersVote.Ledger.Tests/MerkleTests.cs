using System.Text;

namespace OwnersVote.Ledger.Tests;

public sealed class MerkleTests
{
    [Fact]
    public void Empty_root_is_sha256_of_nothing()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Merkle.EmptyRoot.ToHex());
        Assert.Equal(Merkle.EmptyRoot, new MerkleTree().Root);
    }

    [Fact]
    public void Leaf_and_node_hashes_carry_the_rfc_9162_domain_prefixes()
    {
        byte[] entry = Encoding.UTF8.GetBytes("hello");
        Assert.Equal(Hash.Sha256([0x00, .. entry]), Merkle.HashLeaf(entry));
        Hash a = Merkle.HashLeaf([1]);
        Hash b = Merkle.HashLeaf([2]);
        Assert.Equal(Hash.Sha256([0x01, .. a.Bytes, .. b.Bytes]), Merkle.HashChildren(a, b));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1023)]
    [InlineData(1024)]
    [InlineData(1025)]
    [InlineData(65_535)]
    [InlineData(70_000)]
    public void Leaf_hash_of_an_entry_of_any_length_is_sha256_of_zero_and_the_entry(int length)
    {
        byte[] entry = new byte[length];
        new Random(7).NextBytes(entry);
        Assert.Equal(Hash.Sha256([0x00, .. entry]), Merkle.HashLeaf(entry));
    }

    [Fact]
    public void Root_of_the_rfc_6962_reference_tree_of_eight_leaves_matches_the_vectors()
    {
        // The transparency-dev/merkle reference leaves; roots quoted in testdata/inclusion/1/happy-path.json.
        byte[][] leaves =
        [
            [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
            [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
            [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
        ];
        Hash root = Merkle.Root([.. leaves.Select(l => Merkle.HashLeaf(l))]);
        Assert.Equal("XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=", root.ToBase64());
    }
}
