using System.Globalization;

namespace OwnersVote.Paper;

/// <summary>
/// Reads one scanned ballot page (DESIGN.md §2 "Paper ballots"): corners → homography → QR →
/// MAC, vote and serial → ink in each box against the blank baseline → signature ink. Positions
/// come from <see cref="BallotLayout"/>. Anything unclear puts the sheet in review with a reason;
/// a sheet is <see cref="SheetStatus.Accepted"/> only when every step is clear.
/// </summary>
public static class SheetScanner
{
    private const double BoxStep = 0.15;
    private const double SignatureStep = 0.3;
    private const double InnerFraction = 0.8;

    /// <summary>Reads <paramref name="image"/> against <paramref name="context"/>.</summary>
    public static SheetReading Scan(GreyImage image, ScanContext context)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(context);
        ScanThresholds limits = context.Thresholds ?? ScanThresholds.Default;
        var reasons = new List<ReviewReason>();

        (double X, double Y)[]? corners = FiducialFinder.Find(image, out _);
        Homography? page = null;
        bool upsideDown = false;
        if (corners is null)
        {
            reasons.Add(new(ReviewCodes.CornersNotFound, "not all four corner squares were found"));
        }
        else
        {
            page = Fit(corners, limits, reasons);
            if (page is not null)
            {
                (page, upsideDown) = Orient(image, page, corners, reasons);
            }
        }

        BallotCode? code = ReadCode(image, page, context, reasons);
        if (page is null)
        {
            return new SheetReading(SheetStatus.Review, code, [], false, 0, reasons, null, upsideDown);
        }

        // Paper white from blank areas, ink black from the fiducials.
        double white = Percentile(Samples(image, page, BallotLayout.BaselineAreas, 0.5), 0.9);
        double black = Percentile(Samples(image, page, BallotLayout.FiducialCentres.Select(c => new MmRect(c.X - 3, c.Y - 3, 6, 6)), 0.5), 0.5);
        if (white - black < 60)
        {
            reasons.Add(new(ReviewCodes.LowContrast, $"paper {white:F0}, ink {black:F0}"));
            return new SheetReading(SheetStatus.Review, code, [], false, 0, reasons, page, upsideDown);
        }

        double ink = white - (limits.InkLevel * (white - black));
        double baseline = BallotLayout.BaselineAreas.Min(a => InkRatio(image, page, a.Inner(InnerFraction), BoxStep, ink));
        if (baseline > limits.MaxBaseline)
        {
            reasons.Add(new(ReviewCodes.NoisyBackground, $"blank areas carry {Percent(baseline)} ink"));
        }

        List<QuestionReading> questions = ReadQuestions(image, page, ink, baseline, limits, context.ExpectedQuestions, reasons);
        double signatureInk = Math.Max(0, InkRatio(image, page, BallotLayout.SignatureBox.Inner(InnerFraction), SignatureStep, ink) - baseline);
        bool signed = signatureInk >= limits.Signature;
        if (!signed)
        {
            reasons.Add(new(ReviewCodes.NoSignature, $"signature box ink {Percent(signatureInk)}"));
        }

