using System.Security.Cryptography;

namespace OwnersVote.Paper;

/// <summary>
/// The per-vote secret key that authenticates the QR codes of one vote's paper ballots
/// (DESIGN.md §2: "mac = 16-byte HMAC-SHA256 under a per-vote key"). At least 16 bytes; 32 are
/// generated. Written as lowercase hex on the command line and in key files.
/// </summary>
public sealed class BallotKey
{
    /// <summary>The fewest key bytes accepted: HMAC keys shorter than the 16-byte tag add nothing to forge against.</summary>
    public const int MinimumLength = 16;

    private readonly byte[] _bytes;

    private BallotKey(byte[] bytes) => _bytes = bytes;

    /// <summary>The key bytes (a copy).</summary>
    public byte[] ToArray() => (byte[])_bytes.Clone();

    /// <summary>The key as lowercase hex.</summary>
    public string ToHex() => Convert.ToHexStringLower(_bytes);

    /// <summary>A new random 32-byte key.</summary>
    public static BallotKey Generate() => new(RandomNumberGenerator.GetBytes(32));

    /// <summary>A key from its bytes.</summary>
    /// <exception cref="FormatException">Fewer than <see cref="MinimumLength"/> bytes.</exception>
    public static BallotKey FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < MinimumLength)
        {
            throw new FormatException($"a ballot key needs at least {MinimumLength} bytes, got {bytes.Length}");
        }

        return new BallotKey(bytes.ToArray());
    }

    /// <summary>A key from hex (upper or lower case, even length, at least 32 digits).</summary>
    /// <exception cref="FormatException">Not hex, odd length, or too short.</exception>
    public static BallotKey ParseHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        string trimmed = hex.Trim();
        if (trimmed.Length % 2 != 0 || !trimmed.All(Uri.IsHexDigit))
        {
            throw new FormatException("a ballot key is an even number of hex digits");
        }

        return FromBytes(Convert.FromHexString(trimmed));
    }

    internal byte[] Mac(ReadOnlySpan<byte> message) => HMACSHA256.HashData(_bytes, message);
}
