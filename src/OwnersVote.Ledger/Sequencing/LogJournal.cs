using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace OwnersVote.Ledger.Sequencing;

/// <summary>
/// The sequencer's write-ahead journal: the one durable write of each batch (DESIGN.md §2
/// "Sequencing": one fsync per batch). Tiles and the checkpoint are derived from it and made
/// durable only at sync points; after a crash the entries past the last sync point are replayed
/// from here, so an acknowledged entry is never lost and a torn batch is never visible.
/// </summary>
/// <remarks>
/// Layout: one segment file <c>journal/&lt;D&gt;.wal</c>, where D (decimal) is the tree size whose
/// tiles are durable. A segment holds the batches appended after size D, each as one record:
/// <c>"OVJ1" ‖ start (u64 BE) ‖ count (u32 BE) ‖ (len (u32 BE) ‖ entry)* ‖ SHA-256 of all before</c>.
/// A record that is incomplete or whose digest is wrong is a torn write that was never
/// acknowledged; recovery truncates it.
/// </remarks>
public sealed class LogJournal : IDisposable
{
    /// <summary>The journal's folder inside a log directory.</summary>
    public const string DirectoryName = "journal";

    /// <summary>
    /// The file in <see cref="DirectoryName"/> that the one running appender holds locked. It stays
    /// after the appender closes (deleting a lock file races the next process taking it) and is empty.
    /// </summary>
    public const string LockFileName = "appender.lock";

    private const string Extension = ".wal";
    private static ReadOnlySpan<byte> Magic => "OVJ1"u8;
    private const int HeaderSize = 4 + 8 + 4;

    private readonly string _directory;
    private SafeFileHandle _segment;
    private long _segmentLength;

    private LogJournal(string directory, SafeFileHandle segment, long segmentLength, long durableSize, long size)
    {
        _directory = directory;
        _segment = segment;
        _segmentLength = segmentLength;
        DurableSize = durableSize;
        Size = size;
    }

    /// <summary>The tree size whose tiles and checkpoint are known durable.</summary>
    public long DurableSize { get; private set; }

    /// <summary>The tree size including every journalled entry.</summary>
    public long Size { get; private set; }

