namespace OwnersVote.Ledger;

/// <summary>A checkpoint whose note verified against a log key.</summary>
/// <param name="Checkpoint">The parsed checkpoint.</param>
/// <param name="Note">The opened note: verified and unknown signatures.</param>
/// <param name="SignedNote">The signed note bytes as received.</param>
public sealed record SignedCheckpoint(Checkpoint Checkpoint, OpenedNote Note, byte[] SignedNote);
