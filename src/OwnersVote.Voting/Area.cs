using System.Globalization;

namespace OwnersVote.Voting;

/// <summary>
/// An exclusive area (专有部分面积, <c>ExclusiveArea</c>) in hundredths of a square metre
/// (0.01 m²). Integer and <c>checked</c> so that the double count of Civil Code art. 278 is exact:
/// never a floating-point number near a tally.
/// </summary>
public readonly struct Area : IEquatable<Area>, IComparable<Area>
{
    // Invariant: Hundredths >= 0 (enforced by FromHundredths and Parse; addition of two
    // non-negative values stays non-negative or throws OverflowException under `checked`).

    /// <summary>The largest number of integer digits accepted by <see cref="Parse"/>; keeps
    /// every parsed value, and every sum of a realistic roll, far inside <see cref="long"/>.</summary>
    public const int MaxIntegerDigits = 12;

    private Area(long hundredths) => Hundredths = hundredths;

    /// <summary>No area.</summary>
    public static Area Zero => default;

    /// <summary>The area in hundredths of a square metre.</summary>
    public long Hundredths { get; }

    /// <summary>Creates an area from hundredths of a square metre.</summary>
    /// <exception cref="VotingDataException"><paramref name="hundredths"/> is negative
    /// (<see cref="VotingDataError.NegativeArea"/>).</exception>
    public static Area FromHundredths(long hundredths)
    {
        if (hundredths < 0)
        {
            throw new VotingDataException(VotingDataError.NegativeArea, $"area must not be negative: {hundredths} hundredths of a m²");
        }

        return new Area(hundredths);
    }

    /// <summary>
    /// Parses square metres written strictly as digits with an optional point and one or two
    /// decimals: <c>"123.45"</c>, <c>"123.4"</c>, <c>"123"</c>. Rejects signs, spaces, exponents,
    /// thousand separators, a bare or trailing point, and more than two decimals — a figure
    /// from the register (JI art. 8) is never rounded silently.
    /// </summary>
    /// <exception cref="VotingDataException">The text is negative
    /// (<see cref="VotingDataError.NegativeArea"/>) or malformed
    /// (<see cref="VotingDataError.MalformedArea"/>).</exception>
    public static Area Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TryParse(text, out Area area))
        {
            return area;
        }

        if (text.StartsWith('-') && TryParse(text[1..], out _))
        {
            throw new VotingDataException(VotingDataError.NegativeArea, $"area must not be negative: '{text}'");
        }

        throw new VotingDataException(
            VotingDataError.MalformedArea,
            $"malformed area '{text}': expected square metres like 123.45, 123.4 or 123 (at most two decimals, no sign, spaces, separators or exponent)");
    }

    /// <summary>Like <see cref="Parse"/>, without throwing.</summary>
    public static bool TryParse(string? text, out Area area)
    {
        area = Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        int point = text.IndexOf('.', StringComparison.Ordinal);
        ReadOnlySpan<char> whole = point < 0 ? text : text.AsSpan(0, point);
        ReadOnlySpan<char> fraction = point < 0 ? [] : text.AsSpan(point + 1);
        if (whole.Length is 0 or > MaxIntegerDigits || !IsAsciiDigits(whole))
        {
            return false;
        }

        if (point >= 0 && (fraction.Length is 0 or > 2 || !IsAsciiDigits(fraction)))
        {
            return false;
        }

        long hundredths = 0;
        foreach (char c in whole)
        {
            hundredths = checked((hundredths * 10) + (c - '0'));
        }

        for (int i = 0; i < 2; i++)
        {
            int digit = i < fraction.Length ? fraction[i] - '0' : 0;
            hundredths = checked((hundredths * 10) + digit);
        }

        area = new Area(hundredths);
        return true;
    }

    /// <summary>Square metres with exactly two decimals, invariant culture: <c>"4321.00"</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Hundredths / 100}.{Hundredths % 100:D2}");

    /// <summary>The sum of two areas (checked).</summary>
    public static Area operator +(Area left, Area right) => new(checked(left.Hundredths + right.Hundredths));

    /// <summary>The sum of two areas (checked).</summary>
    public static Area Add(Area left, Area right) => left + right;

    /// <inheritdoc/>
    public bool Equals(Area other) => Hundredths == other.Hundredths;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Area other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Hundredths.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(Area other) => Hundredths.CompareTo(other.Hundredths);

    /// <summary>Equality of the hundredths.</summary>
    public static bool operator ==(Area left, Area right) => left.Equals(right);

    /// <summary>Inequality of the hundredths.</summary>
    public static bool operator !=(Area left, Area right) => !left.Equals(right);

    /// <summary>Order of the hundredths.</summary>
    public static bool operator <(Area left, Area right) => left.Hundredths < right.Hundredths;

    /// <summary>Order of the hundredths.</summary>
    public static bool operator >(Area left, Area right) => left.Hundredths > right.Hundredths;

    /// <summary>Order of the hundredths.</summary>
    public static bool operator <=(Area left, Area right) => left.Hundredths <= right.Hundredths;

    /// <summary>Order of the hundredths.</summary>
    public static bool operator >=(Area left, Area right) => left.Hundredths >= right.Hundredths;

    private static bool IsAsciiDigits(ReadOnlySpan<char> span)
    {
        foreach (char c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
