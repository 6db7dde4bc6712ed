namespace OwnersVote.Ledger;

/// <summary>The outcome of verifying a <see cref="Receipt"/>: verified, or the reason it is not.</summary>
public sealed record ReceiptVerification
{
    private ReceiptVerification(bool isVerified, string? failure, Checkpoint? checkpoint, IReadOnlyList<string> cosigners)
    {
        IsVerified = isVerified;
        Failure = failure;
        Checkpoint = checkpoint;
        Cosigners = cosigners;
    }

    /// <summary>Whether every check passed.</summary>
    public bool IsVerified { get; }

    /// <summary>Why verification failed; null when verified.</summary>
    public string? Failure { get; }

    /// <summary>The verified checkpoint; null when verification failed.</summary>
    public Checkpoint? Checkpoint { get; }

    /// <summary>The names of the trusted witnesses whose cosignatures verified.</summary>
    public IReadOnlyList<string> Cosigners { get; }

    internal static ReceiptVerification Verified(Checkpoint checkpoint, IReadOnlyList<string> cosigners) => new(true, null, checkpoint, cosigners);

    internal static ReceiptVerification Failed(string reason) => new(false, reason, null, []);
}
