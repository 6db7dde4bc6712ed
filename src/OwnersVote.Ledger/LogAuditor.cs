namespace OwnersVote.Ledger;

/// <summary>The outcome of a successful audit: the verified checkpoint and its cosigners.</summary>
/// <param name="Checkpoint">The log's signed checkpoint, verified with the log key.</param>
/// <param name="Cosigners">The names of the given witnesses whose cosignatures verified.</param>
public sealed record AuditedLog(SignedCheckpoint Checkpoint, IReadOnlyList<string> Cosigners);

/// <summary>
/// Audits a whole tiled log as an outsider would: the checkpoint's signature with the log's key,
/// at least k cosignatures from the given witnesses (c2sp.org/tlog-cosignature), then every tile
/// and entry bundle against the checkpoint's root (<see cref="TileLogVerifier"/>).
/// </summary>
public static class LogAuditor
{
    /// <summary>The path of the checkpoint in a tiled log (c2sp.org/tlog-tiles).</summary>
    public const string CheckpointPath = "checkpoint";

    /// <summary>Audits the log in <paramref name="store"/>; each verified entry goes to <paramref name="onEntry"/>.</summary>
    /// <exception cref="LogVerificationException">The first problem found, with its reason.</exception>
    public static async Task<AuditedLog> AuditAsync(
        ITileStore store, INoteVerifier logKey, IReadOnlyList<INoteVerifier> witnesses, int minCosignatures,
        Action<long, ReadOnlyMemory<byte>>? onEntry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(logKey);
        ArgumentNullException.ThrowIfNull(witnesses);
        ArgumentOutOfRangeException.ThrowIfNegative(minCosignatures);
        byte[] note = await store.ReadAsync(CheckpointPath, cancellationToken).ConfigureAwait(false)
            ?? throw new LogVerificationException("checkpoint: missing");

        SignedCheckpoint checkpoint;
        try
        {
            checkpoint = Checkpoint.Open(note, [logKey, .. witnesses]);
        }
        catch (Exception e) when (e is FormatException or NoteVerificationException)
        {
            throw new LogVerificationException($"checkpoint: {e.Message}", e);
        }

        // The log's own signature is required; witnesses' signatures only count toward k.
        if (!checkpoint.Note.Signatures.Any(s => ReferenceEquals(s.Verifier, logKey)))
        {
            throw new LogVerificationException($"checkpoint: not signed by the log key {logKey.Name}");
        }

        string[] cosigners = checkpoint.Note.Signatures
            .Where(s => !ReferenceEquals(s.Verifier, logKey))
            .Select(s => s.Verifier.Name)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (cosigners.Length < minCosignatures)
        {
            throw new LogVerificationException(
                $"checkpoint: {cosigners.Length} witness cosignature(s), at least {minCosignatures} required");
        }

        await TileLogVerifier.VerifyAsync(store, checkpoint.Checkpoint.Size, checkpoint.Checkpoint.Root, onEntry ?? ((_, _) => { }), cancellationToken)
            .ConfigureAwait(false);
        return new AuditedLog(checkpoint, cosigners);
    }
}
