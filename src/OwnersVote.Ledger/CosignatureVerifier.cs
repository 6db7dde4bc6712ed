using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace OwnersVote.Ledger;

/// <summary>
/// Verifies a witness's Ed25519 cosignatures (c2sp.org/tlog-cosignature, cosignature/v1) from a
/// verifier key string <c>&lt;name&gt;+&lt;hex key id&gt;+&lt;base64(0x04 ‖ public key)&gt;</c>.
/// </summary>
public sealed class CosignatureVerifier : INoteVerifier
{
    /// <summary>Length of a cosignature after the key ID: timestamp (8) and Ed25519 signature (64).</summary>
    public const int SignatureSize = 8 + NoteKeyEncoding.Ed25519SignatureSize;

    private readonly PublicKey _publicKey;

    private CosignatureVerifier(string name, uint keyId, PublicKey publicKey, string verifierKey)
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

    /// <summary>The verifier key string.</summary>
    public string VerifierKey { get; }

    /// <summary>Parses a cosigner verifier key string (type 0x04).</summary>
    /// <exception cref="NoteKeyFormatException">Malformed, another type, or a mismatched key ID.</exception>
    public static CosignatureVerifier Parse(string verifierKey)
    {
        // "Ed25519 public keys MAY be encoded as vkeys with signature type 0x04".
        (string name, uint keyId, PublicKey publicKey) = NoteKeyEncoding.ParseEd25519VerifierKey(verifierKey, NoteKeyEncoding.CosignatureV1Type, "cosignature/v1 verifier");
        return new CosignatureVerifier(name, keyId, publicKey, verifierKey);
    }

    /// <inheritdoc />
    public bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureSize)
        {
            return false;
        }

        // "It MUST NOT exceed 2^63 - 1".
        ulong timestamp = BinaryPrimitives.ReadUInt64BigEndian(signature);
        if (timestamp > long.MaxValue)
        {
            return false;
        }

        return SignatureAlgorithm.Ed25519.Verify(_publicKey, SignedMessage(text, (long)timestamp), signature[8..]);
    }

    /// <summary>The POSIX timestamp of a cosignature (its first 8 bytes after the key ID, big-endian).</summary>
    /// <exception cref="ArgumentException">The signature is not a cosignature/v1 signature.</exception>
    public static long Timestamp(NoteSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ReadOnlySpan<byte> bytes = signature.Signature.Span;
        if (bytes.Length != SignatureSize || BinaryPrimitives.ReadUInt64BigEndian(bytes) > long.MaxValue)
        {
            throw new ArgumentException($"The signature by {signature.Name} is not a cosignature/v1.", nameof(signature));
        }

        return (long)BinaryPrimitives.ReadUInt64BigEndian(bytes);
    }

    /// <inheritdoc />
    public override string ToString() => VerifierKey;

    // c2sp.org/tlog-cosignature: "The signed message MUST be two newline (U+000A) terminated lines
    // (one header line and one timestamp line) followed by the whole note body of the cosigned
    // checkpoint"; "The header line MUST be the fixed string cosignature/v1"; "The timestamp line
    // MUST consist of the string time, a single space (0x20), and timestamped_signature.timestamp
    // encoded as an ASCII decimal with no leading zeroes."
    internal static byte[] SignedMessage(ReadOnlySpan<byte> text, long timestamp)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timestamp);
        byte[] header = Encoding.ASCII.GetBytes($"cosignature/v1\ntime {timestamp.ToString(CultureInfo.InvariantCulture)}\n");
        return [.. header, .. text];
    }
}
