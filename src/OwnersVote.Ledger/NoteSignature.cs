using System.Buffers.Binary;

namespace OwnersVote.Ledger;

/// <summary>
/// One signature line of a note (c2sp.org/signed-note): <c>— &lt;key name&gt; base64(32-bit key ID ‖ signature)</c>.
/// </summary>
public sealed record NoteSignature
{
    /// <summary>Creates a signature from its key name and its base64 text (key ID included).</summary>
    /// <exception cref="MalformedNoteException">The name is invalid or the base64 is not 4+n bytes (n ≥ 1).</exception>
    public NoteSignature(string name, string base64)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(base64);
        if (!NoteKeyEncoding.IsValidName(name))
        {
            throw new MalformedNoteException($"Signature key name '{name}' is empty or contains a space or '+'.");
        }

        // Go's note.Open rejects signatures shorter than the key ID plus one byte.
        byte[]? raw = StrictBase64.Decode(base64);
        if (raw is null || raw.Length < 5)
        {
            throw new MalformedNoteException($"Signature by '{name}' is not base64 of a key ID and a signature.");
        }

        Name = name;
        Base64 = base64;
        KeyId = BinaryPrimitives.ReadUInt32BigEndian(raw);
        Signature = raw[4..];
    }

    /// <summary>Creates a signature line from a key's name and ID and the raw signature bytes.</summary>
    public static NoteSignature Create(string name, uint keyId, ReadOnlySpan<byte> signature)
    {
        byte[] raw = new byte[4 + signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(raw, keyId);
        signature.CopyTo(raw.AsSpan(4));
        return new NoteSignature(name, Convert.ToBase64String(raw));
    }

    /// <summary>The key name.</summary>
    public string Name { get; }

    /// <summary>The key ID (first four bytes of the decoded signature, big-endian).</summary>
    public uint KeyId { get; }

    /// <summary>The base64 text as written on the line (key ID and signature).</summary>
    public string Base64 { get; }

    /// <summary>The signature bytes after the key ID.</summary>
    public ReadOnlyMemory<byte> Signature { get; }

    /// <summary>The full line: em dash, space, name, space, base64, newline.</summary>
    public string Line => $"— {Name} {Base64}\n";

    /// <summary>Whether this signature claims to be from the given key (same name and key ID).</summary>
    public bool IsFrom(string name, uint keyId) => Name == name && KeyId == keyId;

    /// <inheritdoc />
    public bool Equals(NoteSignature? other) => other is not null && Name == other.Name && Base64 == other.Base64;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Base64);

    /// <inheritdoc />
    public override string ToString() => Line.TrimEnd('\n');
}
