namespace OwnersVote.Web.Ledger;

/// <summary>The checkpoint a receipt may be given on, or why it is held (<see cref="EventLog.CheckpointForReceiptAsync"/>).</summary>
/// <param name="Note">The cosigned checkpoint note, or null while the receipt is held.</param>
/// <param name="Shortfall">The missing cosignatures and each witness's failure, or null.</param>
public sealed record ReceiptCheckpoint(byte[]? Note, string? Shortfall);
