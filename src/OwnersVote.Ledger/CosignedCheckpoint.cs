namespace OwnersVote.Ledger;

/// <summary>The latest checkpoint a witness cosigned for one origin, as the witness stores it.</summary>
/// <param name="Checkpoint">The checkpoint (origin, size, root).</param>
/// <param name="SignedNote">The checkpoint note as submitted, with the log's signature(s).</param>
public sealed record CosignedCheckpoint(Checkpoint Checkpoint, byte[] SignedNote)
{
    /// <summary>Whether this is the same tree head (size and root) as <paramref name="other"/>.</summary>
    public bool SameTreeHead(CosignedCheckpoint? other) =>
        other is not null && other.Checkpoint.Size == Checkpoint.Size && other.Checkpoint.Root == Checkpoint.Root;
}
