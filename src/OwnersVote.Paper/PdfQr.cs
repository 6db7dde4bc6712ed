using System.Collections;
using PdfSharp.Drawing;

namespace OwnersVote.Paper;

/// <summary>Draws a QR code's module matrix on a PDF page: the ballot, the invitation letter and the result certificate share it.</summary>
internal static class PdfQr
{
    private const double PointsPerMm = 72 / 25.4;

    /// <summary>
    /// Fills the dark modules of <paramref name="matrix"/> (QRCoder's, with its four-module quiet
    /// zone) into a square of <paramref name="sizeMm"/> at (<paramref name="xMm"/>, <paramref name="yMm"/>).
    /// Each run of dark modules in a row is one rectangle, so a page needs a few hundred, filled at once.
    /// </summary>
    public static void Draw(XGraphics g, List<BitArray> matrix, double xMm, double yMm, double sizeMm)
    {
        double module = sizeMm / matrix.Count;
        var runs = new List<XRect>();
        for (int row = 0; row < matrix.Count; row++)
        {
            BitArray bits = matrix[row];
            int x = 0;
            while (x < bits.Length)
            {
                if (!bits[x])
                {
                    x++;
                    continue;
                }

                int start = x;
                while (x < bits.Length && bits[x])
                {
                    x++;
                }

                runs.Add(new XRect(Pt(xMm + (start * module)), Pt(yMm + (row * module)), Pt((x - start) * module), Pt(module)));
            }
        }

        g.DrawRectangles(XBrushes.Black, runs.ToArray());
    }

    private static double Pt(double mm) => mm * PointsPerMm;
}
