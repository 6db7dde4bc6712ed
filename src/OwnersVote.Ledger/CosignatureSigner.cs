using System.Buffers.Binary;
using NSec.Cryptography;

namespace OwnersVote.Ledger;

/// <summary>
/// A witness's Ed25519 cosigner (c2sp.org/tlog-cosignature, cosignature/v1, signature type 0x04).
/// Each signature is <c>timestamp (8 bytes, big-endian) ‖ Ed25519 signature (64 bytes)</c> over
/// <c>cosignature/v1\ntime &lt;timestamp&gt;\n</c> followed by the checkpoint text.
/// </summary>
public sealed class CosignatureSigner : INoteSigner, IDisposable
{
    private readonly Key _key;
    private readonly TimeProvider _time;

    private CosignatureSigner(string name, Key key, TimeProvider time)
    {
        Name = name;
        _key = key;
        _time = time;
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);

        // c2sp.org/tlog-cosignature: "The key ID for Ed25519 cosignatures MUST be computed as
        // SHA-256(<name> || "\n" || 0x04 || 32-byte Ed25519 cosigner public key)[:4]".
        KeyId = NoteKeyEncoding.KeyId(name, NoteKeyEncoding.CosignatureV1Type, PublicKey);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public uint KeyId { get; }

    /// <summary>The 32-byte Ed25519 public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The verifier key string: <c>&lt;name&gt;+&lt;hex key id&gt;+&lt;base64(0x04 ‖ public key)&gt;</c>.</summary>
    public string VerifierKey => NoteKeyEncoding.FormatKey(Name, KeyId, NoteKeyEncoding.CosignatureV1Type, PublicKey);

    /// <summary>A verifier for this cosigner.</summary>
    public CosignatureVerifier Verifier => CosignatureVerifier.Parse(VerifierKey);

    /// <summary>
    /// Parses a signer key string of type 0x04 (cosignature/v1) or, as transparency-dev's
    /// <c>NewSignerForCosignatureV1</c> accepts, a standard Ed25519 (0x01) signer key; the key ID
    /// in the string must match its type. The clock gives each cosignature's timestamp.
    /// </summary>
    /// <exception cref="NoteKeyFormatException">Malformed, another type, or a mismatched key ID.</exception>
    public static CosignatureSigner Parse(string signerKey, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        (string name, uint keyId, byte type, byte[] seed) = NoteKeyEncoding.ParseSignerKey(signerKey);
        if (type is not (NoteKeyEncoding.CosignatureV1Type or NoteKeyEncoding.Ed25519Type))
        {
            throw new NoteKeyFormatException($"Cosigner key type 0x{type:x2} is neither 0x04 (cosignature/v1) nor 0x01 (Ed25519).");
        }

        CosignatureSigner signer = FromSeed(name, seed, time);
        uint expected = type == NoteKeyEncoding.CosignatureV1Type
            ? signer.KeyId
            : NoteKeyEncoding.KeyId(name, NoteKeyEncoding.Ed25519Type, signer.PublicKey);
        if (expected != keyId)
        {
            signer.Dispose();
            throw new NoteKeyFormatException($"Cosigner key id {NoteKeyEncoding.FormatKeyId(keyId)} does not match its key ({NoteKeyEncoding.FormatKeyId(expected)}).");
        }

        return signer;
    }

    /// <summary>Creates a cosigner from a 32-byte Ed25519 seed.</summary>
    /// <exception cref="NoteKeyFormatException">The name is invalid or the seed is not 32 bytes.</exception>
    public static CosignatureSigner FromSeed(string name, ReadOnlySpan<byte> seed, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(time);
        if (!NoteKeyEncoding.IsValidName(name))
        {
            throw new NoteKeyFormatException("A key name must be non-empty and contain no spaces or '+'.");
        }

        if (seed.Length != NoteKeyEncoding.Ed25519KeySize)
        {
            throw new NoteKeyFormatException($"An Ed25519 seed is 32 bytes, not {seed.Length}.");
        }

        return new CosignatureSigner(name, Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey), time);
    }

    /// <summary>Generates a new cosigner key: signer key and verifier key strings of type 0x04.</summary>
    /// <exception cref="NoteKeyFormatException">The name is invalid.</exception>
    public static NoteKeyPair Generate(string name)
    {
        byte[] seed = Ed25519Seed.Generate();
        using CosignatureSigner signer = FromSeed(name, seed, TimeProvider.System);
        return new NoteKeyPair(
            NoteKeyEncoding.FormatSignerKey(name, signer.KeyId, NoteKeyEncoding.CosignatureV1Type, seed),
            signer.VerifierKey);
    }

    /// <summary>Cosigns checkpoint text at the clock's current time (whole seconds).</summary>
    public byte[] Sign(ReadOnlySpan<byte> text) => Sign(text, _time.GetUtcNow().ToUnixTimeSeconds());

    /// <summary>Cosigns checkpoint text at the given POSIX timestamp.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The timestamp is negative.</exception>
    public byte[] Sign(ReadOnlySpan<byte> text, long timestamp)
    {
        byte[] message = CosignatureVerifier.SignedMessage(text, timestamp);
        byte[] result = new byte[8 + NoteKeyEncoding.Ed25519SignatureSize];
        BinaryPrimitives.WriteUInt64BigEndian(result, (ulong)timestamp);
        SignatureAlgorithm.Ed25519.Sign(_key, message, result.AsSpan(8));
        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
