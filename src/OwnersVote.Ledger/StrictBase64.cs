namespace OwnersVote.Ledger;

/// <summary>
/// Standard padded base64 (RFC 4648 §4), read strictly: unlike <see cref="Convert.FromBase64String(string)"/>
/// whitespace is not skipped (Go's <c>base64.StdEncoding</c> rejects it inside a line too), and,
/// as Go's <c>StdEncoding.Strict()</c>, non-zero padding bits are rejected (RFC 4648 §3.5) so that
/// one signature has exactly one encoding.
/// </summary>
internal static class StrictBase64
{
    /// <summary>Decodes, or returns null when the text is not canonical padded base64 characters.</summary>
    public static byte[]? Decode(ReadOnlySpan<char> text)
    {
        if (text.Length == 0 || text.Length % 4 != 0)
        {
            return text.Length == 0 ? [] : null;
        }

        int padding = text.EndsWith("==") ? 2 : text.EndsWith("=") ? 1 : 0;
        foreach (char c in text[..^padding])
        {
            if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '+' or '/'))
            {
                return null;
            }
        }

        byte[] result = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64Chars(text, result, out int written))
        {
            return null;
        }

        result = result[..written];
        return text.SequenceEqual(Convert.ToBase64String(result)) ? result : null;
    }
}
