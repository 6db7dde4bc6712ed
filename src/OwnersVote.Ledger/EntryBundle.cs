using System.Buffers.Binary;

namespace OwnersVote.Ledger;

/// <summary>
/// The c2sp.org/tlog-tiles entry bundle encoding: "Entry bundles are sequences of big-endian
/// uint16 length-prefixed log entries."
/// </summary>
public static class EntryBundle
{
    /// <summary>The largest entry a uint16 length prefix can carry.</summary>
    public const int MaxEntrySize = ushort.MaxValue;

    /// <summary>Encodes entries as a bundle.</summary>
    /// <exception cref="ArgumentException">An entry is longer than 65,535 bytes.</exception>
    public static byte[] Encode(IReadOnlyList<ReadOnlyMemory<byte>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        int length = 0;
        for (int i = 0; i < entries.Count; i++)
        {
            CheckEntrySize(entries[i].Length);
            length = checked(length + 2 + entries[i].Length);
        }

        byte[] bundle = new byte[length];
        int offset = 0;
        for (int i = 0; i < entries.Count; i++)
        {
            ReadOnlySpan<byte> entry = entries[i].Span;
            BinaryPrimitives.WriteUInt16BigEndian(bundle.AsSpan(offset), (ushort)entry.Length);
            entry.CopyTo(bundle.AsSpan(offset + 2));
            offset += 2 + entry.Length;
        }

        return bundle;
    }

    /// <summary>
    /// Decodes a bundle that must hold exactly <paramref name="count"/> entries and nothing else.
    /// The entries are slices of <paramref name="bundle"/>, not copies.
    /// </summary>
    /// <exception cref="FormatException">The bundle is truncated, has extra bytes, or holds a different number of entries.</exception>
    public static ReadOnlyMemory<byte>[] Decode(ReadOnlyMemory<byte> bundle, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var entries = new ReadOnlyMemory<byte>[count];
        ReadOnlySpan<byte> span = bundle.Span;
        int offset = 0;
        for (int i = 0; i < count; i++)
        {
            if (span.Length - offset < 2)
            {
                throw new FormatException($"entry bundle is truncated: {i} of {count} entries, then {span.Length - offset} byte(s) where a 2-byte length prefix belongs");
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(span[offset..]);
            if (span.Length - offset - 2 < length)
            {
                throw new FormatException($"entry bundle is truncated: entry {i} declares {length} bytes but {span.Length - offset - 2} remain");
            }

            entries[i] = bundle.Slice(offset + 2, length);
            offset += 2 + length;
        }

        if (offset != span.Length)
        {
            throw new FormatException($"entry bundle has {span.Length - offset} extra byte(s) after its {count} entries");
        }

        return entries;
    }

    internal static void CheckEntrySize(int length)
    {
        if (length > MaxEntrySize)
        {
            throw new ArgumentException($"A log entry is at most {MaxEntrySize} bytes (uint16 length prefix, c2sp.org/tlog-tiles), not {length}.", "entry");
        }
    }
}
