namespace OwnersVote.Ledger.Tests;

public sealed class TilePathTests
{
    [Theory]
    [InlineData(0, 0L, 256, "tile/0/000")]
    [InlineData(0, 1234067L, 256, "tile/0/x001/x234/067")]
    [InlineData(1, 999L, 256, "tile/1/999")]
    [InlineData(1, 1000L, 256, "tile/1/x001/000")]
    [InlineData(2, 5L, 17, "tile/2/005.p/17")]
    [InlineData(0, 1234L, 1, "tile/0/x001/234.p/1")]
    [InlineData(0, 1234L, 255, "tile/0/x001/234.p/255")]
    [InlineData(7, 0L, 127, "tile/7/000.p/127")]
    public void Hash_tile_paths_follow_the_spec_encoding(int level, long index, int width, string expected)
    {
        TilePath tile = TilePath.ForHashes(level, index, width);
        Assert.Equal(expected, tile.ToString());
        Assert.Equal(tile, TilePath.Parse(expected));
        Assert.False(tile.IsEntryBundle);
        Assert.Equal(width < 256, tile.IsPartial);
    }

    [Theory]
    [InlineData(0L, 256, "tile/entries/000")]
    [InlineData(1234067L, 8, "tile/entries/x001/x234/067.p/8")]
    [InlineData(36028797018963967L, 256, "tile/entries/x036/x028/x797/x018/x963/967")]
    public void Entry_bundle_paths_follow_the_spec_encoding(long index, int width, string expected)
    {
        TilePath tile = TilePath.ForEntries(index, width);
        Assert.Equal(expected, tile.ToString());
        Assert.Equal(tile, TilePath.Parse(expected));
        Assert.True(tile.IsEntryBundle);
    }

    [Theory]
    [InlineData("tile/0/1")]
    [InlineData("tile/0/0001")]
    [InlineData("tile/0/x000/001")]
    [InlineData("tile/0/001/002")]
    [InlineData("tile/0/x001")]
    [InlineData("tile/0/y001/002")]
    [InlineData("tile/00/000")]
    [InlineData("tile/01/000")]
    [InlineData("tile/8/000")]
    [InlineData("tile/64/000")]
    [InlineData("tile/-1/000")]
    [InlineData("tile/0/000.p/0")]
    [InlineData("tile/0/000.p/256")]
    [InlineData("tile/0/000.p/017")]
    [InlineData("tile/0/000.p/")]
    [InlineData("tile/0/000.p")]
    [InlineData("tile/0/000.q/5")]
    [InlineData("tile/0/000/")]
    [InlineData("tile/0//000")]
    [InlineData("tile/0/00a")]
    [InlineData("tile/0/٠٠١")]
    [InlineData("/tile/0/000")]
    [InlineData("tiles/0/000")]
    [InlineData("tile/0")]
    [InlineData("tile/entry/000")]
    [InlineData("tile/Entries/000")]
    [InlineData("tile/0/x001/x234/067.p/8/")]
    [InlineData("tile/7/001")]
    [InlineData("tile/entries/x036/x028/x797/x018/x963/968")]
    [InlineData("tile/0/x009/x999/x999/x999/x999/x999/x999/999")]
    [InlineData("checkpoint")]
    [InlineData("")]
    public void Non_canonical_or_out_of_range_paths_are_rejected(string path)
    {
        Assert.False(TilePath.TryParse(path, out _));
        Assert.Throws<FormatException>(() => TilePath.Parse(path));
    }

    [Fact]
    public void Every_valid_coordinate_round_trips_through_its_path()
    {
        var random = new Random(42);
        for (int i = 0; i < 10_000; i++)
        {
            int level = random.Next(0, TilePath.MaxLevel + 1);
            long index = level == TilePath.MaxLevel ? 0 : random.NextInt64(0, (long.MaxValue >> (8 * (level + 1))) + 1) >> random.Next(0, 56);
            int width = random.Next(1, 257);
            TilePath tile = random.Next(2) == 0 ? TilePath.ForHashes(level, index, width) : TilePath.ForEntries(index, width);
            Assert.Equal(tile, TilePath.Parse(tile.ToString()));
        }
    }

    [Fact]
    public void Out_of_range_coordinates_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TilePath.ForHashes(8, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TilePath.ForHashes(-1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TilePath.ForHashes(0, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TilePath.ForHashes(0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TilePath.ForHashes(0, 0, 257));
        Assert.Throws<ArgumentOutOfRangeException>(() => TilePath.ForHashes(7, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TilePath.ForEntries(long.MaxValue));
    }

    [Fact]
    public void Start_index_spans_256_to_the_power_of_level_plus_one()
    {
        Assert.Equal(3L * 256, TilePath.ForEntries(3).StartIndex);
        Assert.Equal(3L * 256, TilePath.ForHashes(0, 3).StartIndex);
        Assert.Equal(3L * 65536, TilePath.ForHashes(1, 3, 5).StartIndex);
    }
}
