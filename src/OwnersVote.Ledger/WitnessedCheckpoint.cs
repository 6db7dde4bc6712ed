namespace OwnersVote.Ledger;

/// <summary>The outcome of asking witnesses to cosign a checkpoint.</summary>
/// <param name="SignedNote">The checkpoint note with the log signature(s) and every verified cosignature.</param>
/// <param name="Cosigners">The names of the witnesses whose cosignature verified.</param>
/// <param name="Failures">The witnesses that did not cosign, and why.</param>
public sealed record WitnessedCheckpoint(byte[] SignedNote, IReadOnlyList<string> Cosigners, IReadOnlyList<WitnessFailure> Failures);

/// <summary>A witness that did not cosign.</summary>
/// <param name="Witness">The witness's key name.</param>
/// <param name="Reason">What went wrong (status and message, timeout, bad cosignature, …).</param>
public sealed record WitnessFailure(string Witness, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{Witness}: {Reason}";
}
