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

    /// <summary>
    /// <see cref="TryDecode(string?, out byte[])"/> of UTF-8 text: the same canonical spellings,
    /// read without making a string of them.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> utf8Text, out byte[] bytes)
    {
        bytes = [];
        if (utf8Text.Contains((byte)'=') || !Base64Url.IsValid(utf8Text))
        {
            return false;
        }

        byte[] decoded = new byte[Base64Url.GetMaxDecodedLength(utf8Text.Length)];
        if (Base64Url.DecodeFromUtf8(utf8Text, decoded, out _, out int written) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        decoded = written == decoded.Length ? decoded : decoded[..written];

        // One spelling per byte string: the text must be what encoding the bytes gives back.
        int length = Base64Url.GetEncodedLength(written);
        byte[]? rented = length > 256 ? System.Buffers.ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            Span<byte> again = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
            Base64Url.EncodeToUtf8(decoded, again);
            if (!again.SequenceEqual(utf8Text))
            {
                return false;
            }
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }

        bytes = decoded;
        return true;
    }
}
