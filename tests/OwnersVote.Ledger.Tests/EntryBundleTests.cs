namespace OwnersVote.Ledger.Tests;

public sealed class EntryBundleTests
{
    [Fact]
    public void Entries_are_prefixed_by_their_big_endian_uint16_length()
    {
        byte[] bundle = EntryBundle.Encode([new byte[] { 0xaa }, Array.Empty<byte>(), new byte[300]]);
        Assert.Equal([0x00, 0x01, 0xaa, 0x00, 0x00, 0x01, 0x2c], bundle[..7]);
        Assert.Equal(2 + 1 + 2 + 0 + 2 + 300, bundle.Length);
    }

    [Fact]
    public void Decoding_returns_the_encoded_entries()
    {
        var random = new Random(1);
        ReadOnlyMemory<byte>[] entries = [.. Enumerable.Range(0, 256).Select(i =>
        {
            byte[] entry = new byte[random.Next(0, 2000)];
            random.NextBytes(entry);
            return (ReadOnlyMemory<byte>)entry;
        })];
        ReadOnlyMemory<byte>[] decoded = EntryBundle.Decode(EntryBundle.Encode(entries), 256);
        Assert.Equal(entries.Length, decoded.Length);
        for (int i = 0; i < entries.Length; i++)
        {
            Assert.Equal(entries[i].ToArray(), decoded[i].ToArray());
        }
    }

    [Fact]
    public void An_entry_of_the_largest_uint16_length_round_trips_and_one_more_byte_is_refused()
    {
        byte[] largest = new byte[ushort.MaxValue];
        largest[^1] = 7;
        Assert.Equal(largest, EntryBundle.Decode(EntryBundle.Encode([largest]), 1)[0].ToArray());
        Assert.Throws<ArgumentException>(() => EntryBundle.Encode([new byte[ushort.MaxValue + 1]]));
    }

    [Fact]
    public void Truncated_extra_or_miscounted_bundles_are_rejected()
    {
        byte[] bundle = EntryBundle.Encode([new byte[] { 1, 2, 3 }, new byte[] { 4 }]);
        for (int length = 0; length < bundle.Length; length++)
        {
            Assert.Throws<FormatException>(() => EntryBundle.Decode(bundle[..length], 2));
        }

        byte[] oneExtra = [.. bundle, 0];
        byte[] emptyEntryMore = [.. bundle, 0, 0];
        Assert.Throws<FormatException>(() => EntryBundle.Decode(oneExtra, 2));
        Assert.Throws<FormatException>(() => EntryBundle.Decode(emptyEntryMore, 2));
        Assert.Throws<FormatException>(() => EntryBundle.Decode(bundle, 1));
        Assert.Throws<FormatException>(() => EntryBundle.Decode(bundle, 3));
        // Two zero bytes are a third, empty entry.
        Assert.True(EntryBundle.Decode(emptyEntryMore, 3)[2].IsEmpty);
    }
}
