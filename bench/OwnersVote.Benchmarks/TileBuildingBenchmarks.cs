using BenchmarkDotNet.Attributes;
using OwnersVote.Ledger;

namespace OwnersVote.Benchmarks;

/// <summary>Building every tile and bundle for a batch of 64-byte entries (c2sp.org/tlog-tiles).</summary>
[MemoryDiagnoser]
public class TileBuildingBenchmarks
{
    private byte[][] _entries = [];

    [Params(256, 65_536)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup() => _entries = LogFixture.Entries(Entries);

    [Benchmark]
    public int Build_tiles()
    {
        var builder = new TileBuilder();
        foreach (byte[] entry in _entries)
        {
            builder.Append(entry);
        }

        return builder.TakeChangedTiles().Count;
    }
}
