using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace OwnersVote.Paper;

/// <summary>
/// Reads the ballot's QR code with ZXing.Net (DESIGN.md §2: "read QR (try expected corner, then
/// others, then binarizer variants)"): first the QR area resampled upright through the
/// homography, then the point-symmetric area (a sheet whose orientation was misjudged), each with
/// the hybrid and then the global-histogram binariser; then the modules sampled where the layout
/// puts them (no finder search), and finally the whole image.
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

            // ZXing locates a code by its three finder patterns. For about 1 in 150 random payloads
            // a patch of data modules also looks like one, the detector settles on the wrong three
            // and finds nothing, even on a perfect print (seen in a CI run of the paper end-to-end
            // test). The printed bits are fine, and this sheet's code sits at a known place: read
            // it there.
            foreach ((bool opposite, string name) in new[] { (false, "expected"), (true, "opposite") })
            {
                if (ReadGrid(image, page, opposite) is { } text)
                {
                    return (text, $"{name}/grid");
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

    // BallotLayout.Qr holds the symbol and its 4-module quiet zone (ISO/IEC 18004 §6.3.8), so a
    // version-v symbol of 4v + 17 modules has modules of Qr.Width / (4v + 25) mm. Each module is
    // the mean of 3 × 3 samples around its centre, thresholded midway between the darkest and the
    // lightest module; ZXing's decoder then corrects errors (level M) and reads the data. A wrong
    // version fails its format check, and a wrong read cannot pass the MAC that follows.
    private static string? ReadGrid(GreyImage image, Homography page, bool opposite)
    {
        MmRect qr = BallotLayout.Qr;
        for (int version = 1; version <= MaxGridVersion; version++)
        {
            int dimension = (4 * version) + 17;
            double module = qr.Width / (dimension + 8);
            double[] samples = new double[dimension * dimension];
            double darkest = double.MaxValue, lightest = double.MinValue;
            for (int y = 0; y < dimension; y++)
            {
                for (int x = 0; x < dimension; x++)
                {
                    double sum = 0;
                    for (int dy = -1; dy <= 1; dy++)
                    {
                        for (int dx = -1; dx <= 1; dx++)
                        {
                            var centre = new MmPoint(qr.X + ((x + 4.5 + (dx * 0.25)) * module), qr.Y + ((y + 4.5 + (dy * 0.25)) * module));
                            (double ix, double iy) = page.Map(opposite ? BallotLayout.Rotate180(centre) : centre);
                            sum += image.Bilinear(ix, iy);
                        }
                    }

                    double mean = sum / 9;
                    samples[(y * dimension) + x] = mean;
                    darkest = Math.Min(darkest, mean);
                    lightest = Math.Max(lightest, mean);
                }
            }

            if (lightest - darkest < MinGridContrast)
            {
                return null; // Nothing printed there.
            }

            double threshold = (darkest + lightest) / 2;
            var bits = new BitMatrix(dimension);
            for (int y = 0; y < dimension; y++)
            {
                for (int x = 0; x < dimension; x++)
                {
                    if (samples[(y * dimension) + x] < threshold)
                    {
                        bits[x, y] = true;
                    }
                }
            }

            if (new ZXing.QrCode.Internal.Decoder().decode(bits, s_hints)?.Text is { } text)
            {
                return text;
            }
        }

        return null;
    }

    // Ballot codes are version 3 or 4 (about 50 characters at level M); 10 leaves room.
    private const int MaxGridVersion = 10;

    // Grey levels between the darkest and the lightest module below which the area is blank.
    private const double MinGridContrast = 64;

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
