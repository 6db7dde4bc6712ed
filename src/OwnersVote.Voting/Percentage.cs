using System.Globalization;

namespace OwnersVote.Voting;

/// <summary>
/// Exact percentages for the result page: integer arithmetic, rounded half up, never floating
/// point (47 of 49 is "95.92%", because 95.918… rounds up).
/// </summary>
public static class Percentage
{
    /// <summary>
    /// Formats <paramref name="part"/>/<paramref name="whole"/> as a percentage with
    /// <paramref name="decimals"/> decimals, rounded half up: <c>Format(47, 49)</c> is <c>"95.92%"</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="part"/> is negative,
    /// <paramref name="whole"/> is not positive, or <paramref name="decimals"/> is outside 0–6.</exception>
    public static string Format(long part, long whole, int decimals = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(part);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(whole);
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 6);

        Int128 scale = 1;
        for (int i = 0; i < decimals; i++)
        {
            scale *= 10;
        }

        // Int128 holds part * 100 * 10^6 for any long part: no overflow, no rounding before the end.
        Int128 scaled = checked((Int128)part * 100 * scale);
        Int128 quotient = scaled / whole;
        Int128 remainder = scaled % whole;
        if (2 * remainder >= whole)
        {
            quotient++; // half up
        }

        Int128 integral = quotient / scale;
        Int128 fraction = quotient % scale;
        string text = decimals == 0
            ? integral.ToString(CultureInfo.InvariantCulture)
            : integral.ToString(CultureInfo.InvariantCulture) + "." + fraction.ToString("D" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return text + "%";
    }

    /// <summary>An area as a percentage of another (two decimals, half up).</summary>
    public static string Format(Area part, Area whole) => Format(part.Hundredths, whole.Hundredths);

    /// <summary>A headcount as a percentage of another (two decimals, half up).</summary>
    public static string Format(Headcount part, Headcount whole) => Format(part.Value, whole.Value);
}
