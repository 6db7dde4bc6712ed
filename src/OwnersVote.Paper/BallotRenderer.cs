using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace OwnersVote.Paper;

/// <summary>
/// Writes ballots as one A4 PDF with one page per <see cref="BallotSheet"/> (DESIGN.md §2 "Paper
/// ballots"): compound, building, unit, area, owner, the matter (full text, or a summary with the
/// notice reference), one row per question with 同意/反对/弃权 boxes labelled outside the box, a
/// signature box, four corner fiducials and the QR code of <see cref="BallotCode"/>. Positions
/// come from <see cref="BallotLayout"/>; Chinese text uses <see cref="BallotFont"/>, embedded as
/// a subset.
/// </summary>
public static class BallotRenderer
{
    private const double PointsPerMm = 72 / 25.4;
    private const double MatterLineHeight = 4.2;
    private const double QuestionLineHeight = 4.2;
    private const int QuestionMaxLines = 3;

    /// <summary>Renders <paramref name="sheets"/> of <paramref name="matter"/> into <paramref name="output"/>.</summary>
    /// <exception cref="BallotLayoutException">No sheet, too many questions, or text that does not fit.</exception>
    /// <exception cref="BallotFontException">The font is missing.</exception>
    /// <exception cref="ArgumentException">A sheet's code cannot be carried (empty field or a <c>|</c>).</exception>
    public static void Render(BallotMatter matter, IEnumerable<BallotSheet> sheets, BallotKey key, Stream output, BallotFont? font = null)
    {
        ArgumentNullException.ThrowIfNull(matter);
        ArgumentNullException.ThrowIfNull(sheets);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(output);
        if (matter.Questions.Count is 0 or > BallotLayout.MaxQuestions)
        {
            throw new BallotLayoutException($"a ballot holds 1 to {BallotLayout.MaxQuestions} questions, not {matter.Questions.Count}");
        }

        font ??= BallotFont.Default;
        BallotFontResolver.Register(font);
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset);
        var fonts = new Fonts(
            new XFont(font.FaceName, 15, XFontStyleEx.Regular, options),
            new XFont(font.FaceName, 10, XFontStyleEx.Regular, options),
            new XFont(font.FaceName, 9, XFontStyleEx.Regular, options),
            new XFont(font.FaceName, 11, XFontStyleEx.Regular, options));

        using var document = new PdfDocument();
        document.Info.Title = matter.Title;
        document.Info.Creator = "OwnersVote";
        using var qr = new QRCodeGenerator();
        Shared? shared = null;
        foreach (BallotSheet sheet in sheets)
        {
            ArgumentNullException.ThrowIfNull(sheet);
            string payload = sheet.Code.Encode(key);
            PdfPage page = document.AddPage();
            page.Size = PageSize.A4;
            using XGraphics g = XGraphics.FromPdfPage(page);
            shared ??= Prepare(g, matter, fonts);
            DrawPage(g, matter, sheet, shared, fonts);
            using QRCodeData data = qr.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
            PdfQr.Draw(g, data.ModuleMatrix, BallotLayout.Qr.X, BallotLayout.Qr.Y, BallotLayout.Qr.Width);
        }

        if (shared is null)
        {
            throw new BallotLayoutException("no ballot to print");
        }

