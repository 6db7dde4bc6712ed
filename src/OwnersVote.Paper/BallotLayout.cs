namespace OwnersVote.Paper;

/// <summary>A rectangle on the A4 ballot page in millimetres (origin top-left, y downwards).</summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Width.</param>
/// <param name="Height">Height.</param>
public readonly record struct MmRect(double X, double Y, double Width, double Height)
{
    /// <summary>Right edge.</summary>
    public double Right => X + Width;

    /// <summary>Bottom edge.</summary>
    public double Bottom => Y + Height;

    /// <summary>The centred rectangle holding <paramref name="fraction"/> of the width and height.</summary>
    public MmRect Inner(double fraction)
    {
        double w = Width * fraction;
        double h = Height * fraction;
        return new MmRect(X + ((Width - w) / 2), Y + ((Height - h) / 2), w, h);
    }
}

/// <summary>A point on the ballot page in millimetres.</summary>
/// <param name="X">From the left edge.</param>
/// <param name="Y">From the top edge.</param>
public readonly record struct MmPoint(double X, double Y);

/// <summary>
/// The one geometry of the paper ballot (DESIGN.md §2 "Paper ballots"), shared by the renderer
/// (<see cref="BallotRenderer"/>) and the scanner (the scanner): every position is
/// in millimetres on an A4 page. The scanner maps these positions into a scan through the
/// homography fixed by the four corner fiducials, so nothing here may change without a new QR
/// version prefix (sheets already printed must stay readable).
/// </summary>
public static class BallotLayout
{
    /// <summary>A4 width.</summary>
    public const double PageWidth = 210;

    /// <summary>A4 height.</summary>
    public const double PageHeight = 297;

    /// <summary>Side of each solid corner square (fiducial).</summary>
    public const double FiducialSize = 10;

    /// <summary>The most questions one sheet holds.</summary>
    public const int MaxQuestions = 6;

    /// <summary>Side of each answer box: DESIGN.md asks for 8–10 mm.</summary>
    public const double BoxSize = 9;

    /// <summary>Top of the first question row.</summary>
    public const double FirstRowTop = 132;

    /// <summary>Height of one question row.</summary>
    public const double RowHeight = 17;

    /// <summary>Left edges of the three answer boxes: 同意, 反对, 弃权.</summary>
    public static IReadOnlyList<double> BoxLefts { get; } = [112, 140, 168];

    /// <summary>The answers in box order, left to right.</summary>
    public static IReadOnlyList<PaperChoice> BoxChoices { get; } = [PaperChoice.Yes, PaperChoice.No, PaperChoice.Abstain];

    /// <summary>Centres of the fiducials: top-left, top-right, bottom-left, bottom-right.</summary>
    public static IReadOnlyList<MmPoint> FiducialCentres { get; } =
    [
        new(15, 15), new(195, 15), new(15, 282), new(195, 282),
    ];

    /// <summary>
    /// A small solid square beside the top-left fiducial; its point-symmetric twin
    /// (<see cref="OrientationTwin"/>) is always blank, which tells an upright sheet from one
    /// scanned upside down.
    /// </summary>
    public static MmRect OrientationMark { get; } = new(26.5, 12.5, 5, 5);

    /// <summary>The blank twin of <see cref="OrientationMark"/> under a 180° rotation.</summary>
    public static MmRect OrientationTwin { get; } = Rotate180(OrientationMark);

    /// <summary>The QR code including its four-module quiet zone.</summary>
    public static MmRect Qr { get; } = new(152, 22, 36, 36);

    /// <summary>Header text: compound, building, unit, area, owner, vote and serial.</summary>
    public static MmRect Header { get; } = new(25, 23, 123, 35);

    /// <summary>The matter's text (or summary with the notice reference).</summary>
    public static MmRect MatterText { get; } = new(25, 61, 163, 61);

    /// <summary>The baseline line above the question rows with the column labels.</summary>
    public const double QuestionHeaderTop = 125;

    /// <summary>The question text column of each row.</summary>
    public const double QuestionTextLeft = 25;

    /// <summary>Width of the question text column.</summary>
    public const double QuestionTextWidth = 82;

    /// <summary>Where the instructions line is printed.</summary>
    public const double InstructionsTop = 236;

    /// <summary>The signature box.</summary>
    public static MmRect SignatureBox { get; } = new(110, 244, 78, 28);

    /// <summary>
    /// Areas printed blank on every sheet, each the size of an answer box: the scanner measures
    /// their ink as the baseline of paper and scanner noise.
    /// </summary>
    public static IReadOnlyList<MmRect> BaselineAreas { get; } =
    [
        new(30, 252, BoxSize, BoxSize), new(50, 262, BoxSize, BoxSize), new(70, 252, BoxSize, BoxSize),
    ];

    /// <summary>The answer box of <paramref name="question"/> (0-based) and <paramref name="choice"/>.</summary>
    public static MmRect Box(int question, PaperChoice choice)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(question);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(question, MaxQuestions);
        int column = choice switch
        {
            PaperChoice.Yes => 0,
            PaperChoice.No => 1,
            PaperChoice.Abstain => 2,
            _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "a box exists only for yes, no and abstain"),
        };
        return new MmRect(BoxLefts[column], RowTop(question) + ((RowHeight - BoxSize) / 2), BoxSize, BoxSize);
    }

    /// <summary>The top of question row <paramref name="question"/> (0-based).</summary>
    public static double RowTop(int question) => FirstRowTop + (question * RowHeight);

    /// <summary>The same rectangle after turning the page by 180°.</summary>
    public static MmRect Rotate180(MmRect r) => new(PageWidth - r.Right, PageHeight - r.Bottom, r.Width, r.Height);

    /// <summary>The same point after turning the page by 180°.</summary>
    public static MmPoint Rotate180(MmPoint p) => new(PageWidth - p.X, PageHeight - p.Y);
}
