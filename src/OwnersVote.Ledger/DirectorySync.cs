using System.Runtime.InteropServices;

namespace OwnersVote.Ledger;

/// <summary>
/// fsync of a directory, so that a file created or renamed in it survives a crash. .NET cannot
/// open a directory as a file handle, so this calls libc <c>open</c>, <c>fsync</c> and <c>close</c>
/// directly (Linux and other Unix).
/// </summary>
internal static partial class DirectorySync
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

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FsyncFd(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
