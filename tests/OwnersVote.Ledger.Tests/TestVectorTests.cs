using System.Text.Json;

namespace OwnersVote.Ledger.Tests;

/// <summary>The RFC 6962 inclusion and consistency vectors of transparency-dev/merkle, unchanged.</summary>
public sealed class TestVectorTests
{
    private static readonly string s_root = Path.Combine(AppContext.BaseDirectory, "testvectors", "rfc6962", "testdata");

    public static TheoryData<string> InclusionVectors() => Vectors("inclusion");

    public static TheoryData<string> ConsistencyVectors() => Vectors("consistency");

    [Theory]
    [MemberData(nameof(InclusionVectors))]
    public void Inclusion_vector_is_accepted_or_rejected_as_specified(string file)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(s_root, file)));
        JsonElement v = doc.RootElement;
        // Go's uint64 index; the vectors' 2^64 - 1 ("leafIdx sub @1" from 0) becomes -1, which
        // Verify must reject like any index outside [0, treeSize).
        long index = unchecked((long)v.GetProperty("leafIdx").GetUInt64());
        long size = v.GetProperty("treeSize").GetInt64();
        byte[] root = Bytes(v.GetProperty("root"));
        byte[] leaf = Bytes(v.GetProperty("leafHash"));
        byte[][] proof = Proof(v.GetProperty("proof"));
        bool wantErr = v.GetProperty("wantErr").GetBoolean();

        bool ok = InclusionProof.Verify(index, size, leaf, proof, root);

        Assert.Equal(!wantErr, ok);
        if (IsHash(root) && IsHash(leaf) && proof.All(IsHash))
        {
            Assert.Equal(ok, InclusionProof.Verify(index, size, Hash.FromBytes(leaf), [.. proof.Select(p => Hash.FromBytes(p))], Hash.FromBytes(root)));
        }
    }

    [Theory]
    [MemberData(nameof(ConsistencyVectors))]
    public void Consistency_vector_is_accepted_or_rejected_as_specified(string file)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(s_root, file)));
        JsonElement v = doc.RootElement;
        long size1 = v.GetProperty("size1").GetInt64();
        long size2 = v.GetProperty("size2").GetInt64();
        byte[] root1 = Bytes(v.GetProperty("root1"));
        byte[] root2 = Bytes(v.GetProperty("root2"));
        byte[][] proof = Proof(v.GetProperty("proof"));
        bool wantErr = v.GetProperty("wantErr").GetBoolean();

        bool ok = ConsistencyProof.Verify(size1, size2, root1, root2, proof);

        Assert.Equal(!wantErr, ok);
        if (IsHash(root1) && IsHash(root2) && proof.All(IsHash))
        {
            Assert.Equal(ok, ConsistencyProof.Verify(size1, size2, Hash.FromBytes(root1), Hash.FromBytes(root2), [.. proof.Select(p => Hash.FromBytes(p))]));
        }
    }

    [Fact]
    public void Every_vector_file_is_run()
    {
        Assert.Equal(Directory.GetFiles(s_root, "*.json", SearchOption.AllDirectories).Length, InclusionVectors().Count + ConsistencyVectors().Count);
        Assert.True(InclusionVectors().Count > 50);
        Assert.True(ConsistencyVectors().Count > 50);
    }

    private static TheoryData<string> Vectors(string kind)
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(s_root, kind), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(s_root, file));
        }

        return data;
    }

    private static bool IsHash(byte[] bytes) => bytes.Length == Hash.Size;

    private static byte[] Bytes(JsonElement element) => Convert.FromBase64String(element.GetString()!);

    // A JSON null proof is the empty proof (Go's nil slice).
    private static byte[][] Proof(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null ? [] : [.. element.EnumerateArray().Select(Bytes)];
}