        SheetStatus status = reasons.Count == 0 && code is not null ? SheetStatus.Accepted : SheetStatus.Review;
        return new SheetReading(status, code, questions, signed, signatureInk, reasons, page, upsideDown);
    }

    private static Homography? Fit((double X, double Y)[] c, ScanThresholds limits, List<ReviewReason> reasons)
    {
        static double Dist((double X, double Y) a, (double X, double Y) b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
        double top = Dist(c[0], c[1]);
        double bottom = Dist(c[2], c[3]);
        double left = Dist(c[0], c[2]);
        double right = Dist(c[1], c[3]);
        double spanX = BallotLayout.FiducialCentres[1].X - BallotLayout.FiducialCentres[0].X;
        double spanY = BallotLayout.FiducialCentres[2].Y - BallotLayout.FiducialCentres[0].Y;
        double stretch = ((top + bottom) / 2 / spanX) / ((left + right) / 2 / spanY) - 1;
        // Opposite sides differing by more than a fifth, or a stretch beyond 15%, is not this page
        // seen at an angle: some other dark squares were taken for corners.
        if (top / bottom is < 0.8 or > 1.25 || left / right is < 0.8 or > 1.25 || Math.Abs(stretch) > 0.15)
        {
            reasons.Add(new(ReviewCodes.CornersNotFound, "the corner squares do not form the page"));
            return null;
        }

        if (Math.Abs(stretch) > limits.MaxStretch)
        {
            reasons.Add(new(ReviewCodes.ScaleOff, $"stretched {Percent(stretch)} between width and height"));
        }

        try
        {
            return Homography.FromPoints(BallotLayout.FiducialCentres, c);
        }
        catch (ArgumentException)
        {
            reasons.Add(new(ReviewCodes.CornersNotFound, "the corner squares are degenerate"));
            return null;
        }
    }

    // The orientation mark is solid and its point-symmetric twin blank; a sheet fed upside down
    // shows them swapped, and its corners are re-paired by the half turn.
    private static (Homography Page, bool UpsideDown) Orient(GreyImage image, Homography page, (double X, double Y)[] c, List<ReviewReason> reasons)
    {
        // Midway between the fiducials' black and the paper of the (mostly blank) matter area,
        // both the same under either orientation.
        double black = Percentile(Samples(image, page, BallotLayout.FiducialCentres.Select(f => new MmRect(f.X - 3, f.Y - 3, 6, 6)), 0.5), 0.5);
        double white = Percentile(Samples(image, page, [BallotLayout.MatterText], 1), 0.9);
        double threshold = (black + white) / 2;
        double mark = DarkFraction(image, page, BallotLayout.OrientationMark.Inner(0.6), threshold);
        double twin = DarkFraction(image, page, BallotLayout.OrientationTwin.Inner(0.6), threshold);
        if (mark > 0.6 && twin < 0.3)
        {
            return (page, false);
        }

        if (twin > 0.6 && mark < 0.3)
        {
            return (Homography.FromPoints(BallotLayout.FiducialCentres, [c[3], c[2], c[1], c[0]]), true);
        }

        reasons.Add(new(ReviewCodes.OrientationUnclear, $"orientation mark {Percent(mark)}, opposite {Percent(twin)}"));
        return (page, false);
    }

    private static BallotCode? ReadCode(GreyImage image, Homography? page, ScanContext context, List<ReviewReason> reasons)
    {
        (string Text, string Attempt)? qr = QrDecoder.Decode(image, page);
        if (qr is null)
        {
            reasons.Add(new(ReviewCodes.QrUnreadable, "no QR code could be decoded"));
            return null;
        }

        BallotCodeCheck check = BallotCode.Verify(qr.Value.Text, context.Key);
        switch (check.Failure)
        {
            case BallotCodeFailure.Malformed:
                reasons.Add(new(ReviewCodes.QrMalformed, "the QR code is not an OwnersVote v1 ballot code"));
                return null;
            case BallotCodeFailure.BadMac:
                reasons.Add(new(ReviewCodes.MacMismatch, "the QR code's MAC does not verify under this vote's key: forged or altered"));
                return null;
        }

        BallotCode code = check.Code!;
        if (!string.Equals(code.VoteId, context.VoteId, StringComparison.Ordinal))
        {
            reasons.Add(new(ReviewCodes.WrongVote, $"the ballot is for vote '{code.VoteId}'"));
            return code;
        }

        if (context.SerialCheck?.Invoke(code) is { } refusal)
        {
            reasons.Add(new(ReviewCodes.SerialRefused, refusal));
        }

        return code;
    }

    private static List<QuestionReading> ReadQuestions(
        GreyImage image, Homography page, double ink, double baseline, ScanThresholds limits, int? expected, List<ReviewReason> reasons)
    {
        int rows = 0;
        for (int q = 0; q < BallotLayout.MaxQuestions; q++)
        {
            int printed = BallotLayout.BoxChoices.Count(c => BoxPrinted(image, page, BallotLayout.Box(q, c), ink));
            if (printed == 0)
            {
                break;
            }

            if (printed < BallotLayout.BoxChoices.Count)
            {
                reasons.Add(new(ReviewCodes.QuestionRows, $"question {q + 1}: only {printed} of 3 boxes are visible"));
            }

            rows++;
        }

        if (rows == 0)
        {
            reasons.Add(new(ReviewCodes.NoQuestions, "no answer boxes were found"));
        }
        else if (expected is int n && n != rows)
        {
            reasons.Add(new(ReviewCodes.QuestionRows, $"{rows} question rows on the sheet, the matter has {n}"));
        }

        var readings = new List<QuestionReading>(rows);
        for (int q = 0; q < rows; q++)
        {
            double[] densities = BallotLayout.BoxChoices
                .Select(c => Math.Max(0, InkRatio(image, page, BallotLayout.Box(q, c).Inner(InnerFraction), BoxStep, ink) - baseline))
                .ToArray();
            int marked = densities.Count(d => d > limits.Marked);
            bool uncertain = densities.Any(d => d >= limits.Empty && d <= limits.Marked);
            MarkValue value = marked switch
            {
                0 => MarkValue.None,
                1 => (MarkValue)Array.FindIndex(densities, d => d > limits.Marked),
                _ => MarkValue.Multiple,
            };
            string boxes = string.Join(", ", densities.Select((d, i) => $"{Label(i)} {Percent(d)}"));
            if (uncertain)
            {
                reasons.Add(new(ReviewCodes.UncertainMark, $"question {q + 1}: {boxes}"));
            }

            if (value == MarkValue.None)
            {
                reasons.Add(new(ReviewCodes.NoMark, $"question {q + 1}: {boxes}"));
            }
            else if (value == MarkValue.Multiple)
            {
                reasons.Add(new(ReviewCodes.MultipleMarks, $"question {q + 1}: {boxes}"));
            }

            readings.Add(new QuestionReading(q + 1, value, densities, uncertain));
        }

        return readings;
    }

    private static string Label(int column) => column switch { 0 => "同意", 1 => "反对", _ => "弃权" };

    // A printed box shows its outline: at least three of its four sides dark along most of their
    // length (a mark only adds ink, so a marked box still shows its outline).
    private static bool BoxPrinted(GreyImage image, Homography page, MmRect box, double ink)
    {
        int sides = 0;
        for (int side = 0; side < 4; side++)
        {
            int dark = 0;
            const int Points = 12;
            for (int i = 1; i <= Points; i++)
            {
                double t = box.Width * i / (Points + 1);
                double min = 255;
                for (double o = -0.6; o <= 0.6; o += 0.2)
                {
                    (double x, double y) = side switch
                    {
                        0 => (box.X + t, box.Y + o),
                        1 => (box.X + t, box.Bottom + o),
                        2 => (box.X + o, box.Y + t),
                        _ => (box.Right + o, box.Y + t),
                    };
                    (double ix, double iy) = page.Map(x, y);
                    min = Math.Min(min, image.At(ix, iy));
                }

                if (min < ink)
                {
                    dark++;
                }
            }

            if (dark >= 9)
            {
                sides++;
            }
        }

        return sides >= 3;
    }

    private static double InkRatio(GreyImage image, Homography page, MmRect area, double step, double ink)
    {
        int total = 0;
        int dark = 0;
        for (double y = area.Y + (step / 2); y < area.Bottom; y += step)
        {
            for (double x = area.X + (step / 2); x < area.Right; x += step)
            {
                (double ix, double iy) = page.Map(x, y);
                total++;
                if (image.At(ix, iy) < ink)
                {
                    dark++;
                }
            }
        }

        return (double)dark / total;
    }

    private static double DarkFraction(GreyImage image, Homography page, MmRect area, double threshold) =>
        InkRatio(image, page, area, 0.25, threshold + 0.5);

    private static byte[] Samples(GreyImage image, Homography page, IEnumerable<MmRect> areas, double step)
    {
        var samples = new List<byte>();
        foreach (MmRect a in areas)
        {
            for (double y = a.Y + (step / 2); y < a.Bottom; y += step)
            {
                for (double x = a.X + (step / 2); x < a.Right; x += step)
                {
                    (double ix, double iy) = page.Map(x, y);
                    samples.Add(image.At(ix, iy));
                }
            }
        }

        return samples.ToArray();
    }

    private static double Percentile(byte[] samples, double p)
    {
        byte[] sorted = (byte[])samples.Clone();
        Array.Sort(sorted);
        return sorted[Math.Clamp((int)(p * (sorted.Length - 1)), 0, sorted.Length - 1)];
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
