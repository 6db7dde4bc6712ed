using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace OwnersVote.Voting.Signing;

public static partial class Jcs
{
    // The longest integer literal that is canonical without asking EcmaScriptNumber: 15 digits
    // stay below 2^53, where Number::toString writes an integer as its plain digits.
    private const int PlainIntegerDigits = 15;

    /// <summary>
    /// Whether <paramref name="utf8Json"/> is already canonical: exactly one JSON value that
    /// <see cref="Parse"/> reads and whose <see cref="Canonicalize(System.Text.Json.Nodes.JsonNode)"/> is these same bytes.
    /// One streaming pass, no tree: every token must start where the previous one ended (no
    /// whitespace), every object's member names rise strictly in UTF-16 order (RFC 8785 §3.2.3; equal
    /// names are the duplicates §3.1 forbids), every string is valid UTF-8 escaped exactly as
    /// §3.2.2.2 writes it and every number is spelled as §3.2.2.3 writes it.
    /// </summary>
    public static bool IsCanonical(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.IsEmpty)
        {
            return false;
        }

        var reader = new Utf8JsonReader(utf8Json, s_readerOptions);

        // The last member name read in each open object (UTF-16), the innermost last: the object at
        // object depth d keeps its name at names[nameStart[d]..][..nameLength[d]] (-1: none yet).
        var names = new NameStack(ArrayPool<char>.Shared.Rent(256), ArrayPool<int>.Shared.Rent(2 * (s_readerOptions.MaxDepth + 1)), s_readerOptions.MaxDepth + 1);
        try
        {
            return Check(ref reader, utf8Json, ref names);
        }
        catch (JsonException)
        {
            // Not JSON at all: Parse rejects it too.
            return false;
        }
        catch (InvalidOperationException)
        {
            // CopyString on an escape that is not valid UTF-16: Parse rejects it too.
            return false;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(names.Chars);
            ArrayPool<int>.Shared.Return(names.Bounds);
        }
    }

    private static bool Check(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8Json, ref NameStack names)
    {
        int objects = 0;
        int end = 0;
        while (reader.Read())
        {
            int start = checked((int)reader.TokenStartIndex);

            // RFC 8785 §3.2.1: no whitespace before, between or after tokens. Between two tokens
            // JSON allows whitespace and the one ',' or ':' the grammar requires; only that is left.
            if (start != end && (end == 0 || utf8Json[end..start].IndexOfAny(" \t\n\r"u8) >= 0))
            {
                return false;
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    objects++;
                    names.Open(objects);
                    end = start + 1;
                    break;
                case JsonTokenType.EndObject:
                    objects--;
                    end = start + 1;
                    break;
                case JsonTokenType.StartArray:
                case JsonTokenType.EndArray:
                    end = start + 1;
                    break;
                case JsonTokenType.PropertyName:
                    if (!CanonicalString(reader.ValueSpan, reader.ValueIsEscaped) || !names.Rises(ref reader, objects))
                    {
                        return false;
                    }

                    end = start + reader.ValueSpan.Length + 2;
                    break;
                case JsonTokenType.String:
                    if (!CanonicalString(reader.ValueSpan, reader.ValueIsEscaped))
                    {
                        return false;
                    }

                    end = start + reader.ValueSpan.Length + 2;
                    break;
                case JsonTokenType.Number:
                    if (!CanonicalNumber(reader.ValueSpan))
                    {
                        return false;
                    }

                    end = start + reader.ValueSpan.Length;
                    break;
                default:
                    // true, false, null: the reader accepts only their one spelling.
                    end = start + reader.ValueSpan.Length;
                    break;
            }
        }

        return end == utf8Json.Length;
    }

    private struct NameStack(char[] chars, int[] bounds, int depths)
    {
        public char[] Chars { get; private set; } = chars;

        public readonly int[] Bounds { get; } = bounds;

        private readonly Span<int> Starts => Bounds.AsSpan(0, depths);

        private readonly Span<int> Lengths => Bounds.AsSpan(depths, depths);

        // An object opened at object depth d: its names follow the name of the member holding it.
        public readonly void Open(int depth)
        {
            Starts[depth] = depth == 1 ? 0 : Starts[depth - 1] + Math.Max(Lengths[depth - 1], 0);
            Lengths[depth] = -1;
        }

        // RFC 8785 §3.2.3: "the properties MUST be sorted" by their names as arrays of UTF-16
        // code units; strictly rising also rules out the duplicate names I-JSON forbids (§3.1).
        public bool Rises(ref Utf8JsonReader reader, int depth)
        {
            int previous = Starts[depth];
            int previousLength = Lengths[depth];
            int at = previous + Math.Max(previousLength, 0);
            int needed = at + reader.ValueSpan.Length;
            if (needed > Chars.Length)
            {
                char[] larger = ArrayPool<char>.Shared.Rent(Math.Max(needed, Chars.Length * 2));
                Chars.AsSpan(0, at).CopyTo(larger);
                ArrayPool<char>.Shared.Return(Chars);
                Chars = larger;
            }

            // The new name goes after the previous one, is compared with it, then takes its place.
            int written = reader.CopyString(Chars.AsSpan(at));
            ReadOnlySpan<char> name = Chars.AsSpan(at, written);
            if (previousLength >= 0 && name.SequenceCompareTo(Chars.AsSpan(previous, previousLength)) <= 0)
            {
                return false;
            }

            name.CopyTo(Chars.AsSpan(previous));
            Lengths[depth] = written;
            return true;
        }
    }

    // RFC 8785 §3.2.2.2: the string's bytes are valid UTF-8 and its only escapes are \" \\ \b \t
    // \n \f \r and \u00xx (lowercase hex) for the other controls below U+0020 — what
    // WriteString writes. Anything else (\/, \u0041, \u00E9, an escaped surrogate pair) is a
    // second spelling of the same string.
    private static bool CanonicalString(ReadOnlySpan<byte> raw, bool escaped)
    {
        if (!escaped)
        {
            return Utf8.IsValid(raw);
        }

        int from = 0;
        while (true)
        {
            int backslash = raw[from..].IndexOf((byte)'\\');
            if (backslash < 0)
            {
                return Utf8.IsValid(raw[from..]);
            }

            backslash += from;
            if (!Utf8.IsValid(raw[from..backslash]))
            {
                return false;
            }

            switch (raw[backslash + 1])
            {
                case (byte)'"' or (byte)'\\' or (byte)'b' or (byte)'t' or (byte)'n' or (byte)'f' or (byte)'r':
                    from = backslash + 2;
                    break;
                case (byte)'u':
                    if (raw.Length - backslash < 6 || raw[backslash + 2] != '0' || raw[backslash + 3] != '0' || !IsLowerHex(raw[backslash + 4]) || !IsLowerHex(raw[backslash + 5]))
                    {
                        return false;
                    }

                    int control = (HexValue(raw[backslash + 4]) << 4) | HexValue(raw[backslash + 5]);
                    if (control >= 0x20 || control is '\b' or '\t' or '\n' or '\f' or '\r')
                    {
                        return false;
                    }

                    from = backslash + 6;
                    break;
                default:
                    return false;
            }
        }
    }

    private static bool IsLowerHex(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f');

    private static int HexValue(byte b) => b <= '9' ? b - '0' : b - 'a' + 10;

    // RFC 8785 §3.2.2.3: the number is spelled as Number::toString spells its double (WriteNumber).
    private static bool CanonicalNumber(ReadOnlySpan<byte> raw)
    {
        // Integers below 10^15 without a leading zero, the common case: their own spelling.
        ReadOnlySpan<byte> digits = raw[0] == '-' ? raw[1..] : raw;
        if (digits.Length <= PlainIntegerDigits && !digits.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            return digits[0] != '0' || raw.Length == 1;
        }

        Span<char> text = stackalloc char[raw.Length];
        for (int i = 0; i < raw.Length; i++)
        {
            text[i] = (char)raw[i];
        }

        // A JSON number always parses; one too large for a double is infinite, which WriteNumber refuses.
        double value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(value) && text.SequenceEqual(EcmaScriptNumber.Format(value));
    }
}
