using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace OwnersVote.Paper;

/// <summary>
/// Writes a table as an A4 PDF for the committee and the housing authority (issue 7 part 8):
/// a heading, lines of text under it, then the table with its header row repeated on every page
/// and the page number at the foot. Chinese text uses <see cref="BallotFont"/>; a cell too long for
/// its column is cut with an ellipsis (the .xlsx and .csv exports carry every character).
/// </summary>
public static class TableDocument
{
    private const double PointsPerMm = 72 / 25.4;
    private const double Left = 15;
    private const double Width = 180;
    private const double Top = 15;
    private const double Bottom = 280;
    private const double RowHeight = 6;

    /// <summary>Renders the table into <paramref name="output"/>.</summary>
    /// <param name="heading">The heading on the first page.</param>
    /// <param name="notes">Lines printed under the heading (compound, matter, rule, outcome…).</param>
    /// <param name="header">The column names.</param>
    /// <param name="rows">The rows, each with one text per column.</param>
    /// <param name="output">Where the PDF goes.</param>
    /// <param name="font">The font; <see cref="BallotFont.Default"/> when null.</param>
    /// <returns>The number of pages written.</returns>
    /// <exception cref="ArgumentException">A row has a different number of cells than the header.</exception>
    /// <exception cref="BallotFontException">The font is missing.</exception>
    public static int Render(string heading, IReadOnlyList<string> notes, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, Stream output, BallotFont? font = null)
    {
        ArgumentNullException.ThrowIfNull(heading);
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(output);
        if (header.Count == 0 || rows.Any(r => r.Count != header.Count))
        {
            throw new ArgumentException("Every row has one cell per header column.", nameof(rows));
        }

        font ??= BallotFont.Default;
        BallotFontResolver.Register(font);
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset);
        var title = new XFont(font.FaceName, 15, XFontStyleEx.Regular, options);
        var body = new XFont(font.FaceName, 9, XFontStyleEx.Regular, options);
        double column = Width / header.Count;

        using var document = new PdfDocument();
        document.Info.Title = heading;
        document.Info.Creator = "OwnersVote";
        int pages = 0;
        XGraphics? g = null;
        double y = 0;
        try
        {
            void NewPage()
            {
                g?.Dispose();
                PdfPage page = document.AddPage();
                page.Size = PageSize.A4;
                g = XGraphics.FromPdfPage(page);
                pages++;
                g.DrawString($"{pages}", body, XBrushes.Black, new XRect(Pt(Left), Pt(Bottom + 6), Pt(Width), Pt(5)), XStringFormats.TopCenter);
                y = Top;
            }

            void Row(IReadOnlyList<string> cells, bool bold)
            {
                if (y + RowHeight > Bottom)
                {
                    NewPage();
                    Row(header, bold: true);
                }

                for (int c = 0; c < cells.Count; c++)
                {
                    g!.DrawString(Fit(g, body, cells[c], column - 1.5), body, XBrushes.Black, Pt(Left + (c * column) + 0.5), Pt(y + 1), XStringFormats.TopLeft);
                }

                y += RowHeight;
                g!.DrawLine(new XPen(XColors.Black, bold ? 0.8 : 0.25), Pt(Left), Pt(y - 0.5), Pt(Left + Width), Pt(y - 0.5));
            }

            NewPage();
            g!.DrawString(heading, title, XBrushes.Black, new XRect(Pt(Left), Pt(y), Pt(Width), Pt(8)), XStringFormats.TopLeft);
            y += 10;
            foreach (string note in notes)
            {
                g.DrawString(Fit(g, body, note, Width), body, XBrushes.Black, Pt(Left), Pt(y), XStringFormats.TopLeft);
                y += 5;
            }

            y += 2;
            Row(header, bold: true);
            foreach (IReadOnlyList<string> row in rows)
            {
                Row(row, bold: false);
            }
        }
        finally
        {
            g?.Dispose();
        }

        document.Save(output, closeStream: false);
        return pages;
    }

    private static double Pt(double mm) => mm * PointsPerMm;

    private static string Fit(XGraphics g, XFont font, string text, double widthMm)
    {
        if (g.MeasureString(text, font).Width <= Pt(widthMm))
        {
            return text;
        }

        for (int length = text.Length - 1; length > 0; length--)
        {
            string cut = text[..length] + "…";
            if (g.MeasureString(cut, font).Width <= Pt(widthMm))
            {
                return cut;
            }
        }

        return "…";
    }
}
