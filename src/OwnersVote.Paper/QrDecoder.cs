using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace OwnersVote.Paper;

/// <summary>
/// Reads the ballot's QR code with ZXing.Net (DESIGN.md §2: "read QR (try expected corner, then
/// others, then binarizer variants)"): first the QR area resampled upright through the
/// homography, then the point-symmetric area (a sheet whose orientation was misjudged), each with
/// the hybrid and then the global-histogram binariser, and finally the whole image.
/// </summary>
internal static class QrDecoder
{
    private const double PixelsPerMm = 8;
    private const double Margin = 3;

    private static readonly Dictionary<DecodeHintType, object> s_hints = new()
    {
        [DecodeHintType.CHARACTER_SET] = "UTF-8",
        [DecodeHintType.POSSIBLE_FORMATS] = new List<BarcodeFormat> { BarcodeFormat.QR_CODE },
    };

    private static readonly Dictionary<DecodeHintType, object> s_hardHints = new()
    {
        [DecodeHintType.CHARACTER_SET] = "UTF-8",
        [DecodeHintType.POSSIBLE_FORMATS] = new List<BarcodeFormat> { BarcodeFormat.QR_CODE },
        [DecodeHintType.TRY_HARDER] = true,
    };

    /// <summary>The decoded text and which attempt found it, or null.</summary>
    public static (string Text, string Attempt)? Decode(GreyImage image, Homography? page)
    {
        if (page is not null)
        {
            foreach ((MmRect area, string name) in new[] { (BallotLayout.Qr, "expected"), (BallotLayout.Rotate180(BallotLayout.Qr), "opposite") })
            {
                (byte[] crop, int size) = Rectify(image, page, area);
                foreach ((Func<LuminanceSource, Binarizer> binarizer, string kind) in Binarizers)
                {
                    string? text = Try(crop, size, size, binarizer, s_hints);
                    if (text is not null)
                    {
                        return (text, $"{name}/{kind}");
                    }
                }
            }
        }

        foreach ((Func<LuminanceSource, Binarizer> binarizer, string kind) in Binarizers)
        {
            string? text = Try(image.Pixels, image.Width, image.Height, binarizer, s_hardHints);
            if (text is not null)
            {
                return (text, $"whole/{kind}");
            }
        }

        return null;
    }

    private static IEnumerable<(Func<LuminanceSource, Binarizer>, string)> Binarizers =>
    [
        (s => new HybridBinarizer(s), "hybrid"),
        (s => new GlobalHistogramBinarizer(s), "histogram"),
    ];

    private static string? Try(byte[] pixels, int width, int height, Func<LuminanceSource, Binarizer> binarizer, Dictionary<DecodeHintType, object> hints)
    {
        var source = new PlanarYUVLuminanceSource(pixels, width, height, 0, 0, width, height, false);
        Result? result = new QRCodeReader().decode(new BinaryBitmap(binarizer(source)), hints);
        return result?.Text;
    }

    // The QR area with a margin, resampled upright at 8 pixels per millimetre.
    private static (byte[] Pixels, int Size) Rectify(GreyImage image, Homography page, MmRect area)
    {
        double side = area.Width + (2 * Margin);
        int size = (int)(side * PixelsPerMm);
        byte[] crop = new byte[size * size];
        for (int y = 0; y < size; y++)
        {
            double my = area.Y - Margin + ((y + 0.5) / PixelsPerMm);
            for (int x = 0; x < size; x++)
            {
                double mx = area.X - Margin + ((x + 0.5) / PixelsPerMm);
                (double ix, double iy) = page.Map(mx, my);
                crop[(y * size) + x] = (byte)Math.Clamp(image.Bilinear(ix, iy), 0, 255);
            }
        }

        return (crop, size);
    }
}
