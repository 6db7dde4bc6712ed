using System.Text;

namespace OwnersVote.Testing.Fuzzing;

/// <summary>
/// Coverage-free mutations of a seed corpus: bit flips, interesting bytes and numbers, byte insert
/// and delete, truncation, duplicated slices, splices of two seeds, dictionary tokens and, for text
/// formats, whole-line edits. One to four mutations are stacked per case.
/// </summary>
internal sealed class Mutator
{
    private static readonly byte[] s_interestingBytes = [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x20, 0x22, 0x2B, 0x2C, 0x2D, 0x2F, 0x30, 0x39, 0x3D, 0x5C, 0x7F, 0x80, 0xBF, 0xC0, 0xE2, 0xFE, 0xFF];

    private static readonly string[] s_interestingNumbers =
    [
        "0", "-0", "00", "1", "-1", "255", "256", "65535", "65536", "2147483647", "2147483648", "-2147483648",
        "4294967295", "4294967296", "9007199254740992", "9007199254740993", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "18446744073709551616", "1e308", "1e999", "0.1", "1.", ".5",
    ];

    private readonly IReadOnlyList<byte[]> _seeds;
    private readonly IReadOnlyList<byte[]> _tokens;
    private readonly bool _lines;

    /// <param name="seeds">The corpus; splices and inserted lines come from it too.</param>
    /// <param name="tokens">Format-specific dictionary words (e.g. JSON keywords, "— ", "\n\n").</param>
    /// <param name="lines">Whether the format is line-oriented text, enabling line-level mutations.</param>
    public Mutator(IReadOnlyList<byte[]> seeds, IEnumerable<string>? tokens = null, bool lines = false)
    {
        ArgumentOutOfRangeException.ThrowIfZero(seeds.Count);
        _seeds = seeds;
        _tokens = [.. (tokens ?? []).Concat(s_interestingNumbers).Select(Encoding.UTF8.GetBytes)];
        _lines = lines;
    }

    /// <summary>A mutant of a random seed.</summary>
    public byte[] Next(Random random) => Mutate(random, _seeds[random.Next(_seeds.Count)]);

    /// <summary>One to four stacked mutations of <paramref name="input"/>; never modifies it.</summary>
    public byte[] Mutate(Random random, ReadOnlySpan<byte> input)
    {
        List<byte> data = [.. input];
        // Mostly one mutation, sometimes a few: small steps find boundary bugs, stacks find the rest.
        int count = random.Next(8) switch { < 5 => 1, < 7 => 2, _ => 4 };
        for (int i = 0; i < count; i++)
        {
            MutateOnce(random, data);
        }

        return [.. data];
    }

    private void MutateOnce(Random random, List<byte> data)
    {
        int kinds = _lines ? 14 : 11;
        switch (random.Next(kinds))
        {
            case 0 when data.Count > 0:
                data[random.Next(data.Count)] ^= (byte)(1 << random.Next(8));
                break;
            case 1 when data.Count > 0:
                data[random.Next(data.Count)] = s_interestingBytes[random.Next(s_interestingBytes.Length)];
                break;
            case 2 when data.Count > 0:
                int at = random.Next(data.Count);
                data[at] = unchecked((byte)(data[at] + random.Next(-16, 17)));
                break;
            case 3:
                data.InsertRange(random.Next(data.Count + 1), RandomBytes(random, 1 + random.Next(random.Next(2) == 0 ? 1 : 8)));
                break;
            case 4 when data.Count > 0:
                int start = random.Next(data.Count);
                data.RemoveRange(start, Math.Min(data.Count - start, 1 + random.Next(random.Next(2) == 0 ? 1 : 16)));
                break;
            case 5 when data.Count > 0:
                Truncate(random, data);
                break;
            case 6 when data.Count > 0:
                int from = random.Next(data.Count);
                int length = 1 + random.Next(Math.Min(64, data.Count - from));
                byte[] slice = [.. data.GetRange(from, length)];
                data.InsertRange(random.Next(data.Count + 1), random.Next(4) == 0 ? Enumerable.Repeat(slice, 1 + random.Next(8)).SelectMany(s => s) : slice);
                break;
            case 7:
                Splice(random, data);
                break;
            case 8:
                byte[] token = _tokens[random.Next(_tokens.Count)];
                if (data.Count > 0 && random.Next(2) == 0)
                {
                    int replaceAt = random.Next(data.Count);
                    data.RemoveRange(replaceAt, Math.Min(token.Length, data.Count - replaceAt));
                    data.InsertRange(replaceAt, token);
                }
                else
                {
                    data.InsertRange(random.Next(data.Count + 1), token);
                }

                break;
            case 9 when data.Count > 0:
                ReplaceDigits(random, data);
                break;
            case 10 when data.Count > 1:
                int a = random.Next(data.Count);
                int b = random.Next(data.Count);
                (data[a], data[b]) = (data[b], data[a]);
                break;
            case 11:
            case 12:
            case 13:
                MutateLines(random, data);
                break;
            default:
                data.InsertRange(random.Next(data.Count + 1), RandomBytes(random, 1));
                break;
        }
    }

    private static void Truncate(Random random, List<byte> data)
    {
        int keep = random.Next(data.Count);
        data.RemoveRange(keep, data.Count - keep);
    }

    private void Splice(Random random, List<byte> data)
    {
        byte[] other = _seeds[random.Next(_seeds.Count)];
        int cut = random.Next(data.Count + 1);
        int otherCut = random.Next(other.Length + 1);
        data.RemoveRange(cut, data.Count - cut);
        data.AddRange(other.AsSpan(otherCut).ToArray());
    }

    // Replaces a run of ASCII digits (a size, an index, an area) with an interesting number.
    private static void ReplaceDigits(Random random, List<byte> data)
    {
        int start = random.Next(data.Count);
        while (start < data.Count && !char.IsAsciiDigit((char)data[start]))
        {
            start++;
        }

        if (start == data.Count)
        {
            return;
        }

        int end = start;
        while (end < data.Count && char.IsAsciiDigit((char)data[end]))
        {
            end++;
        }

        data.RemoveRange(start, end - start);
        data.InsertRange(start, Encoding.ASCII.GetBytes(s_interestingNumbers[random.Next(s_interestingNumbers.Length)]));
    }

    private void MutateLines(Random random, List<byte> data)
    {
        List<byte[]> lines = SplitLines([.. data]);
        int index = random.Next(lines.Count);
        switch (random.Next(5))
        {
            case 0 when lines.Count > 1:
                lines.RemoveAt(index);
                break;
            case 1:
                lines.Insert(random.Next(lines.Count + 1), lines[index]);
                break;
            case 2 when lines.Count > 1:
                int other = random.Next(lines.Count);
                (lines[index], lines[other]) = (lines[other], lines[index]);
                break;
            case 3:
                List<byte[]> donor = SplitLines(_seeds[random.Next(_seeds.Count)]);
                lines.Insert(random.Next(lines.Count + 1), donor[random.Next(donor.Count)]);
                break;
            default:
                lines[index] = [];
                break;
        }

        data.Clear();
        for (int i = 0; i < lines.Count; i++)
        {
            data.AddRange(lines[i]);
            if (i < lines.Count - 1)
            {
                data.Add((byte)'\n');
            }
        }
    }

    private static List<byte[]> SplitLines(byte[] data)
    {
        List<byte[]> lines = [];
        int start = 0;
        for (int i = 0; i <= data.Length; i++)
        {
            if (i == data.Length || data[i] == (byte)'\n')
            {
                lines.Add(data[start..i]);
                start = i + 1;
            }
        }

        return lines;
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        byte[] bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
