using OwnersVote.Paper;
using OwnersVote.Testing.PaperCorpus;
using SkiaSharp;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Printed ballots filled in as people fill them: the PDF is rasterised with <c>pdftoppm</c>
/// (<see cref="PdfRasterizer"/>, Debian poppler-utils) and marked with the paper corpus's pen
/// (<see cref="SheetMarks"/>), then written as a clean grey PNG scan.
/// </summary>
internal static class PaperSheets
{
    public const int Dpi = 200;

    /// <summary>The pages of a ballot PDF as a scanner at <see cref="Dpi"/> would see them blank.</summary>
    public static Task<IReadOnlyList<GreyImage>> RasteriseAsync(byte[] pdf) =>
        PdfRasterizer.RasterizeAsync(pdf, Dpi, TestContext.Current.CancellationToken);

    /// <summary>A scan of <paramref name="page"/> with one <paramref name="kind"/> mark per question and, if asked, a signature.</summary>
    public static byte[] Fill(GreyImage page, IReadOnlyList<PaperChoice> choices, bool sign, int seed, MarkKind kind = MarkKind.Tick)
    {
        var random = new Random(seed);
        var marks = new SheetMarks(page, Dpi, random);
        for (int q = 0; q < choices.Count; q++)
        {
            marks.Mark(q, choices[q], kind);
        }

        if (sign)
        {
            marks.Sign();
        }

        using SKBitmap bitmap = marks.Finish();
        return Degrade.Apply(bitmap, Degradation.None, random);
    }
}
