using NSec.Cryptography;

namespace OwnersVote.Ledger;

/// <summary>
/// An Ed25519 note signer (c2sp.org/signed-note, signature type 0x01), compatible with
/// golang.org/x/mod/sumdb/note signer keys <c>PRIVATE+KEY+&lt;name&gt;+&lt;hex key id&gt;+&lt;base64(0x01 ‖ seed)&gt;</c>.
/// </summary>
public sealed class NoteSigner : INoteSigner, IDisposable
{
    private readonly Key _key;

    private NoteSigner(string name, Key key)
    {
        Name = name;
        _key = key;
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        KeyId = NoteKeyEncoding.KeyId(name, NoteKeyEncoding.Ed25519Type, PublicKey);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public uint KeyId { get; }

    /// <summary>The 32-byte Ed25519 public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The verifier key string for this signer: <c>&lt;name&gt;+&lt;hex key id&gt;+&lt;base64(0x01 ‖ public key)&gt;</c>.</summary>
    public string VerifierKey => NoteKeyEncoding.FormatKey(Name, KeyId, NoteKeyEncoding.Ed25519Type, PublicKey);

    /// <summary>A verifier for this signer's public key.</summary>
    public NoteVerifier Verifier => NoteVerifier.Parse(VerifierKey);

    /// <summary>Parses a signer key string.</summary>
    /// <exception cref="NoteKeyFormatException">Malformed, not Ed25519, or the key ID does not match the key.</exception>
    public static NoteSigner Parse(string signerKey)
    {
        (string name, uint keyId, byte type, byte[] seed) = NoteKeyEncoding.ParseSignerKey(signerKey);
        if (type != NoteKeyEncoding.Ed25519Type)
        {
            throw new NoteKeyFormatException($"Signer key type 0x{type:x2} is not Ed25519 (0x01).");
        }

        NoteSigner signer = FromSeed(name, seed);
        if (signer.KeyId != keyId)
        {
            signer.Dispose();
            throw new NoteKeyFormatException($"Signer key id {NoteKeyEncoding.FormatKeyId(keyId)} does not match its key ({NoteKeyEncoding.FormatKeyId(signer.KeyId)}).");
        }

        return signer;
    }

    /// <summary>Creates a signer from a 32-byte Ed25519 seed (RFC 8032 private key).</summary>
    /// <exception cref="NoteKeyFormatException">The name is invalid or the seed is not 32 bytes.</exception>
    public static NoteSigner FromSeed(string name, ReadOnlySpan<byte> seed)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!NoteKeyEncoding.IsValidName(name))
        {
            throw new NoteKeyFormatException("A key name must be non-empty and contain no spaces or '+'.");
        }

        if (seed.Length != NoteKeyEncoding.Ed25519KeySize)
        {
            throw new NoteKeyFormatException($"An Ed25519 seed is 32 bytes, not {seed.Length}.");
        }

        Key key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey);
        return new NoteSigner(name, key);
    }

    /// <summary>Generates a new Ed25519 key, as Go's <c>note.GenerateKey</c>.</summary>
    /// <exception cref="NoteKeyFormatException">The name is invalid.</exception>
    public static NoteKeyPair Generate(string name)
    {
        byte[] seed = Ed25519Seed.Generate();
        using NoteSigner signer = FromSeed(name, seed);
        return new NoteKeyPair(
            NoteKeyEncoding.FormatSignerKey(name, signer.KeyId, NoteKeyEncoding.Ed25519Type, seed),
            signer.VerifierKey);
    }

    /// <inheritdoc />
    public byte[] Sign(ReadOnlySpan<byte> text) => SignatureAlgorithm.Ed25519.Sign(_key, text);

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
