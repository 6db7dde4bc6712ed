namespace OwnersVote.Ledger.Tests;

public sealed class NoteKeyTests
{
    [Fact]
    public void Signer_key_from_the_vector_has_the_vector_key_id_and_verifier_key()
    {
        using NoteSigner signer = NoteSigner.Parse(SignedNoteVectors.SignerKey);
        Assert.Equal("PeterNeumann", signer.Name);
        Assert.Equal(SignedNoteVectors.Get("sign-and-open", "keyId"), signer.KeyId.ToString("x8", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(SignedNoteVectors.VerifierKey, signer.VerifierKey);
    }

    [Fact]
    public void Verifier_key_with_plus_in_its_base64_is_split_at_the_first_two_plus_only()
    {
        // The vector's signer key has '+' inside its base64 part.
        Assert.Contains('+', SignedNoteVectors.SignerKey.Split('+', 5)[4]);
        NoteVerifier verifier = NoteVerifier.Parse(SignedNoteVectors.VerifierKey);
        Assert.Equal("PeterNeumann", verifier.Name);
        Assert.Equal(0xc74f20a3u, verifier.KeyId);
        Assert.Equal(SignedNoteVectors.VerifierKey, verifier.VerifierKey);
    }

    [Fact]
    public void Verifier_key_whose_base64_contains_plus_round_trips()
    {
        using NoteSigner enoch = SignedNoteVectors.EnochRoot();
        string vkey = enoch.VerifierKey;
        NoteVerifier parsed = NoteVerifier.Parse(vkey);
        Assert.Equal(enoch.KeyId, parsed.KeyId);
        for (int i = 0; i < 50; i++)
        {
            NoteKeyPair pair = NoteSigner.Generate("example.com/k" + i);
            using NoteSigner signer = NoteSigner.Parse(pair.SignerKey);
            Assert.Equal(pair.VerifierKey, signer.VerifierKey);
            Assert.Equal(signer.KeyId, NoteVerifier.Parse(pair.VerifierKey).KeyId);
        }
    }

    [Fact]
    public void Mismatched_key_id_is_rejected_for_verifier_and_signer_keys()
    {
        string badVerifier = SignedNoteVectors.VerifierKey.Replace("+c74f20a3+", "+c74f20a4+", StringComparison.Ordinal);
        string badSigner = SignedNoteVectors.SignerKey.Replace("+c74f20a3+", "+c74f20a4+", StringComparison.Ordinal);
        Assert.Throws<NoteKeyFormatException>(() => NoteVerifier.Parse(badVerifier));
        Assert.Throws<NoteKeyFormatException>(() => NoteSigner.Parse(badSigner));
    }

    [Fact]
    public void Key_id_is_the_first_four_bytes_of_sha256_of_name_newline_type_and_key()
    {
        using NoteSigner enoch = SignedNoteVectors.EnochRoot();
        byte[] input = [.. "EnochRoot\n"u8, 0x01, .. enoch.PublicKey];
        byte[] digest = System.Security.Cryptography.SHA256.HashData(input);
        Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(digest), enoch.KeyId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("has+plus")]
    [InlineData("tab\tname")]
    [InlineData("ideographic\u3000space")]
    [InlineData("no-break\u00A0space")]
    [InlineData("line\u2028separator")]
    public void Key_names_that_are_empty_or_contain_spaces_or_plus_are_rejected(string name)
    {
        Assert.Throws<NoteKeyFormatException>(() => NoteSigner.Generate(name));
        Assert.Throws<NoteKeyFormatException>(() => NoteVerifier.Parse(name + "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"));
    }

    [Fact]
    public void Chinese_key_names_are_allowed()
    {
        NoteKeyPair pair = NoteSigner.Generate("业委会.example/见证");
        Assert.StartsWith("业委会.example/见证+", pair.VerifierKey, StringComparison.Ordinal);
        Assert.Equal("业委会.example/见证", NoteVerifier.Parse(pair.VerifierKey).Name);
    }

    [Theory]
    [InlineData("PeterNeumann+c74f20a3")]
    [InlineData("PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20ag+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T")]
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiB fsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a3+Ahpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy")]
    public void Malformed_verifier_keys_are_rejected(string vkey)
    {
        Assert.Throws<NoteKeyFormatException>(() => NoteVerifier.Parse(vkey));
    }

    [Theory]
    [InlineData("PRIVATE+KEY+PeterNeumann+c74f20a3")]
    [InlineData("PRIVATE+KEYS+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")]
    [InlineData("PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")]
    [InlineData("PRIVATE+KEY+PeterNeumann+c74f20a3+AoEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")]
    public void Malformed_signer_keys_are_rejected(string skey)
    {
        Assert.Throws<NoteKeyFormatException>(() => NoteSigner.Parse(skey));
    }
}
