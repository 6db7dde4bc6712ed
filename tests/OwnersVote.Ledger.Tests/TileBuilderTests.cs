using FsCheck;
using FsCheck.Fluent;

namespace OwnersVote.Ledger.Tests;

public sealed class TileBuilderTests
{
    private static readonly Lazy<TreeFixture> s_tree = new(() => TreeFixture.WithEntries(70_000));

    [Fact]
    public async Task A_tree_of_70000_has_the_tiles_the_spec_lists()
    {
        // c2sp.org/tlog-tiles: "a tree of size 70,000 will be represented by 273 full level 0
        // tiles, one partial level 0 tile of width 112, one full level 1 tile, one partial level 1
        // tile of width 17, and one partial level 2 tile of width 1."
        var store = new MemoryTileStore();
        TileBuilder builder = await BuildAsync(store, 70_000, [70_000]);

        string[] hashTiles = [.. store.Paths.Where(p => !p.StartsWith("tile/entries/", StringComparison.Ordinal))];
        Assert.Equal(273, hashTiles.Count(p => p.StartsWith("tile/0/", StringComparison.Ordinal) && !p.Contains(".p/", StringComparison.Ordinal)));
        Assert.Contains("tile/0/273.p/112", hashTiles);
        Assert.Contains("tile/1/000", hashTiles);
        Assert.Contains("tile/1/001.p/17", hashTiles);
        Assert.Contains("tile/2/000.p/1", hashTiles);
        Assert.Equal(273 + 4, hashTiles.Length);
        Assert.Equal(274, store.Paths.Count(p => p.StartsWith("tile/entries/", StringComparison.Ordinal)));
        Assert.Contains("tile/entries/273.p/112", store.Paths);
        await AssertTilesMatchAsync(store, 70_000);
        Assert.Equal(TreeFixture.NaiveMth(s_tree.Value.Leaves, 0, 70_000), builder.Root);
    }

    [Fact]
    public async Task A_tree_of_256_is_a_full_level_0_tile_and_a_level_1_tile_of_width_1()
    {
        var store = new MemoryTileStore();
        await BuildAsync(store, 256, [256]);
        Assert.Equal(["tile/0/000", "tile/1/000.p/1", "tile/entries/000"], store.Paths.Order(StringComparer.Ordinal));
        await AssertTilesMatchAsync(store, 256);
    }

    [Fact]
    public void An_empty_log_writes_nothing_and_has_the_empty_root()
    {
        var builder = new TileBuilder();
        Assert.Empty(builder.TakeChangedTiles());
        Assert.Equal(Merkle.EmptyRoot, builder.Root);
    }

    [Fact]
    public void Tiles_that_did_not_change_are_not_written_again()
    {
        var builder = new TileBuilder();
        builder.Append(TreeFixture.Entry(0));
        Assert.Equal(["tile/entries/000.p/1", "tile/0/000.p/1"], builder.TakeChangedTiles().Select(t => t.Path.ToString()));
        Assert.Empty(builder.TakeChangedTiles());
        for (int i = 1; i < 300; i++)
        {
            builder.Append(TreeFixture.Entry(i));
        }

        Assert.Equal(
            ["tile/entries/000", "tile/0/000", "tile/entries/001.p/44", "tile/0/001.p/44", "tile/1/000.p/1"],
            builder.TakeChangedTiles().Select(t => t.Path.ToString()));
    }

    [Fact]
    public void Oversized_entries_are_refused_without_changing_the_log()
    {
        var builder = new TileBuilder();
        Assert.Throws<ArgumentException>(() => builder.Append(new byte[EntryBundle.MaxEntrySize + 1]));
        Assert.Equal(0, builder.TreeSize);
        Assert.Equal(0, builder.Append(new byte[EntryBundle.MaxEntrySize]));
    }