        document.Save(output, closeStream: false);
    }

    private sealed record Fonts(XFont Title, XFont Body, XFont Small, XFont Label);

    private sealed record Shared(IReadOnlyList<string> MatterLines, IReadOnlyList<IReadOnlyList<string>> QuestionLines);

    // Wrapping depends only on the matter, so it is done once per document.
    private static Shared Prepare(XGraphics g, BallotMatter matter, Fonts fonts)
    {
        var widths = new Dictionary<(XFont, char), double>();
        int maxMatterLines = (int)((BallotLayout.MatterText.Height - 7) / MatterLineHeight);
        List<string> lines = Wrap(g, fonts.Small, matter.Text, BallotLayout.MatterText.Width, widths);
        if (lines.Count > maxMatterLines)
        {
            if (string.IsNullOrWhiteSpace(matter.NoticeReference))
            {
                throw new BallotLayoutException(
                    $"the matter's text needs {lines.Count} lines, the ballot has {maxMatterLines}: give a summary or the notice reference of the full text");
            }

            // The summary keeps the text's beginning and says where the whole text is.
            lines = lines.Take(maxMatterLines - 1).ToList();
            lines[^1] += "……";
            lines.AddRange(Wrap(g, fonts.Small, $"（以上为摘要，全文见公告 {matter.NoticeReference}）", BallotLayout.MatterText.Width, widths));
            if (lines.Count > maxMatterLines)
            {
                throw new BallotLayoutException("the notice reference is too long for the ballot");
            }
        }
        else if (!string.IsNullOrWhiteSpace(matter.NoticeReference))
        {
            lines.AddRange(Wrap(g, fonts.Small, $"（公告 {matter.NoticeReference}）", BallotLayout.MatterText.Width, widths));
            lines = lines.Take(maxMatterLines).ToList();
        }

        var questions = new List<IReadOnlyList<string>>();
        for (int i = 0; i < matter.Questions.Count; i++)
        {
            List<string> q = Wrap(g, fonts.Body, $"{i + 1}. {matter.Questions[i]}", BallotLayout.QuestionTextWidth, widths);
            if (q.Count > QuestionMaxLines)
            {
                throw new BallotLayoutException($"question {i + 1} needs {q.Count} lines; a row holds {QuestionMaxLines}");
            }

            questions.Add(q);
        }

        return new Shared(lines, questions);
    }

    private static void DrawPage(XGraphics g, BallotMatter matter, BallotSheet sheet, Shared shared, Fonts fonts)
    {
        XBrush black = XBrushes.Black;
        foreach (MmPoint c in BallotLayout.FiducialCentres)
        {
            double h = BallotLayout.FiducialSize / 2;
            Fill(g, new MmRect(c.X - h, c.Y - h, BallotLayout.FiducialSize, BallotLayout.FiducialSize));
        }

        Fill(g, BallotLayout.OrientationMark);

        MmRect header = BallotLayout.Header;
        Text(g, "业主大会表决票", fonts.Title, header.X, header.Y);
        BallotCode code = sheet.Code;
        string area = sheet.Area is { } a ? a.ToString() + " m²" : "—";
        // Header lines stop at the header's right edge: the QR code's quiet zone starts 4 mm on.
        Fit(g, $"小区：{matter.Compound}", fonts.Body, header.X, header.Y + 9, header.Width);
        Fit(g, $"楼栋：{sheet.Building}    房号：{sheet.Units ?? code.UnitId}    面积：{area}", fonts.Body, header.X, header.Y + 15, header.Width);
        Fit(g, $"业主：{sheet.Owner}", fonts.Body, header.X, header.Y + 21, header.Width);
        Fit(g, $"表决：{code.VoteId}    票号：{code.Serial}", fonts.Small, header.X, header.Y + 28, header.Width);

        MmRect m = BallotLayout.MatterText;
        Text(g, $"表决事项：{matter.Title}", fonts.Label, m.X, m.Y);
        for (int i = 0; i < shared.MatterLines.Count; i++)
        {
            Text(g, shared.MatterLines[i], fonts.Small, m.X, m.Y + 7 + (i * MatterLineHeight));
        }

        var rule = new XPen(XColors.Black, 0.5);
        g.DrawLine(rule, Pt(m.X), Pt(BallotLayout.QuestionHeaderTop - 1.5), Pt(m.Right), Pt(BallotLayout.QuestionHeaderTop - 1.5));
        Text(g, "请在所选方框内打勾（√）或打叉（×），每个问题只选一项", fonts.Small, m.X, BallotLayout.QuestionHeaderTop);

        var boxPen = new XPen(XColors.Black, 1.0);
        string[] labels = ["同意", "反对", "弃权"];
        for (int q = 0; q < shared.QuestionLines.Count; q++)
        {
            double top = BallotLayout.RowTop(q);
            IReadOnlyList<string> lines = shared.QuestionLines[q];
            double textTop = top + ((BallotLayout.RowHeight - (lines.Count * QuestionLineHeight)) / 2);
            for (int l = 0; l < lines.Count; l++)
            {
                Text(g, lines[l], fonts.Body, BallotLayout.QuestionTextLeft, textTop + (l * QuestionLineHeight));
            }

            for (int c = 0; c < BallotLayout.BoxChoices.Count; c++)
            {
                MmRect box = BallotLayout.Box(q, BallotLayout.BoxChoices[c]);
                g.DrawRectangle(boxPen, Pt(box.X), Pt(box.Y), Pt(box.Width), Pt(box.Height));
                // Labels sit outside the box so they never count as ink inside it.
                g.DrawString(labels[c], fonts.Label, black, new XRect(Pt(box.Right + 1.5), Pt(box.Y), Pt(12), Pt(box.Height)), XStringFormats.CenterLeft);
            }
        }

        Text(g, "未选、多选或未签名的表决票将交由两名工作人员复核。", fonts.Small, m.X, BallotLayout.InstructionsTop);
        MmRect s = BallotLayout.SignatureBox;
        g.DrawRectangle(boxPen, Pt(s.X), Pt(s.Y), Pt(s.Width), Pt(s.Height));
        g.DrawString("业主（或受托人）签名", fonts.Body, black, new XRect(Pt(s.X - 42), Pt(s.Y), Pt(40), Pt(s.Height)), XStringFormats.CenterRight);
        Text(g, $"票号 {code.Serial}", fonts.Small, BallotLayout.Qr.X + 3, BallotLayout.Qr.Bottom);
    }

    private static void Fill(XGraphics g, MmRect r) => g.DrawRectangle(XBrushes.Black, Pt(r.X), Pt(r.Y), Pt(r.Width), Pt(r.Height));

    private static void Text(XGraphics g, string text, XFont font, double xMm, double yMm) =>
        g.DrawString(text, font, XBrushes.Black, Pt(xMm), Pt(yMm), XStringFormats.TopLeft);

    private static double Pt(double mm) => mm * PointsPerMm;

    // One line cut to widthMm with an ellipsis: a 64-digit registration number once ran across the
    // QR code and cost it error correction on every sheet.
    private static void Fit(XGraphics g, string text, XFont font, double xMm, double yMm, double widthMm)
    {
        double limit = Pt(widthMm);
        string shown = text;
        for (int length = text.Length; g.MeasureString(shown, font).Width > limit && length > 1; length--)
        {
            shown = string.Concat(text.AsSpan(0, length - 1), "…");
        }

        Text(g, shown, font, xMm, yMm);
    }

    private static List<string> Wrap(XGraphics g, XFont font, string text, double widthMm, Dictionary<(XFont, char), double> widths)
    {
        double limit = Pt(widthMm);
        var lines = new List<string>();
        foreach (string paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = new System.Text.StringBuilder();
            double width = 0;
            foreach (char ch in paragraph)
            {
                if (!widths.TryGetValue((font, ch), out double w))
                {
                    w = g.MeasureString(ch.ToString(CultureInfo.InvariantCulture), font).Width;
                    widths.Add((font, ch), w);
                }

                if (width + w > limit && line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                    width = 0;
                }

                line.Append(ch);
                width += w;
            }

            lines.Add(line.ToString());
        }

        return lines;
    }
}
