namespace OwnersVote.Paper;

/// <summary>
/// The thresholds of DESIGN.md §2: a box's inner 80% with less than 3% ink above the blank
/// baseline is empty, 3–10% uncertain, more than 10% marked; a signature needs at least 5%; the
/// sheet's stretch may differ by at most 2% between directions.
/// </summary>
/// <param name="Empty">Below this, a box is empty.</param>
/// <param name="Marked">Above this, a box is marked; between, uncertain (review).</param>
/// <param name="Signature">At or above this, the signature box is signed.</param>
/// <param name="MaxBaseline">Above this, the blank areas are too inky for the baseline (review).</param>
/// <param name="MaxStretch">Above this, the sheet is stretched unevenly (review).</param>
/// <param name="InkLevel">A pixel is ink when darker than white − InkLevel × (white − black).</param>
public sealed record ScanThresholds(double Empty, double Marked, double Signature, double MaxBaseline, double MaxStretch, double InkLevel)
{
    /// <summary>The values of DESIGN.md §2.</summary>
    public static ScanThresholds Default { get; } = new(0.03, 0.10, 0.05, 0.03, 0.02, 0.3);
}

/// <summary>What the scanner checks a sheet against.</summary>
/// <param name="VoteId">The vote being scanned; codes of other votes are refused.</param>
/// <param name="Key">The vote's key for the QR MAC.</param>
/// <param name="SerialCheck">Refuses a serial (returns why) or accepts it (returns null): void, re-issued, or already recorded.</param>
/// <param name="ExpectedQuestions">The matter's number of questions, when known.</param>
/// <param name="Thresholds">The thresholds; <see cref="ScanThresholds.Default"/> when null.</param>
public sealed record ScanContext(
    string VoteId,
    BallotKey Key,
    Func<BallotCode, string?>? SerialCheck = null,
    int? ExpectedQuestions = null,
    ScanThresholds? Thresholds = null);
