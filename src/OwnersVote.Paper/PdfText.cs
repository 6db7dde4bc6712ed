using System.Globalization;
using System.Text;
using PdfSharp.Drawing;

namespace OwnersVote.Paper;

/// <summary>Wrapped paragraphs of CJK text on a PDF page, shared by the invitation letter and the result certificate.</summary>
internal static class PdfText
{
    private const double PointsPerMm = 72 / 25.4;

    /// <summary>
    /// Draws <paramref name="text"/> from (<paramref name="xMm"/>, <paramref name="yMm"/>), wrapped to
    /// <paramref name="widthMm"/>, lines <paramref name="lineSpacing"/> × the font size apart; returns
    /// the y (mm) below the last line.
    /// </summary>
    public static double Paragraph(XGraphics g, string text, XFont font, double xMm, double yMm, double widthMm, double lineSpacing)
    {
        double lineHeight = font.Size / PointsPerMm * lineSpacing;
        foreach (string line in Wrap(g, font, text, widthMm))
        {
            g.DrawString(line, font, XBrushes.Black, xMm * PointsPerMm, yMm * PointsPerMm, XStringFormats.TopLeft);
            yMm += lineHeight;
        }

        return yMm;
    }

    // Chinese has no spaces to break at: a line breaks before the character that would overflow;
    // each "\n" starts a new paragraph.
    private static List<string> Wrap(XGraphics g, XFont font, string text, double widthMm)
    {
        double limit = widthMm * PointsPerMm;
        var lines = new List<string>();
        foreach (string paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n'))
        {
            var line = new StringBuilder();
            double width = 0;
            foreach (char ch in paragraph)
            {
                double w = g.MeasureString(ch.ToString(CultureInfo.InvariantCulture), font).Width;
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
