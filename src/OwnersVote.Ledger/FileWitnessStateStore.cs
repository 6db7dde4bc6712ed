using System.Text;

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
            return await ReadAsync(origin, cancellationToken).ConfigureAwait(false);
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
            using FileStream processLock = await LockAsync(cancellationToken).ConfigureAwait(false);
            CosignedCheckpoint? current = await ReadAsync(origin, cancellationToken).ConfigureAwait(false);
            if (current is null ? expected is not null : !current.SameTreeHead(expected))
            {
                return false;
            }

            string path = PathFor(origin);
            string temporary = path + ".tmp";
            await using (FileStream file = new(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                await file.WriteAsync(next.SignedNote, cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
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

    // On Unix, FileShare.None takes an exclusive advisory lock and fails at once if another
    // process holds it; wait for it rather than failing the witness request.
    private async Task<FileStream> LockAsync(CancellationToken cancellationToken)
    {
        string path = Path.Combine(_directory, ".lock");
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 500)
            {
                await Task.Delay(10, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<CosignedCheckpoint?> ReadAsync(string origin, CancellationToken cancellationToken)
    {
        string path = PathFor(origin);
        if (!File.Exists(path))
        {
            return null;
        }

        byte[] note = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);

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
