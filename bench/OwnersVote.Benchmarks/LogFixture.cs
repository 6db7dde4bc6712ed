using OwnersVote.Ledger;

namespace OwnersVote.Benchmarks;

/// <summary>A log of 64-byte entries (entry i holds i little-endian, then zeros) in a <see cref="MemoryTileStore"/>.</summary>
internal static class LogFixture
{
    public static byte[] Entry(long index)
    {
        byte[] entry = new byte[64];
        BitConverter.TryWriteBytes(entry, index);
        return entry;
    }

    public static byte[][] Entries(int count) => [.. Enumerable.Range(0, count).Select(i => Entry(i))];

    public static async Task<(MemoryTileStore Store, Hash Root)> BuildAsync(long size)
    {
        var store = new MemoryTileStore();
        var builder = new TileBuilder();
        for (long i = 0; i < size; i++)
        {
            builder.Append(Entry(i));
        }

        await builder.WriteChangedTilesAsync(store, CancellationToken.None).ConfigureAwait(false);
        return (store, builder.Root);
    }
}
