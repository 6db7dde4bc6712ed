using System.Globalization;
using System.Numerics;
using System.Text;

namespace OwnersVote.Voting.Signing;

/// <summary>
/// ECMAScript Number::toString for finite doubles (ECMA-262 6th ed. §7.1.12.1), as required by
/// RFC 8785 §3.2.2.3. The shortest digit string is found with exact integer arithmetic, not with
/// the platform's formatter, so the result does not depend on any runtime's float printing.
/// </summary>
public static class EcmaScriptNumber
{
    private static readonly BigInteger s_ten = 10;

    /// <summary>Serializes a finite double exactly as ECMAScript's <c>String(number)</c> does.</summary>
    /// <exception cref="JcsException">The value is NaN or infinite (RFC 8785 §3.2.2.3: "MUST cause an error").</exception>
    public static string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new JcsException($"RFC 8785 §3.2.2.3: {value.ToString(CultureInfo.InvariantCulture)} is not a JSON number.");
        }

        // §7.1.12.1 step 2: +0 and -0 both give "0".
        if (value == 0)
        {
            return "0";
        }

        // Step 3: a negative number is "-" followed by the string of its magnitude.
        if (value < 0)
        {
            return "-" + Format(-value);
        }

        // Integers up to 2^53 (areas, counts, versions): the doubles around them are at most 2
        // apart, so no shorter decimal reads back as the same double and the digits are the
        // integer's own (steps 5–6). This path skips the exact search for the common case.
        if (value <= 9_007_199_254_740_992 && value == Math.Floor(value))
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }

        (BigInteger s, int k, int n) = ShortestDigits(value);
        string digits = s.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder(32);

        if (k <= n && n <= 21)
        {
            // Step 6: the k digits followed by n−k zeros.
            text.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            // Step 7: the first n digits, a point, the remaining k−n digits.
            text.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            // Step 8: "0.", −n zeros, the k digits.
            text.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            // Steps 9 and 10: exponential form with an explicit sign.
            text.Append(digits[0]);
            if (k > 1)
            {
                text.Append('.').Append(digits, 1, k - 1);
            }

            text.Append('e').Append(n - 1 >= 0 ? '+' : '-').Append(Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    // §7.1.12.1 step 5: integers n, k, s with k ≥ 1, 10^(k−1) ≤ s < 10^k, s × 10^(n−k) is m
    // (read back as a double), and k as small as possible. Note 2: if several s qualify, take
    // the one whose value s × 10^(n−k) is closest to m; if two are equally close, the even one.
    private static (BigInteger S, int K, int N) ShortestDigits(double m)
    {
        long bits = BitConverter.DoubleToInt64Bits(m);
        int biasedExponent = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & ((1L << 52) - 1);
        long mantissa = biasedExponent == 0 ? fraction : fraction | (1L << 52);
        int exponent2 = biasedExponent == 0 ? -1074 : biasedExponent - 1075;

        // m = mantissa × 2^exponent2. Scale by 4 so the rounding boundaries (half-way to the
        // neighbouring doubles) are integers too: all three values are X × 2^q.
        int q = exponent2 - 2;
        BigInteger mid = new BigInteger(mantissa) * 4;
        BigInteger high = mid + 2;
        // Below a power of two (other than the smallest normal) the gap to the next lower double
        // is half as wide.
        BigInteger low = fraction == 0 && biasedExponent > 1 ? mid - 1 : mid - 2;
        // IEEE 754 round-half-even: a decimal exactly half-way reads back as m iff m's mantissa is even.
        bool inclusive = (mantissa & 1) == 0;

        int e10 = (int)Math.Floor(Math.Log10(m));
        while (Compare(mid, q, e10) < 0)
        {
            e10--;
        }

        while (Compare(mid, q, e10 + 1) >= 0)
        {
            e10++;
        }

        for (int k = 1; k <= 17; k++)
        {
            int p = e10 + 1 - k;
            // Work in units of 10^p: value / 10^p = scaled / denominator.
            BigInteger twoUp = q > 0 ? BigInteger.Pow(2, q) : BigInteger.One;
            BigInteger twoDown = q < 0 ? BigInteger.Pow(2, -q) : BigInteger.One;
            BigInteger tenUp = p < 0 ? BigInteger.Pow(s_ten, -p) : BigInteger.One;
            BigInteger tenDown = p > 0 ? BigInteger.Pow(s_ten, p) : BigInteger.One;
            BigInteger denominator = twoDown * tenDown;
            BigInteger scaledMid = mid * twoUp * tenUp;
            BigInteger scaledLow = low * twoUp * tenUp;
            BigInteger scaledHigh = high * twoUp * tenUp;

            BigInteger floor = BigInteger.DivRem(scaledMid, denominator, out BigInteger remainder);
            bool floorFits = Within(floor * denominator, scaledLow, scaledHigh, inclusive);
            if (remainder.IsZero)
            {
                return (floor, k, e10 + 1);
            }

            BigInteger ceiling = floor + 1;
            bool ceilingFits = Within(ceiling * denominator, scaledLow, scaledHigh, inclusive);
            BigInteger chosen;
            if (floorFits && ceilingFits)
            {
                BigInteger below = remainder;
                BigInteger above = denominator - remainder;
                chosen = below < above ? floor : above < below ? ceiling : floor.IsEven ? floor : ceiling;
            }
            else if (floorFits)
            {
                chosen = floor;
            }
            else if (ceilingFits)
            {
                chosen = ceiling;
            }
            else
            {
                continue;
            }

            BigInteger limit = BigInteger.Pow(s_ten, k);
            return chosen == limit ? (BigInteger.Pow(s_ten, k - 1), k, e10 + 2) : (chosen, k, e10 + 1);
        }

        throw new InvalidOperationException($"No decimal of at most 17 digits reads back as {m:R}; a double always has one.");
    }

    private static bool Within(BigInteger candidate, BigInteger low, BigInteger high, bool inclusive) =>
        inclusive ? low <= candidate && candidate <= high : low < candidate && candidate < high;

    // Sign of (x × 2^q) − 10^e, exactly.
    private static int Compare(BigInteger x, int q, int e)
    {
        BigInteger left = x * (q > 0 ? BigInteger.Pow(2, q) : BigInteger.One) * (e < 0 ? BigInteger.Pow(s_ten, -e) : BigInteger.One);
        BigInteger right = (q < 0 ? BigInteger.Pow(2, -q) : BigInteger.One) * (e > 0 ? BigInteger.Pow(s_ten, e) : BigInteger.One);
        return left.CompareTo(right);
    }
}
