using System.Text;
using OwnersVote.Ledger.Sequencing;

namespace OwnersVote.Ledger.Tests.Sequencing;

public sealed class LogJournalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ov-journal-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ReadOnlyMemory<byte>[] Batch(params string[] entries) =>
        entries.Select(e => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(e)).ToArray();

    private string SegmentPath() => Directory.GetFiles(Path.Combine(_dir, LogJournal.DirectoryName)).Single();

    [Fact]
    public void Journalled_batches_are_returned_after_reopening()
    {
        using (LogJournal journal = LogJournal.Open(_dir, 0, out IReadOnlyList<byte[]> none))
        {
            Assert.Empty(none);
            journal.Append(Batch("a", "bb"));
            journal.Append(Batch("", "ccc"));
            Assert.Equal(4, journal.Size);
        }

        using LogJournal reopened = LogJournal.Open(_dir, 0, out IReadOnlyList<byte[]> pending);
        Assert.Equal(["a", "bb", "", "ccc"], pending.Select(e => Encoding.UTF8.GetString(e)));
        Assert.Equal(0, reopened.DurableSize);
        Assert.Equal(4, reopened.Size);
    }

    [Fact]
    public void A_torn_last_record_is_truncated_and_earlier_batches_survive()
    {
        using (LogJournal journal = LogJournal.Open(_dir, 10, out _))
        {
            journal.Append(Batch("first"));
            journal.Append(Batch("second", "third"));
        }

        string segment = SegmentPath();
        long full = new FileInfo(segment).Length;
        using (FileStream stream = File.Open(segment, FileMode.Open))
        {
            stream.SetLength(full - 5);
        }

        using LogJournal reopened = LogJournal.Open(_dir, 0, out IReadOnlyList<byte[]> pending);
        Assert.Equal(["first"], pending.Select(e => Encoding.UTF8.GetString(e)));
        Assert.Equal(10, reopened.DurableSize);
        Assert.Equal(11, reopened.Size);
        reopened.Append(Batch("again"));
        reopened.Dispose();
        using LogJournal third = LogJournal.Open(_dir, 0, out IReadOnlyList<byte[]> after);
        Assert.Equal(["first", "again"], after.Select(e => Encoding.UTF8.GetString(e)));
    }

    [Fact]
    public void A_zero_filled_tail_is_a_torn_write()
    {
        using (LogJournal journal = LogJournal.Open(_dir, 0, out _))
        {
            journal.Append(Batch("kept"));
        }

        using (FileStream stream = File.Open(SegmentPath(), FileMode.Append))
        {
            stream.Write(new byte[100]);
        }

        using LogJournal reopened = LogJournal.Open(_dir, 0, out IReadOnlyList<byte[]> pending);
        Assert.Single(pending);
        Assert.Null(Record.Exception(() => LogJournal.Inspect(_dir)));
    }

    [Fact]
    public void An_altered_record_before_the_last_is_an_error_not_a_truncation()
    {
        using (LogJournal journal = LogJournal.Open(_dir, 0, out _))
        {
            journal.Append(Batch("first"));
            journal.Append(Batch("second"));
        }

        byte[] bytes = File.ReadAllBytes(SegmentPath());
        bytes[4 + 8 + 4 + 4] ^= 0x01; // first byte of the first entry
        File.WriteAllBytes(SegmentPath(), bytes);

        LogStorageException error = Assert.Throws<LogStorageException>(() => LogJournal.Open(_dir, 0, out _));
        Assert.Contains("digest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_single_byte_change_is_reported_by_inspect()
    {
        using (LogJournal journal = LogJournal.Open(_dir, 0, out _))
        {
            journal.Append(Batch("first", "x"));
            journal.Append(Batch("second"));
        }

        byte[] original = File.ReadAllBytes(SegmentPath());
        for (int i = 0; i < original.Length; i++)
        {
            byte[] altered = (byte[])original.Clone();
            altered[i] ^= 0x40;
            File.WriteAllBytes(SegmentPath(), altered);
            Assert.Throws<LogStorageException>(() => LogJournal.Inspect(_dir));
        }
    }

    [Fact]
    public void Rotation_starts_an_empty_segment_named_after_the_durable_size()
    {
        using LogJournal journal = LogJournal.Open(_dir, 0, out _);
        journal.Append(Batch("a", "b", "c"));
        journal.Rotate();
        Assert.Equal(3, journal.DurableSize);
        Assert.Equal("3.wal", Path.GetFileName(SegmentPath()));
        journal.Append(Batch("d"));
        journal.Dispose();

        using LogJournal reopened = LogJournal.Open(_dir, 0, out IReadOnlyList<byte[]> pending);
        Assert.Equal(3, reopened.DurableSize);
        Assert.Equal(["d"], pending.Select(e => Encoding.UTF8.GetString(e)));
    }

    [Fact]
    public void A_leftover_older_segment_from_an_interrupted_rotation_is_discarded()
    {
        using (LogJournal journal = LogJournal.Open(_dir, 0, out _))
        {
            journal.Append(Batch("a"));
        }

        string journalDir = Path.Combine(_dir, LogJournal.DirectoryName);
        File.Copy(Path.Combine(journalDir, "0.wal"), Path.Combine(journalDir, "0.tmp-copy"));
        File.WriteAllBytes(Path.Combine(journalDir, "1.wal"), []);
        File.Delete(Path.Combine(journalDir, "0.tmp-copy"));

        using LogJournal reopened = LogJournal.Open(_dir, 0, out IReadOnlyList<byte[]> pending);
        Assert.Empty(pending);
        Assert.Equal(1, reopened.DurableSize);
        Assert.Equal("1.wal", Path.GetFileName(SegmentPath()));
    }

    [Fact]
    public void A_verifier_accepts_the_appenders_empty_lock_file_and_names_one_that_holds_data()
    {
        using (LogJournal journal = LogJournal.Open(_dir, 0, out _))
        {
            journal.Append(Batch("a"));
        }

        string lockFile = Path.Combine(_dir, LogJournal.DirectoryName, LogJournal.LockFileName);
        File.WriteAllBytes(lockFile, []);
        Assert.Equal(["a"], LogJournal.Inspect(_dir)!.Value.Entries.Select(e => Encoding.UTF8.GetString(e)));

        File.WriteAllText(lockFile, "hidden");
        LogStorageException error = Assert.Throws<LogStorageException>(() => LogJournal.Inspect(_dir));
        Assert.Contains(LogJournal.LockFileName, error.Message, StringComparison.Ordinal);
    }
}
