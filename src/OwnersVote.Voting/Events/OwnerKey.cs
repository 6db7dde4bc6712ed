using System.Security.Cryptography;
using System.Text;

namespace OwnersVote.Voting.Events;

/// <summary>
/// Owner ids in events: HMAC-SHA256 of the owner's identifier under the compound's secret key, in
/// lowercase hex. The log can be public; without the key nobody can test a guessed ID number
/// against it (Personal Information Protection Law: ID numbers only as keyed hashes).
/// </summary>
public static class OwnerKey
{
    /// <summary>The shortest compound key accepted, in bytes (the HMAC-SHA256 block of security).</summary>
    public const int MinimumKeyLength = 32;

    /// <summary>Computes the owner's keyed-hash id: hex(HMAC-SHA256(key, UTF-8(ownerId))).</summary>
    /// <param name="key">The compound's secret key (at least 32 random bytes; never logged).</param>
    /// <param name="ownerId">The owner's identifier as registered, e.g. the normalized ID number.</param>
    /// <exception cref="ArgumentException">The key is shorter than 32 bytes or the id is empty.</exception>
    public static string Hash(ReadOnlySpan<byte> key, string ownerId)
    {
        if (key.Length < MinimumKeyLength)
        {
            throw new ArgumentException($"A compound key has at least {MinimumKeyLength} bytes, not {key.Length}.", nameof(key));
        }

        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(ownerId)));
    }

    /// <summary>Whether a string has the shape of an owner hash (64 lowercase hex digits).</summary>
    public static bool IsHash(string? text) =>
        text is { Length: 64 } && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