    /// <summary>
    /// Opens (or creates) the journal under <paramref name="logDirectory"/>, truncating a torn
    /// tail, and returns the entries journalled after <see cref="DurableSize"/>.
    /// </summary>
    /// <param name="logDirectory">The log's root directory.</param>
    /// <param name="sizeWithoutJournal">The durable size to start from when no journal exists
    /// (the size of a checkpoint written by a clean shutdown, or 0).</param>
    /// <param name="pending">The entries from <see cref="DurableSize"/> to <see cref="Size"/>.</param>
    /// <exception cref="LogStorageException">The journal is inconsistent beyond a torn tail.</exception>
    public static LogJournal Open(string logDirectory, long sizeWithoutJournal, out IReadOnlyList<byte[]> pending)
    {
        string directory = Path.Combine(logDirectory, DirectoryName);
        Directory.CreateDirectory(directory);
        var segments = Directory.GetFiles(directory, "*" + Extension)
            .Select(path => (Path: path, Start: ParseSegmentName(path)))
            .OrderBy(s => s.Start)
            .ToList();

        if (segments.Count == 0)
        {
            long start = sizeWithoutJournal;
            string path = SegmentPath(directory, start);
            SafeFileHandle created = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
            RandomAccess.FlushToDisk(created);
            PosixFiles.Fsync(directory);
            pending = [];
            return new LogJournal(directory, created, 0, start, start);
        }

        // The newest segment is created only after the tiles up to its start were flushed, so
        // older ones are leftovers of a rotation interrupted before it deleted them.
        (string segmentPath, long durable) = segments[^1];
        foreach ((string old, long _) in segments.Take(segments.Count - 1))
        {
            File.Delete(old);
        }

        SafeFileHandle handle = File.OpenHandle(segmentPath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            long fileLength = RandomAccess.GetLength(handle);
            var entries = new List<byte[]>();
            long offset = ReadRecords(handle, segmentPath, durable, fileLength, entries);
            if (offset != fileLength)
            {
                // A torn batch: it never reached fsync, so nobody was told it exists.
                RandomAccess.SetLength(handle, offset);
                RandomAccess.FlushToDisk(handle);
            }

            pending = entries;
            return new LogJournal(directory, handle, offset, durable, checked(durable + entries.Count));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Checks a journal without changing it, as a verifier does: every complete record's digest
    /// and continuity. Returns the durable size and the journalled entries, or throws.
    /// </summary>
    /// <exception cref="LogStorageException">A record is torn or altered.</exception>
    public static (long DurableSize, IReadOnlyList<byte[]> Entries)? Inspect(string logDirectory)
    {
        string directory = Path.Combine(logDirectory, DirectoryName);
        if (!Directory.Exists(directory))
        {
            return null;
        }

        string[] segments = Directory.GetFiles(directory, "*" + Extension);
        string[] others = Directory.GetFiles(directory)
            .Except(segments)
            .Where(f => Path.GetFileName(f) != LockFileName || new FileInfo(f).Length != 0)
            .ToArray();
        if (others.Length > 0)
        {
            throw new LogStorageException($"{DirectoryName}/{Path.GetFileName(others[0])}: not a journal segment");
        }

        if (segments.Length == 0)
        {
            return null;
        }

        if (segments.Length > 1)
        {
            throw new LogStorageException($"{DirectoryName}: {segments.Length} segments; restart the appender to finish its rotation");
        }

        long durable = ParseSegmentName(segments[0]);
        using SafeFileHandle handle = File.OpenHandle(segments[0], FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        long length = RandomAccess.GetLength(handle);
        var entries = new List<byte[]>();
        long end = ReadRecords(handle, segments[0], durable, length, entries);
        if (end != length)
        {
            throw new LogStorageException(
                $"{DirectoryName}/{Path.GetFileName(segments[0])}: torn or altered record at byte {end.ToString(CultureInfo.InvariantCulture)}");
        }

        return (durable, entries);
    }

    /// <summary>Appends one batch as a single record and makes it durable (one fsync).</summary>
    public void Append(IReadOnlyList<ReadOnlyMemory<byte>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        int length = HeaderSize + Hash.Size;
        foreach (ReadOnlyMemory<byte> entry in entries)
        {
            length = checked(length + 4 + entry.Length);
        }

        byte[] record = new byte[length];
        Span<byte> span = record;
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt64BigEndian(span[4..], (ulong)Size);
        BinaryPrimitives.WriteUInt32BigEndian(span[12..], (uint)entries.Count);
        int offset = HeaderSize;
        foreach (ReadOnlyMemory<byte> entry in entries)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span[offset..], (uint)entry.Length);
            entry.Span.CopyTo(span[(offset + 4)..]);
            offset += 4 + entry.Length;
        }

        SHA256.HashData(span[..offset], span[offset..]);
        RandomAccess.Write(_segment, record, _segmentLength);
        RandomAccess.FlushToDisk(_segment);
        _segmentLength += record.Length;
        Size = checked(Size + entries.Count);
    }

    /// <summary>
    /// Records that tiles and checkpoint up to <see cref="Size"/> are durable: starts a new, empty
    /// segment named after that size and deletes the old one.
    /// </summary>
    public void Rotate()
    {
        if (Size == DurableSize && _segmentLength == 0)
        {
            return;
        }

        string oldPath = SegmentPath(_directory, DurableSize);
        string newPath = SegmentPath(_directory, Size);
        SafeFileHandle created = File.OpenHandle(newPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
        RandomAccess.FlushToDisk(created);
        PosixFiles.Fsync(_directory);
        _segment.Dispose();
        _segment = created;
        _segmentLength = 0;
        DurableSize = Size;
        File.Delete(oldPath);
        PosixFiles.Fsync(_directory);
    }

    /// <summary>Deletes the journal after a clean shutdown made everything durable.</summary>
    public void Close(bool delete)
    {
        string path = SegmentPath(_directory, DurableSize);
        _segment.Dispose();
        if (delete && Size == DurableSize)
        {
            File.Delete(path);
            PosixFiles.Fsync(_directory);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _segment.Dispose();

    private static long ReadRecords(SafeFileHandle handle, string path, long start, long length, List<byte[]> entries)
    {
        long offset = 0;
        long expectedStart = start;
        byte[] header = new byte[HeaderSize];
        while (length - offset >= HeaderSize + Hash.Size)
        {
            RandomAccess.Read(handle, header, offset);
            if (!header.AsSpan(0, 4).SequenceEqual(Magic))
            {
                return TornTail(handle, path, offset, length);
            }

            ulong recordStart = BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(4));
            uint count = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(12));
            if (recordStart != (ulong)expectedStart)
            {
                throw new LogStorageException(
                    $"{DirectoryName}/{Path.GetFileName(path)}: record at byte {offset} starts at entry {recordStart}, expected {expectedStart}");
            }

            // Read lengths one by one; a length running past the end marks a torn record.
            var batch = new List<byte[]>((int)Math.Min(count, 4096));
            long position = offset + HeaderSize;
            byte[] lengthBytes = new byte[4];
            bool complete = true;
            for (uint i = 0; i < count; i++)
            {
                if (length - position < 4 || RandomAccess.Read(handle, lengthBytes, position) != 4)
                {
                    complete = false;
                    break;
                }

                uint entryLength = BinaryPrimitives.ReadUInt32BigEndian(lengthBytes);
                if (entryLength > length - position - 4)
                {
                    complete = false;
                    break;
                }

                byte[] entry = new byte[entryLength];
                RandomAccess.Read(handle, entry, position + 4);
                batch.Add(entry);
                position += 4 + entryLength;
            }

            if (!complete || length - position < Hash.Size)
            {
                return offset;
            }

            byte[] body = new byte[position - offset];
            RandomAccess.Read(handle, body, offset);
            byte[] digest = new byte[Hash.Size];
            RandomAccess.Read(handle, digest, position);
            if (!SHA256.HashData(body).AsSpan().SequenceEqual(digest))
            {
                // Each record is fsynced before the next is written, so only the last one can be
                // torn; a bad record with more after it was altered.
                if (position + Hash.Size < length)
                {
                    throw new LogStorageException(
                        $"{DirectoryName}/{Path.GetFileName(path)}: record at byte {offset} fails its digest");
                }

                return offset;
            }

            entries.AddRange(batch);
            expectedStart += count;
            offset = position + Hash.Size;
        }

        return offset;
    }

    private static long TornTail(SafeFileHandle handle, string path, long offset, long length)
    {
        // A write cut short by a crash leaves a zero-filled or short tail; anything else was altered.
        byte[] rest = new byte[length - offset];
        RandomAccess.Read(handle, rest, offset);
        if (rest.AsSpan().ContainsAnyExcept((byte)0))
        {
            throw new LogStorageException(
                $"{DirectoryName}/{Path.GetFileName(path)}: unreadable record at byte {offset}");
        }

        return offset;
    }

    private static string SegmentPath(string directory, long start) =>
        Path.Combine(directory, start.ToString(CultureInfo.InvariantCulture) + Extension);

    private static long ParseSegmentName(string path)
    {
        string name = Path.GetFileNameWithoutExtension(path);
        if (!long.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out long start)
            || start.ToString(CultureInfo.InvariantCulture) != name)
        {
            throw new LogStorageException($"{DirectoryName}/{Path.GetFileName(path)}: not a journal segment name");
        }

        return start;
    }
}
