using System.Globalization;
using System.Text.Json;
using OwnersVote.Paper;

namespace OwnersVote.Web.Features.Paper;

/// <summary>One question as the scanner read it.</summary>
/// <param name="Number">From 1.</param>
/// <param name="Value"><c>yes</c>, <c>no</c>, <c>abstain</c>, <c>none</c> or <c>multiple</c>.</param>
/// <param name="Ink">Ink above the blank baseline in the 同意, 反对 and 弃权 boxes, in tenths of a percent.</param>
/// <param name="Uncertain">A box lies between empty and marked.</param>
public sealed record StoredQuestion(int Number, string Value, IReadOnlyList<int> Ink, bool Uncertain);

/// <summary>A shape to outline on the page image, in image pixels.</summary>
/// <param name="Kind"><c>box</c>, <c>signature</c> or <c>qr</c>.</param>
/// <param name="Question">The question (from 1) of a box, else 0.</param>
/// <param name="Choice">The box's column (0 同意, 1 反对, 2 弃权), else -1.</param>
/// <param name="Points">The four corners, x and y alternating, clockwise from top-left.</param>
public sealed record Outline(string Kind, int Question, int Choice, IReadOnlyList<double> Points)
{
    /// <summary>The points as an SVG <c>points</c> attribute.</summary>
    public string SvgPoints() => string.Join(' ', Enumerable.Range(0, Points.Count / 2)
        .Select(i => Points[2 * i].ToString("F1", CultureInfo.InvariantCulture) + "," + Points[(2 * i) + 1].ToString("F1", CultureInfo.InvariantCulture)));
}

/// <summary>A review reason: the scanner's stable code and its detail.</summary>
/// <param name="Code">One of <see cref="ReviewCodes"/>.</param>
/// <param name="Detail">What was measured.</param>
public sealed record StoredReason(string Code, string Detail);

/// <summary>
/// What <see cref="SheetScanner"/> read from one page, kept with the queue item so the review
/// page shows it: per question the value and each box's ink, the signature's ink, why the sheet
/// is in review, and the outlines of the boxes drawn from <see cref="BallotLayout"/> through the
/// page's homography.
/// </summary>
/// <param name="Questions">The question rows read.</param>
/// <param name="Signature">The signature box holds enough ink (≥ 5%).</param>
/// <param name="SignatureInk">The signature box's ink, in tenths of a percent.</param>
/// <param name="Reasons">Why the sheet needs a closer look; empty when read clearly.</param>
/// <param name="UpsideDown">The sheet was scanned turned by 180°.</param>
/// <param name="Outlines">The boxes, signature box and QR code on the image.</param>
public sealed record StoredReading(
    IReadOnlyList<StoredQuestion> Questions,
    bool Signature,
    int SignatureInk,
    IReadOnlyList<StoredReason> Reasons,
    bool UpsideDown,
    IReadOnlyList<Outline> Outlines)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>The reading of <paramref name="reading"/>, with the outlines of <paramref name="rows"/> question rows.</summary>
    public static StoredReading From(SheetReading reading, int rows)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var outlines = new List<Outline>();
        if (reading.PageToImage is { } page)
        {
            Outline Shape(string kind, int q, int c, MmRect r)
            {
                (double X, double Y)[] corners = [page.Map(r.X, r.Y), page.Map(r.Right, r.Y), page.Map(r.Right, r.Bottom), page.Map(r.X, r.Bottom)];
                return new Outline(kind, q, c, [.. corners.SelectMany(p => new[] { p.X, p.Y })]);
            }

            for (int q = 0; q < Math.Min(Math.Max(rows, reading.Questions.Count), BallotLayout.MaxQuestions); q++)
            {
                for (int c = 0; c < BallotLayout.BoxChoices.Count; c++)
                {
                    outlines.Add(Shape("box", q + 1, c, BallotLayout.Box(q, BallotLayout.BoxChoices[c])));
                }
            }

            outlines.Add(Shape("signature", 0, -1, BallotLayout.SignatureBox));
            outlines.Add(Shape("qr", 0, -1, BallotLayout.Qr));
        }

        return new StoredReading(
            [.. reading.Questions.Select(q => new StoredQuestion(q.Number, ValueText(q.Value), [.. q.Densities.Select(Tenths)], q.Uncertain))],
            reading.Signature,
            Tenths(reading.SignatureInk),
            [.. reading.Reasons.Select(r => new StoredReason(r.Code, r.Detail))],
            reading.UpsideDown,
            outlines);
    }

    /// <summary>The wire spelling of a read value (as <c>ov paper scan</c> prints it).</summary>
    public static string ValueText(MarkValue value) => value switch
    {
        MarkValue.Yes => "yes",
        MarkValue.No => "no",
        MarkValue.Abstain => "abstain",
        MarkValue.Multiple => "multiple",
        _ => "none",
    };

    /// <summary>As stored.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    /// <summary>From storage.</summary>
    public static StoredReading Parse(string json) =>
        JsonSerializer.Deserialize<StoredReading>(json, s_json) ?? throw new InvalidDataException("a stored scan reading is empty");

    private static int Tenths(double fraction) => (int)Math.Round(fraction * 1000, MidpointRounding.AwayFromZero);
}
