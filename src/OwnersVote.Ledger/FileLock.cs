using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace OwnersVote.Ledger;

/// <summary>
/// An exclusive lock held by an open file handle: on Unix <see cref="FileShare.None"/> takes an
/// exclusive advisory lock (flock), fails at once while another handle holds it, and is released
/// by the kernel when its process dies.
/// </summary>
internal static class FileLock
{
    /// <summary>
    /// Opens (creating if need be) <paramref name="path"/> locked, retrying every
    /// <paramref name="poll"/> while another holder has it; null once <paramref name="timeout"/> passed.
    /// </summary>
    public static async Task<SafeFileHandle?> TryAcquireAsync(string path, TimeSpan timeout, TimeSpan poll, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                return File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (File.Exists(path))
            {
                if (Stopwatch.GetElapsedTime(started) >= timeout)
                {
                    return null;
                }

                await Task.Delay(poll, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
