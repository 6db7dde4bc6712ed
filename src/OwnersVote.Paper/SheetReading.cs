namespace OwnersVote.Paper;

/// <summary>Whether a scanned sheet may be recorded without a person looking at it.</summary>
public enum SheetStatus
{
    /// <summary>Every check passed with a clear reading: one mark per question, signed, authentic code.</summary>
    Accepted,

    /// <summary>Something is unclear or refused; two officers decide (DESIGN.md §2). See the reasons.</summary>
    Review,
}

/// <summary>What was read for one question.</summary>
public enum MarkValue
{
    /// <summary>Only the 同意 box is marked.</summary>
    Yes,

    /// <summary>Only the 反对 box is marked.</summary>
    No,

    /// <summary>Only the 弃权 box is marked.</summary>
    Abstain,

    /// <summary>No box is clearly marked.</summary>
    None,

    /// <summary>More than one box is clearly marked.</summary>
    Multiple,
}

/// <summary>The reading of one question row.</summary>
/// <param name="Number">The question's number, from 1.</param>
/// <param name="Value">The clearly marked box, or none/multiple.</param>
/// <param name="Densities">Ink above the blank baseline in each box (同意, 反对, 弃权), as a fraction of the box's inner 80%.</param>
/// <param name="Uncertain">A box's ink lies between the empty and marked thresholds.</param>
public sealed record QuestionReading(int Number, MarkValue Value, IReadOnlyList<double> Densities, bool Uncertain);

/// <summary>Why a sheet goes to review: a stable code and a human-readable detail.</summary>
/// <param name="Code">One of the <see cref="ReviewCodes"/>.</param>
/// <param name="Detail">Which question, which box, what was measured; may be empty.</param>
public sealed record ReviewReason(string Code, string Detail)
{
    /// <summary><c>code</c>, or <c>code: detail</c>.</summary>
    public override string ToString() => Detail.Length == 0 ? Code : $"{Code}: {Detail}";
}

/// <summary>The stable codes of <see cref="ReviewReason"/>.</summary>
public static class ReviewCodes
{
    /// <summary>The four corner squares were not all found, or do not form the page.</summary>
    public const string CornersNotFound = "corners-not-found";

    /// <summary>Neither upright nor upside down could be told.</summary>
    public const string OrientationUnclear = "orientation-unclear";

    /// <summary>The sheet is stretched more than 2% in one direction (DESIGN.md: "scale off by > 2%").</summary>
    public const string ScaleOff = "scale-off";

    /// <summary>Paper and ink are too close to tell apart.</summary>
    public const string LowContrast = "low-contrast";

    /// <summary>Blank areas carry ink: the baseline is not clean.</summary>
    public const string NoisyBackground = "noisy-background";

    /// <summary>No QR code could be read.</summary>
    public const string QrUnreadable = "qr-unreadable";

    /// <summary>A QR code that is not an OwnersVote ballot code.</summary>
    public const string QrMalformed = "qr-malformed";

    /// <summary>The code's MAC does not verify under the vote's key: forged or altered. Refused.</summary>
    public const string MacMismatch = "mac-mismatch";

    /// <summary>An authentic code for another vote. Refused.</summary>
    public const string WrongVote = "wrong-vote";

    /// <summary>The serial is refused by the caller (void, re-issued, or already recorded).</summary>
    public const string SerialRefused = "serial-refused";

    /// <summary>The serial was already read from another sheet (DESIGN.md: "a duplicate serial").</summary>
    public const string DuplicateSerial = "duplicate-serial";

    /// <summary>No question rows were found on the sheet.</summary>
    public const string NoQuestions = "no-questions";

    /// <summary>A question row is partly missing or the count differs from the matter's.</summary>
    public const string QuestionRows = "question-rows";

    /// <summary>A question has no clear mark.</summary>
    public const string NoMark = "no-mark";

    /// <summary>A question has more than one clear mark.</summary>
    public const string MultipleMarks = "multiple-marks";

    /// <summary>A box's ink is between empty and marked.</summary>
    public const string UncertainMark = "uncertain-mark";

    /// <summary>The signature box has too little ink.</summary>
    public const string NoSignature = "no-signature";
}

/// <summary>The result of reading one scanned page.</summary>
/// <param name="Status">Accepted only when nothing is unclear.</param>
/// <param name="Code">The authenticated QR code (MAC verified), or null.</param>
/// <param name="Questions">One reading per question row found.</param>
/// <param name="Signature">The signature box holds enough ink.</param>
/// <param name="SignatureInk">Ink above baseline in the signature box's inner 80%.</param>
/// <param name="Reasons">Why the sheet is in review; empty when accepted.</param>
/// <param name="PageToImage">Page millimetres to image pixels (to outline boxes for review), or null without corners.</param>
/// <param name="UpsideDown">The sheet was scanned turned by 180°.</param>
public sealed record SheetReading(
    SheetStatus Status,
    BallotCode? Code,
    IReadOnlyList<QuestionReading> Questions,
    bool Signature,
    double SignatureInk,
    IReadOnlyList<ReviewReason> Reasons,
    Homography? PageToImage,
    bool UpsideDown)
{
    /// <summary>This reading sent to review for one more reason (e.g. a duplicate serial found by the caller).</summary>
    public SheetReading WithReason(ReviewReason reason) =>
        this with { Status = SheetStatus.Review, Reasons = [.. Reasons, reason] };
}
