using System.Security.Cryptography;

namespace OwnersVote.Ledger;

/// <summary>A SHA-256 digest: a leaf hash, a node hash or a tree root (RFC 9162 §2.1).</summary>
public readonly struct Hash : IEquatable<Hash>
{
    /// <summary>Size of a SHA-256 digest in bytes.</summary>
    public const int Size = 32;

    private readonly byte[]? _bytes;

    private Hash(byte[] bytes) => _bytes = bytes;

    /// <summary>Takes ownership of a freshly computed 32-byte array without copying it.</summary>
    internal static Hash Wrap(byte[] bytes)
    {
        System.Diagnostics.Debug.Assert(bytes.Length == Size);
        return new Hash(bytes);
    }

    /// <summary>The digest bytes (32 zero bytes for <c>default</c>).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes ?? new byte[Size];

    /// <summary>Copies a 32-byte digest.</summary>
    /// <exception cref="ArgumentException">The span is not exactly 32 bytes.</exception>
    public static Hash FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A SHA-256 hash is {Size} bytes, not {bytes.Length}.", nameof(bytes));
        }

        return new Hash(bytes.ToArray());
    }

    /// <summary>SHA-256 of arbitrary data.</summary>
    public static Hash Sha256(ReadOnlySpan<byte> data)
    {
        byte[] result = new byte[Size];
        SHA256.HashData(data, result);
        return new Hash(result);
    }

    /// <summary>Parses standard base64 (as in checkpoints).</summary>
    public static Hash FromBase64(string base64) => FromBytes(Convert.FromBase64String(base64));

    /// <summary>Parses lowercase or uppercase hex.</summary>
    public static Hash FromHex(string hex) => FromBytes(Convert.FromHexString(hex));

    /// <summary>Standard base64 with padding.</summary>
    public string ToBase64() => Convert.ToBase64String(Bytes);

    /// <summary>Lowercase hex.</summary>
    public string ToHex() => Convert.ToHexStringLower(Bytes);

    /// <inheritdoc />
    public bool Equals(Hash other) => Bytes.SequenceEqual(other.Bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Hash other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => BitConverter.ToInt32(Bytes[..4]);

    /// <inheritdoc />
    public override string ToString() => ToHex();

    /// <summary>Byte-wise equality.</summary>
    public static bool operator ==(Hash left, Hash right) => left.Equals(right);

    /// <summary>Byte-wise inequality.</summary>
    public static bool operator !=(Hash left, Hash right) => !left.Equals(right);
}