    [Fact]
    public async Task Any_batching_and_resuming_builds_the_same_tiles_and_root()
    {
        TreeFixture fixture = s_tree.Value;
        Arbitrary<int[]> batches = Gen.Choose(0, 2000).ArrayOf().Where(b => b.Sum() <= 70_000).ToArbitrary();
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        Prop.ForAll(batches, sizes =>
        {
            var store = new MemoryTileStore();
            long size = 0;
            foreach (int batch in sizes)
            {
                // Resume from the store for each batch, as a restarted sequencer would.
                TileBuilder builder = TileBuilder.LoadAsync(store, size, cancellationToken).GetAwaiter().GetResult();
                for (int i = 0; i < batch; i++)
                {
                    Assert.Equal(size + i, builder.Append(TreeFixture.Entry(size + i)));
                }

                size += batch;
                builder.WriteChangedTilesAsync(store, cancellationToken).GetAwaiter().GetResult();
                Assert.Equal(Merkle.TreeRoot(size, fixture), builder.Root);
            }

            AssertTilesMatchAsync(store, size).GetAwaiter().GetResult();
            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(40));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Proofs_from_tiles_alone_equal_proofs_from_the_whole_tree()
    {
        TreeFixture fixture = s_tree.Value;
        var store = new MemoryTileStore();
        await BuildAsync(store, 70_000, [1000, 64_536, 1, 4463]);
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        var random = new Random(3);
        for (int trial = 0; trial < 200; trial++)
        {
            // Partial tiles exist only at sizes the builder wrote. Sizes of whole level-0 tiles up to
            // 65,536 need a partial level-1 tile that was never written, so they exercise the
            // spec's fallback to the full tile tile/1/000.
            long[] written = [1000, 65_536, 65_537, 70_000];
            long size = trial % 2 == 0 ? written[random.Next(written.Length)] : random.Next(1, 257) * 256L;
            long index = random.NextInt64(0, size);
            long size1 = random.NextInt64(1, size + 1);

            TileHashSource source = await TileHashSource.LoadAsync(store, size, s =>
            {
                InclusionProof.Create(index, size, s);
                ConsistencyProof.Create(size1, size, s);
                Merkle.TreeRoot(size, s);
            }, cancellationToken);

            Assert.Equal(InclusionProof.Create(index, size, fixture), InclusionProof.Create(index, size, source));
            Assert.Equal(ConsistencyProof.Create(size1, size, fixture), ConsistencyProof.Create(size1, size, source));
            Assert.Equal(Merkle.TreeRoot(size, fixture), Merkle.TreeRoot(size, source));
        }
    }

    [Fact]
    public async Task A_warm_hash_source_serves_every_node_of_the_tree_in_any_order()
    {
        // One source kept for a tree size, as a server keeps it, caches the node hashes it computes
        // inside each tile; whatever order they are asked in, each must equal the whole tree's.
        TreeFixture fixture = s_tree.Value;
        var store = new MemoryTileStore();
        await BuildAsync(store, 70_000, [70_000]);
        var tiles = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (string path in store.Paths)
        {
            tiles[path] = (await store.ReadAsync(path, TestContext.Current.CancellationToken))!;
        }

        var source = new TileHashSource(70_000, path => tiles.TryGetValue(path.ToString(), out byte[]? tile) ? tile : null);
        (int Level, long Index)[] nodes = [.. Enumerable.Range(0, 17).SelectMany(level => Enumerable.Range(0, (int)(70_000L >> level)).Select(index => (level, (long)index)))];
        new Random(5).Shuffle(nodes);
        foreach ((int level, long index) in nodes.Concat(nodes.Reverse()))
        {
            Assert.Equal(fixture.GetNode(level, index), source.GetNode(level, index));
        }
    }

    [Fact]
    public async Task A_hash_source_reports_a_missing_or_malformed_tile_by_path()
    {
        var store = new MemoryTileStore();
        await BuildAsync(store, 300, [300]);
        var missing = new TileHashSource(300, _ => null);
        LogVerificationException e = Assert.Throws<LogVerificationException>(() => missing.GetNode(0, 5));
        Assert.Equal("tile/0/000: tile is missing", e.Message);
        var shortTile = new TileHashSource(300, _ => new byte[31 * 32]);
        e = Assert.Throws<LogVerificationException>(() => shortTile.GetNode(0, 299));
        Assert.Equal("tile/0/001.p/44: tile is 992 bytes, want 1408", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => shortTile.GetNode(0, 300));
        Assert.Throws<ArgumentOutOfRangeException>(() => shortTile.GetNode(9, 0));
    }

    internal static async Task<TileBuilder> BuildAsync(ITileStore store, long size, IReadOnlyList<int> batches)
    {
        Assert.Equal(size, batches.Sum());
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        var builder = new TileBuilder();
        foreach (int batch in batches)
        {
            for (int i = 0; i < batch; i++)
            {
                builder.Append(TreeFixture.Entry(builder.TreeSize));
            }

            await builder.WriteChangedTilesAsync(store, cancellationToken);
        }

        return builder;
    }

    // Every tile and bundle that a tree of this size needs holds exactly the fixture's nodes/entries.
    private static async Task AssertTilesMatchAsync(ITileStore store, long size)
    {
        TreeFixture fixture = s_tree.Value;
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        for (int level = 0; level <= TilePath.MaxLevel; level++)
        {
            long hashes = size >> (8 * level);
            for (long n = 0; n * 256 < hashes; n++)
            {
                int width = (int)Math.Min(256, hashes - (n * 256));
                TilePath path = TilePath.ForHashes(level, n, width);
                byte[] expected = [.. Enumerable.Range(0, width).SelectMany(i => fixture.GetNode(8 * level, (n * 256) + i).Bytes.ToArray())];
                Assert.Equal(expected, await store.ReadAsync(path.ToString(), cancellationToken));
            }
        }

        for (long n = 0; n * 256 < size; n++)
        {
            int width = (int)Math.Min(256, size - (n * 256));
            byte[] expected = EntryBundle.Encode([.. Enumerable.Range(0, width).Select(i => (ReadOnlyMemory<byte>)TreeFixture.Entry((n * 256) + i))]);
            Assert.Equal(expected, await store.ReadAsync(TilePath.ForEntries(n, width).ToString(), cancellationToken));
        }
    }
}
