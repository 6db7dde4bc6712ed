using System.Buffers.Text;

namespace OwnersVote.Voting.Signing;

/// <summary>
/// Unpadded base64url (RFC 4648 §5) as WebAuthn uses it for challenges, credential ids and the
/// byte fields we log. Decoding is strict: one spelling per byte string, so a signed or logged value
/// cannot be re-spelled.
/// </summary>
public static class Base64UrlText
{
    /// <summary>Encodes bytes as unpadded base64url.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);

    /// <summary>
    /// Decodes unpadded base64url, accepting only the canonical spelling (no padding, no whitespace,
    /// unused trailing bits zero). Returns false for anything else.
    /// </summary>
    public static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null || text.Contains('=', StringComparison.Ordinal) || !Base64Url.IsValid(text))
        {
            return false;
        }

        byte[] decoded = Base64Url.DecodeFromChars(text);
        if (!string.Equals(Base64Url.EncodeToString(decoded), text, StringComparison.Ordinal))
        {
            return false;
        }

        bytes = decoded;
        return true;
    }
}
