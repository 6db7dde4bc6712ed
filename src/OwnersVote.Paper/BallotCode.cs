using System.Security.Cryptography;
using System.Text;

namespace OwnersVote.Paper;

/// <summary>
/// What a ballot's QR code says: <c>v1|&lt;voteId&gt;|&lt;unitId&gt;|&lt;serial&gt;|&lt;mac&gt;</c>
/// (DESIGN.md §2 "Paper ballots"). The MAC is the first 16 bytes of HMAC-SHA256, under the vote's
/// <see cref="BallotKey"/>, of the UTF-8 bytes of <c>v1|&lt;voteId&gt;|&lt;unitId&gt;|&lt;serial&gt;</c>
/// — exactly the text before the last <c>|</c> — written as unpadded base64url (RFC 4648 §5),
/// 22 characters. The three fields are non-empty, printable, and contain no <c>|</c>.
/// </summary>
/// <param name="VoteId">The vote.</param>
/// <param name="UnitId">The unit the ballot is for.</param>
/// <param name="Serial">The ballot's serial; a re-issued ballot gets a new one.</param>
public sealed record BallotCode(string VoteId, string UnitId, string Serial)
{
    /// <summary>The version prefix of this layout and payload.</summary>
    public const string Version = "v1";

    /// <summary>Bytes of HMAC-SHA256 kept in the code.</summary>
    public const int MacLength = 16;

    /// <summary>The authenticated text: <c>v1|vote|unit|serial</c>.</summary>
    public string SignedText => $"{Version}|{VoteId}|{UnitId}|{Serial}";

    /// <summary>Checks the fields can be carried by the code.</summary>
    /// <exception cref="ArgumentException">A field is empty, has a control character, or has <c>|</c>.</exception>
    public void Validate()
    {
        Check(VoteId, "vote id");
        Check(UnitId, "unit id");
        Check(Serial, "serial");
    }

    /// <summary>The full QR payload with the MAC under <paramref name="key"/>.</summary>
    public string Encode(BallotKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Validate();
        return $"{SignedText}|{Mac(key)}";
    }

    /// <summary>The base64url MAC of <see cref="SignedText"/> under <paramref name="key"/>.</summary>
    public string Mac(BallotKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        byte[] mac = key.Mac(Encoding.UTF8.GetBytes(SignedText));
        return Base64Url(mac.AsSpan(0, MacLength));
    }

    /// <summary>
    /// Reads a QR payload and checks its MAC under <paramref name="key"/>. Nothing is trusted
    /// before the MAC verifies: a payload that is malformed or whose MAC differs is a
    /// <see cref="BallotCodeCheck"/> with <see cref="BallotCodeCheck.Code"/> null.
    /// </summary>
    public static BallotCodeCheck Verify(string payload, BallotKey key)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(key);
        string[] parts = payload.Split('|');
        if (parts.Length != 5 || parts[0] != Version)
        {
            return new BallotCodeCheck(null, BallotCodeFailure.Malformed);
        }

        var code = new BallotCode(parts[1], parts[2], parts[3]);
        try
        {
            code.Validate();
        }
        catch (ArgumentException)
        {
            // A field the printer would never write: the code was not made by us.
            return new BallotCodeCheck(null, BallotCodeFailure.Malformed);
        }

        byte[] expected = Encoding.ASCII.GetBytes(code.Mac(key));
        byte[] given = Encoding.UTF8.GetBytes(parts[4]);
        // Constant time, so a forger learns nothing from timing.
        return CryptographicOperations.FixedTimeEquals(expected, given)
            ? new BallotCodeCheck(code, BallotCodeFailure.None)
            : new BallotCodeCheck(null, BallotCodeFailure.BadMac);
    }

    private static void Check(string value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"the {name} is empty");
        }

        if (value.Contains('|', StringComparison.Ordinal) || value.Any(char.IsControl))
        {
            throw new ArgumentException($"the {name} '{value}' contains '|' or a control character");
        }
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Why a QR payload was refused.</summary>
public enum BallotCodeFailure
{
    /// <summary>The payload verified.</summary>
    None,

    /// <summary>Not a <c>v1|vote|unit|serial|mac</c> payload.</summary>
    Malformed,

    /// <summary>Well formed, but the MAC is not the vote key's: forged or altered.</summary>
    BadMac,
}

/// <summary>The outcome of <see cref="BallotCode.Verify"/>.</summary>
/// <param name="Code">The authenticated code, or null when refused.</param>
/// <param name="Failure">Why it was refused, or <see cref="BallotCodeFailure.None"/>.</param>
public sealed record BallotCodeCheck(BallotCode? Code, BallotCodeFailure Failure);
