using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace OwnersVote.Ledger;

/// <summary>
/// Shared rules of c2sp.org/signed-note key names, key IDs and key strings, byte-for-byte as in
/// golang.org/x/mod/sumdb/note.
/// </summary>
internal static class NoteKeyEncoding
{
    /// <summary>c2sp.org/signed-note: 0x01, Ed25519 signatures over the note text.</summary>
    public const byte Ed25519Type = 0x01;

    /// <summary>c2sp.org/signed-note and c2sp.org/tlog-cosignature: 0x04, timestamped Ed25519 cosignatures.</summary>
    public const byte CosignatureV1Type = 0x04;

    public const int Ed25519KeySize = 32;

    public const int Ed25519SignatureSize = 64;

    private const string PrivateKeyPrefix = "PRIVATE+KEY+";

    // c2sp.org/signed-note: "Key names MUST be non-empty and MUST NOT contain any Unicode spaces
    // or plus (U+002B) characters." Rune.IsWhiteSpace is the same set as Go's unicode.IsSpace.
    public static bool IsValidName(string name)
    {
        if (name.Length == 0 || name.Contains('+', StringComparison.Ordinal))
        {
            return false;
        }

        int index = 0;
        while (index < name.Length)
        {
            if (Rune.DecodeFromUtf16(name.AsSpan(index), out Rune rune, out int consumed) != System.Buffers.OperationStatus.Done
                || Rune.IsWhiteSpace(rune))
            {
                return false;
            }

            index += consumed;
        }

        return true;
    }

    // c2sp.org/signed-note: key ID = SHA-256(key name || 0x0A || signature type || public key)[:4],
    // read as a big-endian uint32.
    public static uint KeyId(string name, byte type, ReadOnlySpan<byte> publicKey)
    {
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        byte[] input = new byte[nameBytes.Length + 2 + publicKey.Length];
        nameBytes.CopyTo(input, 0);
        input[nameBytes.Length] = 0x0A;
        input[nameBytes.Length + 1] = type;
        publicKey.CopyTo(input.AsSpan(nameBytes.Length + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(Hash.Sha256(input).Bytes);
    }

    public static string FormatKeyId(uint keyId) => keyId.ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>Formats <c>&lt;name&gt;+&lt;hex key id&gt;+&lt;base64(type ‖ key)&gt;</c>.</summary>
    public static string FormatKey(string name, uint keyId, byte type, ReadOnlySpan<byte> key)
    {
        byte[] typed = new byte[1 + key.Length];
        typed[0] = type;
        key.CopyTo(typed.AsSpan(1));
        return $"{name}+{FormatKeyId(keyId)}+{Convert.ToBase64String(typed)}";
    }

    /// <summary>
    /// Splits a verifier key (<c>name+keyid+base64</c>) at the first two <c>+</c> only, since the
    /// base64 part may itself contain <c>+</c>.
    /// </summary>
    public static (string Name, uint KeyId, byte Type, byte[] Key) ParseVerifierKey(string vkey)
    {
        ArgumentNullException.ThrowIfNull(vkey);
        return ParseKeyParts(vkey, "verifier key");
    }

    /// <summary>
    /// Parses an Ed25519 verifier key of signature type <paramref name="type"/> (0x01 for notes,
    /// 0x04 for cosignatures) and checks that its key ID is the one its name, type and key give.
    /// </summary>
    /// <exception cref="NoteKeyFormatException">Malformed, another type, or a mismatched key ID.</exception>
    public static (string Name, uint KeyId, NSec.Cryptography.PublicKey Key) ParseEd25519VerifierKey(string vkey, byte type, string what)
    {
        (string name, uint keyId, byte actual, byte[] key) = ParseVerifierKey(vkey);
        if (actual != type)
        {
            throw new NoteKeyFormatException($"{what} key type 0x{actual:x2} is not 0x{type:x2}.");
        }

        NSec.Cryptography.PublicKey publicKey = Ed25519PublicKey.Import(key);
        uint expected = KeyId(name, type, key);
        if (expected != keyId)
        {
            throw new NoteKeyFormatException($"{what} key id {FormatKeyId(keyId)} does not match its key ({FormatKeyId(expected)}).");
        }

        return (name, keyId, publicKey);
    }

    /// <summary>Parses <c>PRIVATE+KEY+name+keyid+base64</c>.</summary>
    public static (string Name, uint KeyId, byte Type, byte[] Key) ParseSignerKey(string skey)
    {
        ArgumentNullException.ThrowIfNull(skey);
        if (!skey.StartsWith(PrivateKeyPrefix, StringComparison.Ordinal))
        {
            throw new NoteKeyFormatException("A signer key must start with 'PRIVATE+KEY+'.");
        }

        return ParseKeyParts(skey[PrivateKeyPrefix.Length..], "signer key");
    }

    public static string FormatSignerKey(string name, uint keyId, byte type, ReadOnlySpan<byte> seed) =>
        PrivateKeyPrefix + FormatKey(name, keyId, type, seed);

    private static (string Name, uint KeyId, byte Type, byte[] Key) ParseKeyParts(string text, string what)
    {
        int first = text.IndexOf('+', StringComparison.Ordinal);
        int second = first < 0 ? -1 : text.IndexOf('+', first + 1);
        if (second < 0)
        {
            throw new NoteKeyFormatException($"A {what} has the form <name>+<hex key id>+<base64 key>.");
        }

        string name = text[..first];
        string hex = text[(first + 1)..second];
        string base64 = text[(second + 1)..];
        if (!IsValidName(name))
        {
            throw new NoteKeyFormatException($"The {what} name is empty or contains a space or '+'.");
        }

        if (hex.Length != 8 || !uint.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint keyId))
        {
            throw new NoteKeyFormatException($"The {what} id '{hex}' is not 8 hex digits.");
        }

        byte[]? key = StrictBase64.Decode(base64);
        if (key is null || key.Length < 2)
        {
            throw new NoteKeyFormatException($"The {what} material is not valid base64 of a type byte and a key.");
        }

        return (name, keyId, key[0], key[1..]);
    }
}
