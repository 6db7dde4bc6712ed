using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using OwnersVote.Ledger.Sequencing;

namespace OwnersVote.Ledger.Tests.Sequencing;

public sealed class LogAppenderTests : IDisposable
{
    private const string Origin = "ownersvote.test/log";
    private readonly string _dir = Directory.CreateTempSubdirectory("ov-appender-").FullName;
    private readonly NoteSigner _signer = NoteSigner.FromSeed("ownersvote.test/log", new byte[32]);

    public void Dispose()
    {
        _signer.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private Task<LogAppender> OpenAsync(LogAppenderOptions? options = null) =>
        LogAppender.OpenAsync(_dir, Origin, _signer, _signer.Verifier, options, cancellationToken: TestContext.Current.CancellationToken);

    private Task<AuditedLog> AuditAsync() =>
        LogAuditor.AuditAsync(new FileTileStore(_dir), _signer.Verifier, [], 0, null, TestContext.Current.CancellationToken);

    private static byte[] Entry(int i) => Encoding.UTF8.GetBytes($"entry {i}");

    [Fact]
    public async Task A_new_log_starts_with_a_signed_checkpoint_of_the_empty_tree()
    {
        await using (LogAppender appender = await OpenAsync())
        {
            Assert.Equal(0, appender.TreeSize);
        }

        AuditedLog log = await AuditAsync();
        Assert.Equal(0, log.Checkpoint.Checkpoint.Size);
        Assert.Equal(Merkle.EmptyRoot, log.Checkpoint.Checkpoint.Root);
    }

    [Fact]
    public async Task Concurrent_appends_get_distinct_indexes_and_provable_receipts()
    {
        const int Count = 3000;
        AppendResult[] results;
        await using (LogAppender appender = await OpenAsync(new LogAppenderOptions { MaxBatchSize = 100 }))
        {
            results = await Task.WhenAll(Enumerable.Range(0, Count).Select(i => Task.Run(() => appender.AppendAsync(Entry(i), TestContext.Current.CancellationToken))));
            Assert.Equal(Count, appender.TreeSize);

            foreach (int i in new[] { 0, 1, 99, 100, 255, 256, 1234, Count - 1 })
            {
                AppendResult r = results[i];
                Checkpoint checkpoint = Checkpoint.Open(r.Checkpoint, _signer.Verifier).Checkpoint;
                Assert.Equal(r.TreeSize, checkpoint.Size);
                Assert.True(r.Index < checkpoint.Size);
                Assert.Equal(Merkle.HashLeaf(Entry(i)), r.LeafHash);
                IReadOnlyList<Hash> proof = await appender.ProveInclusionAsync(r.Index, r.TreeSize, TestContext.Current.CancellationToken);
                Assert.True(InclusionProof.Verify(r.Index, r.TreeSize, r.LeafHash, proof, checkpoint.Root));
            }
        }

        Assert.Equal(Enumerable.Range(0, Count).Select(i => (long)i), results.Select(r => r.Index).Order());
        var entries = new Dictionary<long, string>();
        AuditedLog log = await LogAuditor.AuditAsync(new FileTileStore(_dir), _signer.Verifier, [], 0, (i, e) => entries[i] = Encoding.UTF8.GetString(e.Span), TestContext.Current.CancellationToken);
        Assert.Equal(Count, log.Checkpoint.Checkpoint.Size);
        for (int i = 0; i < Count; i++)
        {
            Assert.Equal($"entry {i}", entries[results[i].Index]);
        }
    }

    [Fact]
    public async Task Batches_are_bounded_by_the_maximum_batch_size()
    {
        await using LogAppender appender = await OpenAsync(new LogAppenderOptions { MaxBatchSize = 7 });
        AppendResult[] results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => appender.AppendAsync(Entry(i), TestContext.Current.CancellationToken)));
        // Every caller is answered with the checkpoint of its own batch, which ends at most 7 later.
        Assert.All(results, r => Assert.InRange(r.TreeSize - r.Index, 1, 7));
    }

    [Fact]
    public async Task A_lone_append_is_not_held_by_the_linger()
    {
        // An hour of linger on a clock that never moves: only a batch that lingers could wait.
        var time = new FakeTimeProvider();
        await using LogAppender appender = await LogAppender.OpenAsync(
            _dir, Origin, _signer, _signer.Verifier, new LogAppenderOptions { Linger = TimeSpan.FromHours(1) }, time, TestContext.Current.CancellationToken);

        for (int i = 0; i < 3; i++)
        {
            // One at a time, as a quiet log sees them; the bound only stops a broken run.
            AppendResult result = await appender.AppendAsync(Entry(i), TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
            Assert.Equal(i, result.Index);
        }
    }

    [Fact]
    public async Task Under_concurrency_a_batch_waits_for_the_linger()
    {
        var time = new FakeTimeProvider();
        var batches = new ConcurrentQueue<int>();
        using var firstBatchDone = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var options = new LogAppenderOptions
        {
            Linger = TimeSpan.FromHours(1),
            BatchSequenced = (count, _) =>
            {
                batches.Enqueue(count);
                if (batches.Count == 1)
                {
                    // Hold the sequencer after its first batch, so the next entries queue together.
                    firstBatchDone.Set();
                    release.Wait(TimeSpan.FromMinutes(2));
                }
            },
        };
        await using LogAppender appender = await LogAppender.OpenAsync(_dir, Origin, _signer, _signer.Verifier, options, time, TestContext.Current.CancellationToken);

        Task<AppendResult> first = appender.AppendAsync(Entry(0), TestContext.Current.CancellationToken);
        Assert.True(firstBatchDone.Wait(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken));
        Task<AppendResult[]> queued = Task.WhenAll(Enumerable.Range(1, 3).Select(i => appender.AppendAsync(Entry(i), TestContext.Current.CancellationToken)));
        release.Set();
        await first;

        // Three queued at once: the sequencer is busy, so their batch waits for the linger — an hour
        // of a clock that does not move — where without it they would be durable in milliseconds.
        Task settled = await Task.WhenAny(queued, Task.Delay(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken));
        Assert.NotSame(queued, settled);

        // The sequencer starts its linger on its own thread: the clock moves until the batch is out.
        for (int step = 0; step < 1_000 && !queued.IsCompleted; step++)
        {
            time.Advance(TimeSpan.FromHours(1));
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        AppendResult[] results = await queued;
        Assert.Equal([1, 3], batches);
        Assert.All(results, r => Assert.Equal(4, r.TreeSize));
    }

    [Fact]
    public async Task Reopening_resumes_at_the_last_checkpoint()
    {
        await using (LogAppender first = await OpenAsync())
        {
            await Task.WhenAll(Enumerable.Range(0, 300).Select(i => first.AppendAsync(Entry(i), TestContext.Current.CancellationToken)));
        }

        await using (LogAppender second = await OpenAsync())
        {
            Assert.Equal(300, second.TreeSize);
            AppendResult r = await second.AppendAsync(Entry(300), TestContext.Current.CancellationToken);
            Assert.Equal(300, r.Index);
        }

        Assert.Equal(301, (await AuditAsync()).Checkpoint.Checkpoint.Size);
        // A clean close leaves no segment, only the (empty) lock file.
        Assert.Equal([LogJournal.LockFileName], Directory.EnumerateFiles(Path.Combine(_dir, LogJournal.DirectoryName)).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Acknowledged_entries_whose_tiles_were_lost_are_rebuilt_from_the_journal()
    {
        // Never synced after the first batch: the tiles and checkpoint of later batches are not
        // durable, as after a power cut. The test deletes them and abandons the appender.
        var options = new LogAppenderOptions { SyncInterval = TimeSpan.FromHours(1), SyncEveryEntries = long.MaxValue };
        LogAppender crashed = await OpenAsync(options);
        AppendResult[] acked = await Task.WhenAll(Enumerable.Range(0, 700).Select(i => crashed.AppendAsync(Entry(i), TestContext.Current.CancellationToken)));
        foreach (string tile in Directory.EnumerateFiles(Path.Combine(_dir, "tile"), "*", SearchOption.AllDirectories))
        {
            File.Delete(tile);
        }

        File.WriteAllText(Path.Combine(_dir, "checkpoint"), "torn");
        crashed.ReleaseLockAsIfKilled();
        Assert.Throws<LogVerificationException>(() => LogDirectory.CheckFilesAsync(_dir, 0, TestContext.Current.CancellationToken).GetAwaiter().GetResult());

        await using (LogAppender recovered = await OpenAsync())
        {
            Assert.Equal(700, recovered.TreeSize);
            // The checkpoint handed out before the crash is reproduced byte for byte.
            Assert.Equal(acked.MaxBy(a => a.TreeSize)!.Checkpoint, recovered.LatestCheckpoint);
        }

        var entries = new Dictionary<long, string>();
        await LogAuditor.AuditAsync(new FileTileStore(_dir), _signer.Verifier, [], 0, (i, e) => entries[i] = Encoding.UTF8.GetString(e.Span), TestContext.Current.CancellationToken);
        for (int i = 0; i < acked.Length; i++)
        {
            Assert.Equal($"entry {i}", entries[acked[i].Index]);
        }

        await LogDirectory.CheckFilesAsync(_dir, 700, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_log_signed_with_another_key_is_refused()
    {
        await using (LogAppender appender = await OpenAsync())
        {
            await appender.AppendAsync(Entry(0), TestContext.Current.CancellationToken);
        }

        using NoteSigner other = NoteSigner.FromSeed("ownersvote.test/log", Enumerable.Repeat((byte)7, 32).ToArray());
        LogStorageException error = await Assert.ThrowsAsync<LogStorageException>(() =>
            LogAppender.OpenAsync(_dir, Origin, other, other.Verifier, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("checkpoint", error.Message, StringComparison.Ordinal);

        // The refused open let go of the directory: the right key opens it at once.
        await using LogAppender reopened = await OpenAsync(new LogAppenderOptions { LockTimeout = TimeSpan.Zero });
        Assert.Equal(1, reopened.TreeSize);
    }

    [Fact]
    public async Task A_second_appender_of_a_directory_is_refused_while_the_first_runs()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using LogAppender first = await OpenAsync();
        await first.AppendAsync(Entry(0), ct);

        LogStorageException error = await Assert.ThrowsAsync<LogStorageException>(() =>
            OpenAsync(new LogAppenderOptions { LockTimeout = TimeSpan.FromMilliseconds(200) }));
        Assert.Contains(LogJournal.LockFileName, error.Message, StringComparison.Ordinal);

        // Nothing of the first was touched: it goes on where it was.
        Assert.Equal(1, (await first.AppendAsync(Entry(1), ct)).Index);
        await first.DisposeAsync();
        Assert.Equal(2, (await AuditAsync()).Checkpoint.Checkpoint.Size);
    }

    [Fact]
    public async Task An_appender_opened_while_its_predecessor_closes_waits_and_resumes_where_it_ended()
    {
        // A restarted server whose predecessor is still finishing its shutdown sync (the journal of
        // 500 entries not yet rotated): the new appender must not start until the old one is gone.
        CancellationToken ct = TestContext.Current.CancellationToken;
        LogAppender first = await OpenAsync(new LogAppenderOptions { SyncInterval = TimeSpan.FromHours(1), SyncEveryEntries = long.MaxValue });
        await Task.WhenAll(Enumerable.Range(0, 500).Select(i => first.AppendAsync(Entry(i), ct)));

        Task<LogAppender> opening = OpenAsync();
        await Task.Delay(300, ct);
        Assert.False(opening.IsCompleted);
        await first.DisposeAsync();

        await using LogAppender second = await opening;
        Assert.Equal(500, second.TreeSize);
        Assert.Equal(500, (await second.AppendAsync(Entry(500), ct)).Index);
        await second.DisposeAsync();
        Assert.Equal(501, (await AuditAsync()).Checkpoint.Checkpoint.Size);
        await LogDirectory.CheckFilesAsync(_dir, 501, ct);
    }

    [Fact]
    public async Task A_different_origin_is_refused()
    {
        await using (await OpenAsync())
        {
        }

        LogStorageException error = await Assert.ThrowsAsync<LogStorageException>(() =>
            LogAppender.OpenAsync(_dir, "elsewhere.test/log", _signer, _signer.Verifier, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("origin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_entry_is_refused_before_it_is_queued()
    {
        await using LogAppender appender = await OpenAsync();
        Assert.Throws<ArgumentException>(() => { _ = appender.AppendAsync(new byte[70_000], TestContext.Current.CancellationToken); });
        Assert.Equal(0, appender.TreeSize);
    }

    [Fact]
    public async Task A_group_is_sequenced_consecutively_in_one_batch_among_concurrent_appends()
    {
        // Batches of at most 7 entries, groups of 5 and single entries queued at once: a group is
        // never split over two batches, nor interleaved with another caller's entries.
        var batches = new ConcurrentQueue<int>();
        var options = new LogAppenderOptions { MaxBatchSize = 7, BatchSequenced = (count, _) => batches.Enqueue(count) };
        await using LogAppender appender = await OpenAsync(options);
        Task<AppendResult[]>[] groups = [.. Enumerable.Range(0, 40).Select(g => Task.Run(() =>
            appender.AppendAllAsync([.. Enumerable.Range(0, 5).Select(i => new ReadOnlyMemory<byte>(Entry((1000 * (g + 1)) + i)))], TestContext.Current.CancellationToken)))];
        Task<AppendResult>[] singles = [.. Enumerable.Range(0, 60).Select(i => Task.Run(() => appender.AppendAsync(Entry(i), TestContext.Current.CancellationToken)))];
        AppendResult[][] grouped = await Task.WhenAll(groups);
        await Task.WhenAll(singles);

        Assert.Equal(260, appender.TreeSize);
        foreach (AppendResult[] group in grouped)
        {
            Assert.Equal(Enumerable.Range(0, 5).Select(i => group[0].Index + i), group.Select(r => r.Index));
            // One batch: every entry of the group is answered with the same checkpoint.
            Assert.Single(group.Select(r => r.TreeSize).Distinct());
        }

        Assert.Equal(260, batches.Sum());
        Assert.All(batches, count => Assert.InRange(count, 1, 7));
        var entries = new Dictionary<long, string>();
        await LogAuditor.AuditAsync(new FileTileStore(_dir), _signer.Verifier, [], 0, (i, e) => entries[i] = Encoding.UTF8.GetString(e.Span), TestContext.Current.CancellationToken);
        for (int g = 0; g < grouped.Length; g++)
        {
            Assert.Equal(Enumerable.Range(0, 5).Select(i => $"entry {(1000 * (g + 1)) + i}"), grouped[g].Select(r => entries[r.Index]));
        }
    }

    [Fact]
    public async Task A_group_larger_than_the_batch_bound_is_one_batch_of_its_own()
    {
        var batches = new ConcurrentQueue<int>();
        await using LogAppender appender = await OpenAsync(new LogAppenderOptions { MaxBatchSize = 4, BatchSequenced = (count, _) => batches.Enqueue(count) });
        AppendResult[] group = await appender.AppendAllAsync([.. Enumerable.Range(0, 10).Select(i => new ReadOnlyMemory<byte>(Entry(i)))], TestContext.Current.CancellationToken);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), group.Select(r => r.Index));
        Assert.All(group, r => Assert.Equal(10, r.TreeSize));
        Assert.Equal([10], batches);
    }

    [Fact]
    public async Task A_group_with_an_oversized_entry_or_no_entry_is_refused_before_anything_is_queued()
    {
        await using LogAppender appender = await OpenAsync();
        Assert.Throws<ArgumentException>(() => { _ = appender.AppendAllAsync([Entry(0), new byte[70_000]], TestContext.Current.CancellationToken); });
        Assert.Throws<ArgumentException>(() => { _ = appender.AppendAllAsync([], TestContext.Current.CancellationToken); });
        Assert.Equal(0, appender.TreeSize);
        Assert.Equal(0, (await appender.AppendAsync(Entry(1), TestContext.Current.CancellationToken)).Index);
    }

    [Fact]
    public async Task A_group_journalled_and_not_synced_is_recovered_whole_after_a_crash()
    {
        // The group's batch reached the journal only: its tiles are lost as after a power cut.
        var options = new LogAppenderOptions { SyncInterval = TimeSpan.FromHours(1), SyncEveryEntries = long.MaxValue };
        LogAppender crashed = await OpenAsync(options);
        await crashed.AppendAsync(Entry(0), TestContext.Current.CancellationToken);
        AppendResult[] group = await crashed.AppendAllAsync([.. Enumerable.Range(1, 6).Select(i => new ReadOnlyMemory<byte>(Entry(i)))], TestContext.Current.CancellationToken);
        foreach (string tile in Directory.EnumerateFiles(Path.Combine(_dir, "tile"), "*", SearchOption.AllDirectories))
        {
            File.Delete(tile);
        }

        File.WriteAllText(Path.Combine(_dir, "checkpoint"), "torn");
        crashed.ReleaseLockAsIfKilled();
        await using LogAppender recovered = await OpenAsync();
        Assert.Equal(7, recovered.TreeSize);
        Assert.Equal(group[^1].Checkpoint, recovered.LatestCheckpoint);
    }

    [Fact]
    public async Task Partial_tiles_are_deleted_once_their_full_tile_is_durable()
    {
        await using (LogAppender appender = await OpenAsync(new LogAppenderOptions { MaxBatchSize = 10 }))
        {
            for (int i = 0; i < 600; i += 10)
            {
                await Task.WhenAll(Enumerable.Range(i, 10).Select(n => appender.AppendAsync(Entry(n), TestContext.Current.CancellationToken)));
            }
        }

        string[] partialDirs = Directory.GetDirectories(_dir, "*.p", SearchOption.AllDirectories)
            .Select(d => Path.GetRelativePath(_dir, d).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();
        // 600 = 2·256 + 88: only the rightmost tiles (level 0 and entries #2, level 1 #0) are partial.
        Assert.Equal(["tile/0/002.p", "tile/1/000.p", "tile/entries/002.p"], partialDirs);
        Assert.Equal(600, (await AuditAsync()).Checkpoint.Checkpoint.Size);
        await LogDirectory.CheckFilesAsync(_dir, 600, TestContext.Current.CancellationToken);

        // A client holding an older checkpoint still gets its proof, from the full tile.
        TileHashSource source = await TileHashSource.LoadAsync(new FileTileStore(_dir), 300, s => InclusionProof.Create(5, 300, s), TestContext.Current.CancellationToken);
        Assert.NotEmpty(InclusionProof.Create(5, 300, source));
    }
}
