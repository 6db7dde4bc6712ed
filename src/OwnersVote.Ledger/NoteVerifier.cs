using NSec.Cryptography;

namespace OwnersVote.Ledger;

/// <summary>
/// An Ed25519 note verifier (c2sp.org/signed-note, signature type 0x01) from a verifier key
/// string <c>&lt;name&gt;+&lt;hex key id&gt;+&lt;base64(0x01 ‖ public key)&gt;</c>.
/// </summary>
public sealed class NoteVerifier : INoteVerifier
{
    private readonly PublicKey _publicKey;

    private NoteVerifier(string name, uint keyId, PublicKey publicKey, string verifierKey)
    {
        Name = name;
        KeyId = keyId;
        _publicKey = publicKey;
        VerifierKey = verifierKey;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public uint KeyId { get; }

    /// <summary>The verifier key string this verifier was parsed from.</summary>
    public string VerifierKey { get; }

    /// <summary>Parses a verifier key string, splitting at the first two <c>+</c> only.</summary>
    /// <exception cref="NoteKeyFormatException">Malformed, not Ed25519, or the key ID does not match the key.</exception>
    public static NoteVerifier Parse(string verifierKey)
    {
        (string name, uint keyId, PublicKey publicKey) = NoteKeyEncoding.ParseEd25519VerifierKey(verifierKey, NoteKeyEncoding.Ed25519Type, "Ed25519 note verifier");
        return new NoteVerifier(name, keyId, publicKey, verifierKey);
    }

    /// <inheritdoc />
    public bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature) =>
        signature.Length == NoteKeyEncoding.Ed25519SignatureSize
        && SignatureAlgorithm.Ed25519.Verify(_publicKey, text, signature);

    /// <inheritdoc />
    public override string ToString() => VerifierKey;
}
