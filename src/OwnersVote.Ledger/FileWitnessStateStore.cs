using System.Text;
using Microsoft.Win32.SafeHandles;

namespace OwnersVote.Ledger;

/// <summary>
/// A witness state store on disk: one file per origin holding the latest cosigned checkpoint note.
/// Updates write a temporary file, fsync it, rename it over the old one and fsync the directory,
/// so a crash leaves either the old or the new checkpoint, never a torn one. A lock file serialises compare-and-swap
/// across processes sharing the directory.
/// </summary>
public sealed class FileWitnessStateStore : IWitnessStateStore, IDisposable
{
    private readonly string _directory;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Uses (and creates) the directory.</summary>
    public FileWitnessStateStore(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _directory = Directory.CreateDirectory(directory).FullName;
    }

    /// <inheritdoc />
    public async Task<CosignedCheckpoint?> GetAsync(string origin, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Read(origin);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<bool> CompareAndSwapAsync(string origin, CosignedCheckpoint? expected, CosignedCheckpoint next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Held until the rename is done: no other process can read-check-write in between.
            using SafeFileHandle processLock = await LockAsync(cancellationToken).ConfigureAwait(false);
            CosignedCheckpoint? current = Read(origin);
            if (current is null ? expected is not null : !current.SameTreeHead(expected))
            {
                return false;
            }

            string path = PathFor(origin);
            string temporary = path + ".tmp";
            // Issue 10: written and read through a file handle, not an asynchronous FileStream. A
            // checkpoint note is a few hundred bytes: each asynchronous call was a thread-pool work
            // item of its own, and the reads alone were 4.5% of the server's CPU under load.
            using (SafeFileHandle file = File.OpenHandle(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                RandomAccess.Write(file, next.SignedNote, 0);
                RandomAccess.FlushToDisk(file);
            }

            File.Move(temporary, path, overwrite: true);

            // The rename itself is durable only once the directory is synced; the witness
            // "MUST persist the new checkpoint before responding" (c2sp.org/tlog-witness).
            PosixFiles.Fsync(_directory);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    // Another process's compare-and-swap holds the lock for a few milliseconds: wait for it (up to
    // 5 s) rather than failing the witness request.
    private async Task<SafeFileHandle> LockAsync(CancellationToken cancellationToken)
    {
        string path = Path.Combine(_directory, ".lock");
        return await FileLock.TryAcquireAsync(path, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(10), cancellationToken).ConfigureAwait(false)
            ?? throw new IOException($"{path}: still locked by another witness process after 5 s");
    }

    private CosignedCheckpoint? Read(string origin)
    {
        string path = PathFor(origin);
        byte[] note;
        try
        {
            note = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            // Never cosigned a checkpoint of this origin.
            return null;
        }

        // The witness verified this note before storing it; here it is only re-read.
        Checkpoint checkpoint = Checkpoint.Parse(Note.Parse(note).Text);
        if (checkpoint.Origin != origin)
        {
            throw new InvalidDataException($"Witness state file {path} holds origin '{checkpoint.Origin}', not '{origin}'.");
        }

        return new CosignedCheckpoint(checkpoint, note);
    }

    // Origins are arbitrary text; the file name is the hex SHA-256 of the origin.
    private string PathFor(string origin) =>
        Path.Combine(_directory, Hash.Sha256(Encoding.UTF8.GetBytes(origin)).ToHex() + ".checkpoint");
}
