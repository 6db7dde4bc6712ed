using System.Runtime.InteropServices;

namespace OwnersVote.Ledger;

/// <summary>
/// POSIX file-system calls .NET lacks: fsync of a directory, so that a file created or renamed in
/// it survives a crash, and an atomic rename that never replaces. .NET cannot
/// open a directory as a file handle, so this calls libc <c>open</c>, <c>fsync</c> and <c>close</c>
/// directly (Linux and other Unix).
/// </summary>
internal static partial class PosixFiles
{
    private const int ORdOnly = 0;
    private const int ODirectory = 0x10000; // Linux x86-64 / arm64 value of O_DIRECTORY

    public static void Fsync(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            // NTFS journals renames; there is no directory handle to flush.
            return;
        }

        int fd = Open(directory, OperatingSystem.IsLinux() ? ORdOnly | ODirectory : ORdOnly);
        if (fd < 0)
        {
            throw new IOException($"open({directory}) for fsync failed: errno {Marshal.GetLastPInvokeError()}");
        }

        try
        {
            if (FsyncFd(fd) != 0)
            {
                throw new IOException($"fsync({directory}) failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>
    /// Renames <paramref name="source"/> to <paramref name="destination"/> only if the destination
    /// does not exist, atomically: .NET's <c>File.Move(overwrite: false)</c> checks and then
    /// renames, so two writers can both "win". On Unix this hard-links (which fails with EEXIST if
    /// the name is taken) and then removes the source.
    /// </summary>
    /// <returns>False if the destination already exists.</returns>
    public static bool RenameNoReplace(string source, string destination)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                File.Move(source, destination, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(destination))
            {
                return false;
            }
        }

        if (Link(source, destination) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            return errno == EExist
                ? false
                : throw new IOException($"link({source}, {destination}) failed: errno {errno}");
        }

        File.Delete(source);
        return true;
    }

    private const int EExist = 17;

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string oldPath, string newPath);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FsyncFd(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
