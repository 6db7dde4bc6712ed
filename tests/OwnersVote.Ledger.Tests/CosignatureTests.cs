using System.Buffers.Binary;
using System.Text;
using NSec.Cryptography;

namespace OwnersVote.Ledger.Tests;

public sealed class CosignatureTests
{
    private const string Body = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
    private const long Time = 1679315147;

    private static CosignatureSigner Witness() =>
        CosignatureSigner.FromSeed("witness.example/w1", Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), new FixedTimeProvider(Time));

    [Fact]
    public void Cosignature_line_is_key_id_timestamp_and_ed25519_signature_76_bytes()
    {
        using NoteSigner log = NoteSigner.FromSeed("example.com/behind-the-sofa", new byte[32]);
        using CosignatureSigner witness = Witness();
        byte[] note = Note.Sign(Body, log, witness);
        NoteSignature line = Note.Parse(note).Signatures[1];
        byte[] raw = Convert.FromBase64String(line.Base64);
        Assert.Equal(76, raw.Length);
        Assert.Equal(witness.KeyId, BinaryPrimitives.ReadUInt32BigEndian(raw));
        Assert.Equal((ulong)Time, BinaryPrimitives.ReadUInt64BigEndian(raw.AsSpan(4)));
        Assert.Equal(Time, CosignatureVerifier.Timestamp(line));

        // c2sp.org/tlog-cosignature: Ed25519 over "cosignature/v1\ntime <t>\n" || checkpoint body.
        PublicKey publicKey = PublicKey.Import(SignatureAlgorithm.Ed25519, witness.PublicKey, KeyBlobFormat.RawPublicKey);
        byte[] message = Encoding.UTF8.GetBytes($"cosignature/v1\ntime {Time}\n{Body}");
        Assert.True(SignatureAlgorithm.Ed25519.Verify(publicKey, message, raw.AsSpan(12)));
    }

    [Fact]
    public void Key_id_uses_type_0x04_so_it_differs_from_the_plain_ed25519_key_id()
    {
        using CosignatureSigner witness = Witness();
        byte[] input = [.. Encoding.UTF8.GetBytes("witness.example/w1\n"), 0x04, .. witness.PublicKey];
        Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(System.Security.Cryptography.SHA256.HashData(input)), witness.KeyId);

        using NoteSigner plain = NoteSigner.FromSeed("witness.example/w1", Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        Assert.NotEqual(plain.KeyId, witness.KeyId);
        Assert.Contains("+", witness.VerifierKey, StringComparison.Ordinal);
        Assert.Equal(0x04, Convert.FromBase64String(witness.VerifierKey.Split('+', 3)[2])[0]);
    }

    [Fact]
    public void Cosignatures_verify_with_the_witness_key_and_timestamp_tampering_is_detected()
    {
        using NoteSigner log = NoteSigner.FromSeed("example.com/behind-the-sofa", new byte[32]);
        using CosignatureSigner witness = Witness();
        byte[] note = Note.Sign(Body, log, witness);
        OpenedNote opened = Note.Open(note, log.Verifier, witness.Verifier);
        Assert.Equal(2, opened.Signatures.Count);

        NoteSignature line = Note.Parse(note).Signatures[1];
        byte[] raw = Convert.FromBase64String(line.Base64);
        raw[11] ^= 1;
        byte[] tampered = Note.Format(Body, [Note.Parse(note).Signatures[0], new NoteSignature(line.Name, Convert.ToBase64String(raw))]);
        Assert.Throws<InvalidNoteSignatureException>(() => Note.Open(tampered, log.Verifier, witness.Verifier));
    }

    [Fact]
    public void A_cosignature_over_another_checkpoint_does_not_verify()
    {
        using CosignatureSigner witness = Witness();
        byte[] signature = witness.Sign(Encoding.UTF8.GetBytes(Body));
        byte[] other = Encoding.UTF8.GetBytes(Body.Replace("20852163", "20852164", StringComparison.Ordinal));
        Assert.True(witness.Verifier.Verify(Encoding.UTF8.GetBytes(Body), signature));
        Assert.False(witness.Verifier.Verify(other, signature));
        Assert.False(witness.Verifier.Verify(Encoding.UTF8.GetBytes(Body), signature.AsSpan(8)));
    }

    [Fact]
    public void Timestamps_above_2_pow_63_minus_1_are_refused()
    {
        using CosignatureSigner witness = Witness();
        byte[] signature = witness.Sign(Encoding.UTF8.GetBytes(Body));
        signature[0] |= 0x80;
        Assert.False(witness.Verifier.Verify(Encoding.UTF8.GetBytes(Body), signature));
        Assert.Throws<ArgumentOutOfRangeException>(() => witness.Sign(Encoding.UTF8.GetBytes(Body), -1));
    }

    [Fact]
    public void Generated_cosigner_keys_round_trip_and_plain_ed25519_signer_keys_are_accepted()
    {
        NoteKeyPair pair = CosignatureSigner.Generate("witness.example/w2");
        using CosignatureSigner signer = CosignatureSigner.Parse(pair.SignerKey, TimeProvider.System);
        Assert.Equal(pair.VerifierKey, signer.VerifierKey);

        // transparency-dev's NewSignerForCosignatureV1 also takes a standard 0x01 signer key.
        NoteKeyPair plain = NoteSigner.Generate("witness.example/w3");
        using CosignatureSigner fromPlain = CosignatureSigner.Parse(plain.SignerKey, TimeProvider.System);
        using NoteSigner plainSigner = NoteSigner.Parse(plain.SignerKey);
        Assert.Equal(plainSigner.PublicKey, fromPlain.PublicKey);
        Assert.NotEqual(plainSigner.KeyId, fromPlain.KeyId);

        Assert.Throws<NoteKeyFormatException>(() => CosignatureVerifier.Parse(plain.VerifierKey));
        Assert.Throws<NoteKeyFormatException>(() => NoteVerifier.Parse(pair.VerifierKey));
        Assert.Throws<NoteKeyFormatException>(() => CosignatureSigner.Parse(pair.SignerKey.Replace(pair.SignerKey.Split('+')[3], "00000000", StringComparison.Ordinal), TimeProvider.System));
    }
}
