namespace OwnersVote.Ledger.Tests;

public sealed class FileTileStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ov-tiles-" + Guid.NewGuid().ToString("N"));
    private readonly FileTileStore _store;

    public FileTileStoreTests() => _store = new FileTileStore(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Written_bytes_read_back_at_the_served_path_and_absent_paths_read_as_null()
    {
        await _store.WriteAsync("tile/0/x001/234.p/17", new byte[] { 1, 2, 3 }, Token);
        Assert.Equal([1, 2, 3], await _store.ReadAsync("tile/0/x001/234.p/17", Token));
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(Path.Combine(_root, "tile", "0", "x001", "234.p", "17"), Token));
        Assert.Null(await _store.ReadAsync("tile/0/x001/234", Token));
        Assert.Null(await _store.ReadAsync("tile/9/000", Token));
    }

    [Fact]
    public async Task A_full_tile_rewritten_with_the_same_bytes_is_a_no_op_and_with_other_bytes_throws()
    {
        await _store.WriteAsync("tile/0/000", new byte[] { 1, 2 }, Token);
        DateTime written = File.GetLastWriteTimeUtc(Path.Combine(_root, "tile", "0", "000"));
        await _store.WriteAsync("tile/0/000", new byte[] { 1, 2 }, Token);
        TileConflictException e = await Assert.ThrowsAsync<TileConflictException>(() => _store.WriteAsync("tile/0/000", new byte[] { 1, 3 }, Token));
        Assert.Contains("tile/0/000", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<TileConflictException>(() => _store.WriteAsync("tile/entries/000", new byte[] { 9 }, Token).ContinueWith(_ => _store.WriteAsync("tile/entries/000", new byte[] { 8 }, Token), Token).Unwrap());
        Assert.Equal([1, 2], await _store.ReadAsync("tile/0/000", Token));
        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(_root, "tile", "0", "000")));
    }

    [Fact]
    public async Task Partial_tiles_and_the_checkpoint_can_be_replaced()
    {
        await _store.WriteAsync("checkpoint", new byte[] { 1 }, Token);
        await _store.WriteAsync("checkpoint", new byte[] { 2 }, Token);
        await _store.WriteAsync("tile/0/000.p/1", new byte[] { 3 }, Token);
        await _store.WriteAsync("tile/0/000.p/1", new byte[] { 4 }, Token);
        Assert.Equal([2], await _store.ReadAsync("checkpoint", Token));
        Assert.Equal([4], await _store.ReadAsync("tile/0/000.p/1", Token));
    }

    [Fact]
    public async Task Writes_leave_no_temporary_files_behind()
    {
        for (int i = 0; i < 10; i++)
        {
            await _store.WriteAsync("checkpoint", new byte[] { (byte)i }, Token);
            await _store.WriteAsync($"tile/0/00{i}", new byte[] { (byte)i }, Token);
        }

        await Assert.ThrowsAsync<TileConflictException>(() => _store.WriteAsync("tile/0/000", new byte[] { 7 }, Token));
        string[] files = [.. Directory.GetFiles(_root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_root, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];
        Assert.Equal(["checkpoint", .. Enumerable.Range(0, 10).Select(i => $"tile/0/00{i}")], files);
    }

    [Fact]
    public async Task Concurrent_writers_of_one_full_tile_agree_or_exactly_one_wins()
    {
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => _store.WriteAsync("tile/1/000", new byte[] { 5, 5 }, Token), Token)));
        Assert.Equal([5, 5], await _store.ReadAsync("tile/1/000", Token));

        Task[] racers = [.. Enumerable.Range(0, 16).Select(i => Task.Run(() => _store.WriteAsync("tile/1/001", new byte[] { (byte)i }, Token), Token))];
        await Task.WhenAll(racers).ContinueWith(_ => { }, Token);
        Assert.Equal(1, racers.Count(t => t.IsCompletedSuccessfully));
        Assert.All(racers.Where(t => !t.IsCompletedSuccessfully), t => Assert.IsType<TileConflictException>(t.Exception!.InnerException));
        byte[]? winner = await _store.ReadAsync("tile/1/001", Token);
        Assert.Single(winner!);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("tile/../../escape")]
    [InlineData("tile/./0")]
    [InlineData("/etc/passwd")]
    [InlineData("tile//0")]
    [InlineData("tile/0/")]
    [InlineData("..\\escape")]
    [InlineData("C:escape")]
    [InlineData("tile/\n")]
    [InlineData("")]
    public async Task Paths_that_could_leave_the_root_are_refused(string path)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.WriteAsync(path, new byte[] { 1 }, Token));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.ReadAsync(path, Token));
        await Assert.ThrowsAsync<ArgumentException>(() => new MemoryTileStore().WriteAsync(path, new byte[] { 1 }, Token));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_root)!, "escape")));
    }

    [Fact]
    public async Task The_memory_store_keeps_full_tiles_immutable_too()
    {
        var store = new MemoryTileStore();
        await store.WriteAsync("tile/0/000", new byte[] { 1 }, Token);
        await store.WriteAsync("tile/0/000", new byte[] { 1 }, Token);
        await Assert.ThrowsAsync<TileConflictException>(() => store.WriteAsync("tile/0/000", new byte[] { 2 }, Token));
        await store.WriteAsync("checkpoint", new byte[] { 1 }, Token);
        await store.WriteAsync("checkpoint", new byte[] { 2 }, Token);
        Assert.Equal([2], await store.ReadAsync("checkpoint", Token));
    }

    [Fact]
    public async Task A_log_built_in_a_file_store_verifies_from_it()
    {
        TileBuilder builder = await TileBuilderTests.BuildAsync(_store, 1000, [1, 255, 300, 444]);
        IReadOnlyList<byte[]> entries = await TileLogVerifier.VerifyAsync(_store, 1000, builder.Root, Token);
        Assert.Equal(TreeFixture.Entry(999), entries[999]);
        TileBuilder resumed = await TileBuilder.LoadAsync(_store, 1000, Token);
        Assert.Equal(builder.Root, resumed.Root);
    }
}
