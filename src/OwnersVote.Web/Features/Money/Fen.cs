using System.Globalization;

namespace OwnersVote.Web.Features.Money;

/// <summary>
/// Amounts of money as integer fen (分, 0.01 yuan): parsed from and written as yuan text with
/// string arithmetic, never through floating point (a statement must add up to the fen).
/// </summary>
public static class Fen
{
    /// <summary>Yuan with two decimals and thousands separators: <c>468,000.00</c>.</summary>
    public static string Yuan(long fen)
    {
        string sign = fen < 0 ? "-" : "";
        // long.MinValue has no positive counterpart; go through ulong.
        ulong abs = fen < 0 ? (ulong)(-(fen + 1)) + 1 : (ulong)fen;
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{abs / 100:N0}.{abs % 100:00}");
    }

    /// <summary>Yuan with two decimals and no separators, for files: <c>468000.00</c>.</summary>
    public static string Plain(long fen) => Yuan(fen).Replace(",", "", StringComparison.Ordinal);

    /// <summary>
    /// Parses a non-negative amount in yuan — <c>468000</c>, <c>468,000.5</c>, <c>468000.00</c>,
    /// optionally with ¥ or 元 — into fen. More than two decimals, signs, exponents and anything
    /// else are refused (null): money is never rounded silently.
    /// </summary>
    public static long? TryParseYuan(string? text)
    {
        if (text is null)
        {
            return null;
        }

        string t = text.Trim().TrimStart('¥', '￥').TrimEnd('元').Trim().Replace(",", "", StringComparison.Ordinal);
        int dot = t.IndexOf('.', StringComparison.Ordinal);
        string whole = dot < 0 ? t : t[..dot];
        string cents = dot < 0 ? "" : t[(dot + 1)..];
        if (whole.Length is 0 or > 15 || cents.Length > 2 || (dot >= 0 && cents.Length == 0)
            || !whole.All(char.IsAsciiDigit) || !cents.All(char.IsAsciiDigit))
        {
            return null;
        }

        long yuan = long.Parse(whole, NumberStyles.None, CultureInfo.InvariantCulture);
        long fen = cents.Length == 0 ? 0 : long.Parse(cents.PadRight(2, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
        return checked((yuan * 100) + fen);
    }
}
