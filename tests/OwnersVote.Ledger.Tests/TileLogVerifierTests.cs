namespace OwnersVote.Ledger.Tests;

public sealed class TileLogVerifierTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(65_536)]
    [InlineData(70_000)]
    public async Task An_intact_log_verifies_and_yields_its_entries(int size)
    {
        var store = new MemoryTileStore();
        TileBuilder builder = await TileBuilderTests.BuildAsync(store, size, [size]);
        IReadOnlyList<byte[]> entries = await TileLogVerifier.VerifyAsync(store, size, builder.Root, Token);
        Assert.Equal(size, entries.Count);
        for (int i = 0; i < size; i++)
        {
            Assert.Equal(TreeFixture.Entry(i), entries[i]);
        }
    }

    [Fact]
    public async Task Every_checkpointed_size_of_a_growing_log_verifies()
    {
        var store = new MemoryTileStore();
        var builder = new TileBuilder();
        int[] batches = [3, 250, 3, 1, 500, 65_000, 279];
        foreach (int batch in batches)
        {
            for (int i = 0; i < batch; i++)
            {
                builder.Append(TreeFixture.Entry(builder.TreeSize));
            }

            await builder.WriteChangedTilesAsync(store, Token);
            long indexes = 0;
            await TileLogVerifier.VerifyAsync(store, builder.TreeSize, builder.Root, (index, _) => Assert.Equal(indexes++, index), Token);
            Assert.Equal(builder.TreeSize, indexes);
        }
    }

    [Fact]
    public async Task An_older_size_verifies_from_full_tiles_once_its_partial_tiles_are_deleted()
    {
        // c2sp.org/tlog-tiles: a log "MAY delete any partial tile once the corresponding full tile
        // is either available".
        var store = new MemoryTileStore();
        var builder = new TileBuilder();
        for (int i = 0; i < 300; i++)
        {
            builder.Append(TreeFixture.Entry(i));
        }

        await builder.WriteChangedTilesAsync(store, Token);
        Hash root300 = builder.Root;
        for (int i = 300; i < 600; i++)
        {
            builder.Append(TreeFixture.Entry(i));
        }

        await builder.WriteChangedTilesAsync(store, Token);
        var pruned = new TamperedStore(store);
        pruned.Remove("tile/0/001.p/44");
        pruned.Remove("tile/entries/001.p/44");
        IReadOnlyList<byte[]> entries = await TileLogVerifier.VerifyAsync(pruned, 300, root300, Token);
        Assert.Equal(300, entries.Count);
        Assert.Equal(TreeFixture.Entry(299), entries[299]);

        byte[] full = (await store.ReadAsync("tile/0/001", Token))!;
        full[(43 * 32) + 1] ^= 4;
        pruned.Replace("tile/0/001", full);
        LogVerificationException e = await Assert.ThrowsAsync<LogVerificationException>(() => TileLogVerifier.VerifyAsync(pruned, 300, root300, Token));
        Assert.Equal("tile/0/001: hash 43 does not match entry 43 of tile/entries/001", e.Message);
    }

    [Fact]
    public async Task A_different_expected_root_is_reported()
    {
        var store = new MemoryTileStore();
        TileBuilder builder = await TileBuilderTests.BuildAsync(store, 300, [300]);
        Hash wrong = MerkleProperties.FlipBit(builder.Root, 0);
        LogVerificationException e = await Assert.ThrowsAsync<LogVerificationException>(() => TileLogVerifier.VerifyAsync(store, 300, wrong, Token));
        Assert.Equal($"tree of 300 entries has root {builder.Root.ToBase64()}, want {wrong.ToBase64()}", e.Message);
        e = await Assert.ThrowsAsync<LogVerificationException>(() => TileLogVerifier.VerifyAsync(new MemoryTileStore(), 0, wrong, Token));
        Assert.StartsWith("tree of 0 entries has root 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tile_hash_that_differs_from_its_entry_is_named()
    {
        var store = new MemoryTileStore();
        TileBuilder builder = await TileBuilderTests.BuildAsync(store, 70_000, [70_000]);
        var tampered = new TamperedStore(store);
        byte[] tile = (await store.ReadAsync("tile/0/273.p/112", Token))!;
        tile[(5 * 32) + 7] ^= 0x10;
        tampered.Replace("tile/0/273.p/112", tile);
        LogVerificationException e = await Assert.ThrowsAsync<LogVerificationException>(() => TileLogVerifier.VerifyAsync(tampered, 70_000, builder.Root, Token));
        Assert.Equal("tile/0/273.p/112: hash 5 does not match entry 5 of tile/entries/273.p/112", e.Message);
        Assert.Equal(TilePath.Parse("tile/0/273.p/112"), e.Path);
    }

    [Fact]
    public async Task A_changed_hash_in_any_higher_tile_is_named()
    {
        var store = new MemoryTileStore();
        TileBuilder builder = await TileBuilderTests.BuildAsync(store, 70_000, [70_000]);
        var tampered = new TamperedStore(store);
        (string Path, int Hash, string Message)[] cases =
        [
            ("tile/1/000", 200, "tile/1/000: hash 200 does not match the root of tile/0/200"),
            ("tile/1/001.p/17", 16, "tile/1/001.p/17: hash 16 does not match the root of tile/0/272"),
            ("tile/2/000.p/1", 0, "tile/2/000.p/1: hash 0 does not match the root of tile/1/000"),
        ];
        foreach ((string path, int hash, string message) in cases)
        {
            byte[] original = (await store.ReadAsync(path, Token))!;
            byte[] changed = [.. original];
            changed[(hash * 32) + 31] ^= 1;
            tampered.Replace(path, changed);
            LogVerificationException e = await Assert.ThrowsAsync<LogVerificationException>(() => TileLogVerifier.VerifyAsync(tampered, 70_000, builder.Root, Token));
            Assert.Equal(message, e.Message);
            tampered.Restore(path);
        }

        await TileLogVerifier.VerifyAsync(store, 70_000, builder.Root, Token);
    }

    [Fact]
    public async Task Flipping_any_byte_of_any_file_is_detected_with_its_path()
    {
        var store = new MemoryTileStore();
        TileBuilder builder = await TileBuilderTests.BuildAsync(store, 600, [600]);
        var tampered = new TamperedStore(store);
        var random = new Random(9);
        string[] paths = [.. store.Paths];
        Assert.Equal(7, paths.Length);
        foreach (string path in paths)
        {
            byte[] original = (await store.ReadAsync(path, Token))!;
            int[] positions = [0, 1, original.Length - 1, .. Enumerable.Range(0, 40).Select(_ => random.Next(original.Length))];
            foreach (int position in positions)
            {
                byte[] changed = [.. original];
                changed[position] ^= (byte)(1 << random.Next(8));
                tampered.Replace(path, changed);
                LogVerificationException e = await Assert.ThrowsAsync<LogVerificationException>(() => TileLogVerifier.VerifyAsync(tampered, 600, builder.Root, Token));
                Assert.Contains(path, e.Message, StringComparison.Ordinal);
            }

            tampered.Restore(path);
        }

        await TileLogVerifier.VerifyAsync(store, 600, builder.Root, Token);
    }

    [Fact]
    public async Task Truncated_extended_or_missing_files_are_detected_with_their_path()
    {
        var store = new MemoryTileStore();
        TileBuilder builder = await TileBuilderTests.BuildAsync(store, 600, [600]);
        var tampered = new TamperedStore(store);
        foreach (string path in store.Paths.ToArray())
        {
            byte[] original = (await store.ReadAsync(path, Token))!;
            foreach (byte[] changed in new[] { original[..^1], [.. original, 0], [.. original, 0, 0], [] })
            {
                tampered.Replace(path, changed);
                LogVerificationException e = await Assert.ThrowsAsync<LogVerificationException>(() => TileLogVerifier.VerifyAsync(tampered, 600, builder.Root, Token));
                Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
            }

            tampered.Remove(path);
            LogVerificationException missing = await Assert.ThrowsAsync<LogVerificationException>(() => TileLogVerifier.VerifyAsync(tampered, 600, builder.Root, Token));
            Assert.Equal(path + ": missing from the store", missing.Message);
            tampered.Restore(path);
        }

        LogVerificationException bundle = await Assert.ThrowsAsync<LogVerificationException>(async () =>
        {
            byte[] original = (await store.ReadAsync("tile/entries/001", Token))!;
            tampered.Replace("tile/entries/001", [.. original, 0]);
            await TileLogVerifier.VerifyAsync(tampered, 600, builder.Root, Token);
        });
        Assert.Equal("tile/entries/001: entry bundle has 1 extra byte(s) after its 256 entries", bundle.Message);
    }
}
