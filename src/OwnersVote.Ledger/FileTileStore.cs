using System.Runtime.InteropServices;

namespace OwnersVote.Ledger;

/// <summary>
/// A <see cref="ITileStore"/> on a local file system, laid out exactly as the log is served
/// (<c>root/checkpoint</c>, <c>root/tile/0/x001/234</c>), so a static file server or CDN can
/// serve the directory as is.
/// </summary>
/// <remarks>
/// Each write goes to a temporary file in the destination directory, is flushed to disk
/// (<c>Flush(true)</c>, i.e. fsync), and is renamed over the destination; then the directory is
/// fsynced so the rename itself survives a crash. .NET has no API to fsync a directory, so on
/// Linux and macOS the store calls libc <c>open(dir, O_RDONLY)</c>, <c>fsync</c> and
/// <c>close</c> directly; on Windows, where NTFS journals renames, that step is skipped. Full tiles
/// are created with a rename that fails if the destination exists, so two writers cannot replace
/// each other's full tile; an identical rewrite is a no-op and a different one throws
/// <see cref="TileConflictException"/>.
/// </remarks>
public sealed partial class FileTileStore : ITileStore
{
    private readonly string _root;

    /// <summary>A store rooted at <paramref name="root"/> (created if absent).</summary>
    public FileTileStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    /// <inheritdoc />
    public async Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        string file = Resolve(path);
        try
        {
            return await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task WriteAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        string file = Resolve(path);
        string directory = Path.GetDirectoryName(file)!; // Resolve returns a path below _root.
        bool immutable = TileStorePaths.IsImmutable(path);
        if (immutable && await SameContentAsync(path, file, data, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        CreateDirectoryDurably(directory);
        string temp = Path.Combine(directory, $".{Path.GetFileName(file)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            if (immutable)
            {
                try
                {
                    File.Move(temp, file, overwrite: false);
                }
                catch (IOException) when (File.Exists(file))
                {
                    // Another writer created it first: fine if identical, a fork if not.
                    if (!await SameContentAsync(path, file, data, cancellationToken).ConfigureAwait(false))
                    {
                        throw;
                    }

                    return;
                }
            }
            else
            {
                File.Move(temp, file, overwrite: true);
            }

            SyncDirectory(directory);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static async Task<bool> SameContentAsync(string path, string file, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            return false;
        }

        byte[] stored = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
        return stored.AsSpan().SequenceEqual(data.Span)
            ? true
            : throw new TileConflictException($"{path}: a full tile is immutable and is already stored with different bytes");
    }

    private string Resolve(string path)
    {
        TileStorePaths.Check(path);
        string full = Path.GetFullPath(Path.Combine(_root, path));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{path}' resolves outside the store.", nameof(path));
        }

        return full;
    }

    // A new directory entry is durable only once its parent directory is fsynced.
    private void CreateDirectoryDurably(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        string parent = Path.GetDirectoryName(directory)!; // directory is below _root.
        CreateDirectoryDurably(parent);
        Directory.CreateDirectory(directory);
        SyncDirectory(parent);
    }

    private static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        int fd = Open(directory, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            throw new IOException($"open({directory}) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync({directory}) failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
