using System.Security.Cryptography;
using System.Text;

namespace OwnersVote.Web.Demo;

/// <summary>
/// One-time invitation codes as printed on an owner's letter: eight characters from an alphabet
/// without look-alikes (no 0/O, 1/I/L), grouped 4-4. Only their SHA-256 is stored.
/// </summary>
public static class InvitationCode
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>A code derived from a key and a label (deterministic, so a demo prints the same codes every run).</summary>
    public static string Derive(ReadOnlySpan<byte> key, string label)
    {
        byte[] mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(label));
        var code = new StringBuilder(9);
        for (int i = 0; i < 8; i++)
        {
            if (i == 4)
            {
                code.Append('-');
            }

            code.Append(Alphabet[mac[i] % Alphabet.Length]);
        }

        return code.ToString();
    }

    /// <summary>A fresh random code, for a real owner's letter.</summary>
    public static string NewRandom() => Derive(RandomNumberGenerator.GetBytes(32), "invitation");

    /// <summary>Lowercase hex SHA-256 of the code as typed, ignoring case, spaces and hyphens.</summary>
    public static string Hash(string typed)
    {
        ArgumentNullException.ThrowIfNull(typed);
        string normalised = new([.. typed.Where(c => c != '-' && !char.IsWhiteSpace(c)).Select(char.ToUpperInvariant)]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
    }
}
