using System.Collections.Concurrent;
using BitMiracle.LibTiff.Classic;
using SkiaSharp;

namespace OwnersVote.Paper.Tests;

/// <summary>Rendered, rasterised (pdftoppm) and marked ballots for the scanner tests.</summary>
internal static class Scans
{
    public static readonly ScanContext Context = new("lift-57", Ballots.Key);

    private static readonly ConcurrentDictionary<(int Dpi, string Key), GreyImage> s_pages = new();

    /// <summary>The reference ballot (two questions, unit 57-101, serial S1) rasterised at <paramref name="dpi"/>.</summary>
    public static GreyImage Page(int dpi, BallotKey? key = null, string vote = "lift-57") =>
        s_pages.GetOrAdd((dpi, (key ?? Ballots.Key).ToHex() + vote), k =>
        {
            using var output = new MemoryStream();
            BallotRenderer.Render(Ballots.LiftRepair, [Ballots.Sheet("57-101", "S1", vote)], key ?? Ballots.Key, output);
            return PdfRasterizer.RasterizeAsync(output.ToArray(), k.Dpi, CancellationToken.None).GetAwaiter().GetResult()[0];
        });

    /// <summary>Marks each question's <paramref name="kinds"/> (per box), signs, degrades, encodes and decodes.</summary>
    public static GreyImage Mark(GreyImage page, int dpi, MarkKind[][] kinds, Degradation degradation, bool sign = true, int seed = 1) =>
        ScanDecoder.Decode(Encode(page, dpi, kinds, degradation, sign, seed))[0];

    public static byte[] Encode(GreyImage page, int dpi, MarkKind[][] kinds, Degradation degradation, bool sign = true, int seed = 1)
    {
        var random = new Random(seed);
        var marks = new SheetMarks(page, dpi, random);
        for (int q = 0; q < kinds.Length; q++)
        {
            for (int c = 0; c < 3; c++)
            {
                marks.Mark(q, BallotLayout.BoxChoices[c], kinds[q][c]);
            }
        }

        if (sign)
        {
            marks.Sign();
        }

        using SKBitmap bitmap = marks.Finish();
        return Degrade.Apply(bitmap, degradation, random);
    }

    /// <summary>One <paramref name="kind"/> mark per question, in the boxes of <paramref name="choices"/>.</summary>
    public static MarkKind[][] One(MarkKind kind, params PaperChoice[] choices) =>
        [.. choices.Select(c => BallotLayout.BoxChoices.Select(b => b == c ? kind : MarkKind.Blank).ToArray())];

    /// <summary>A multi-page grey TIFF (LZW), as a sheet-fed scanner writes one.</summary>
    public static byte[] Tiff(params GreyImage[] pages)
    {
        using var stream = new MemoryStream();
        using (BitMiracle.LibTiff.Classic.Tiff tiff = BitMiracle.LibTiff.Classic.Tiff.ClientOpen("scan.tif", "w", stream, new TiffStream()))
        {
            foreach (GreyImage page in pages)
            {
                tiff.SetField(TiffTag.IMAGEWIDTH, page.Width);
                tiff.SetField(TiffTag.IMAGELENGTH, page.Height);
                tiff.SetField(TiffTag.BITSPERSAMPLE, 8);
                tiff.SetField(TiffTag.SAMPLESPERPIXEL, 1);
                tiff.SetField(TiffTag.PHOTOMETRIC, Photometric.MINISBLACK);
                tiff.SetField(TiffTag.COMPRESSION, Compression.LZW);
                tiff.SetField(TiffTag.ROWSPERSTRIP, 64);
                tiff.SetField(TiffTag.SUBFILETYPE, FileType.PAGE);
                for (int y = 0; y < page.Height; y++)
                {
                    tiff.WriteScanline(page.Pixels.AsSpan(y * page.Width, page.Width).ToArray(), y);
                }

                tiff.WriteDirectory();
            }
        }

        return stream.ToArray();
    }

    public static string Why(SheetReading reading) => string.Join("; ", reading.Reasons);
}
