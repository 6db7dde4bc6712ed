using System.Globalization;
using System.Text;
using BitMiracle.LibTiff.Classic;
using SkiaSharp;

namespace OwnersVote.Paper;

/// <summary>
/// Turns the bytes of a scan into grey pages: PNG and JPEG (SkiaSharp), TIFF with any number of
/// pages (LibTiff.NET) and binary PGM/PPM (what <c>pdftoppm</c> writes). PDF pages are first
/// rasterised by <see cref="PdfRasterizer"/>. Colour is reduced to luma (ITU-R BT.601 weights).
/// </summary>
public static class ScanDecoder
{
    /// <summary>
    /// The largest page decoded, in pixels: an A4 sheet at 600 dpi is 35 M and a 50 MP phone photo
    /// 50 M; a header claiming more is refused before any pixel memory is taken (an upload must
    /// not make the server allocate gigabytes).
    /// </summary>
    public const long MaxPixels = 64_000_000;

    /// <summary>The file format of <paramref name="bytes"/>, by its magic number.</summary>
    public static ScanFormat Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 4 && bytes[0] == 0x89 && bytes[1] == (byte)'P' && bytes[2] == (byte)'N' && bytes[3] == (byte)'G')
        {
            return ScanFormat.Png;
        }

        if (bytes.Length > 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return ScanFormat.Jpeg;
        }

        if (bytes.StartsWith("II*\0"u8) || bytes.StartsWith("MM\0*"u8))
        {
            return ScanFormat.Tiff;
        }

        if (bytes.StartsWith("%PDF-"u8))
        {
            return ScanFormat.Pdf;
        }

        if (bytes.StartsWith("P5"u8) || bytes.StartsWith("P6"u8))
        {
            return ScanFormat.Pnm;
        }

        return ScanFormat.Unknown;
    }

    /// <summary>The pages of an image file (not PDF).</summary>
    /// <exception cref="UnreadableScanException">Not an image this decoder reads, or damaged.</exception>
    public static IReadOnlyList<GreyImage> Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Detect(bytes) switch
        {
            ScanFormat.Png or ScanFormat.Jpeg => [DecodeSkia(bytes)],
            ScanFormat.Tiff => DecodeTiffSafely(bytes),
            ScanFormat.Pnm => [DecodePnm(bytes)],
            ScanFormat.Pdf => throw new UnreadableScanException("a PDF is rasterised first (PdfRasterizer)"),
            _ => throw new UnreadableScanException("not a PNG, JPEG, TIFF, PGM/PPM or PDF file"),
        };
    }

    private static GreyImage DecodeSkia(byte[] bytes)
    {
        using var data = SKData.CreateCopy(bytes);
        using SKCodec? codec = SKCodec.Create(data) ?? throw new UnreadableScanException("the image cannot be decoded");
        SKImageInfo info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > MaxPixels)
        {
            throw new UnreadableScanException($"unsupported image size {info.Width}×{info.Height}");
        }

        if (info.ColorType == SKColorType.Gray8)
        {
            byte[] grey = new byte[info.Width * info.Height];
            Check(codec.GetPixels(info, grey));
            return new GreyImage(info.Width, info.Height, grey);
        }

        var rgba = new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        byte[] pixels = new byte[rgba.BytesSize];
        Check(codec.GetPixels(rgba, pixels));
        byte[] luma = new byte[info.Width * info.Height];
        for (int i = 0, j = 0; i < luma.Length; i++, j += 4)
        {
            luma[i] = (byte)(((299 * pixels[j]) + (587 * pixels[j + 1]) + (114 * pixels[j + 2]) + 500) / 1000);
        }

        return new GreyImage(info.Width, info.Height, luma);
    }

    private static void Check(SKCodecResult result)
    {
        // A truncated file still yields its top rows; a sheet with missing rows is not read.
        if (result != SKCodecResult.Success)
        {
            throw new UnreadableScanException($"the image is damaged ({result})");
        }
    }

    private static List<GreyImage> DecodeTiffSafely(byte[] bytes)
    {
        try
        {
            return DecodeTiff(bytes);
        }
        catch (Exception e) when (e is not UnreadableScanException && ThrownByLibTiff(e))
        {
            // LibTiff.NET is a port of C code: a damaged file surfaces as whatever the port throws
            // (IOException on a seek before the start, IndexOutOfRangeException, …). Found by
            // fuzzing (docs/fuzzing.md); only exceptions thrown inside LibTiff are translated.
            throw new UnreadableScanException($"the TIFF is damaged ({e.GetType().Name})", e);
        }
    }

    // True when the innermost frame of our code is not the thrower: the exception came from
    // LibTiff or the stream it reads.
    private static bool ThrownByLibTiff(Exception e)
    {
        foreach (System.Diagnostics.StackFrame frame in new System.Diagnostics.StackTrace(e).GetFrames())
        {
            string origin = frame.GetMethod()?.DeclaringType?.Namespace ?? string.Empty;
            if (origin.StartsWith("OwnersVote", StringComparison.Ordinal))
            {
                return false;
            }

            if (origin.StartsWith("BitMiracle.LibTiff", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static List<GreyImage> DecodeTiff(byte[] bytes)
    {
        Tiff.SetErrorHandler(QuietTiffErrors.Instance);
        using var stream = new MemoryStream(bytes, writable: false);
        using Tiff tiff = Tiff.ClientOpen("scan", "r", stream, new TiffStream()) ?? throw new UnreadableScanException("the TIFF cannot be opened");
        var pages = new List<GreyImage>();
        short count = tiff.NumberOfDirectories();
        for (short page = 0; page < count; page++)
        {
            if (!tiff.SetDirectory(page))
            {
                throw new UnreadableScanException($"TIFF page {page + 1} cannot be read");
            }

            int width = tiff.GetField(TiffTag.IMAGEWIDTH)[0].ToInt();
            int height = tiff.GetField(TiffTag.IMAGELENGTH)[0].ToInt();
            if (width <= 0 || height <= 0 || (long)width * height > MaxPixels)
            {
                throw new UnreadableScanException($"TIFF page {page + 1} has unsupported size {width}×{height}");
            }

            int[] raster = new int[width * height];
            if (!tiff.ReadRGBAImageOriented(width, height, raster, Orientation.TOPLEFT))
            {
                throw new UnreadableScanException($"TIFF page {page + 1} cannot be decoded");
            }

            byte[] luma = new byte[raster.Length];
            for (int i = 0; i < raster.Length; i++)
            {
                int abgr = raster[i];
                luma[i] = (byte)(((299 * (abgr & 0xFF)) + (587 * ((abgr >> 8) & 0xFF)) + (114 * ((abgr >> 16) & 0xFF)) + 500) / 1000);
            }

            pages.Add(new GreyImage(width, height, luma));
        }

        return pages.Count > 0 ? pages : throw new UnreadableScanException("the TIFF has no page");
    }

    // Netpbm binary grey (P5) and colour (P6), maxval 255: "P5 <w> <h> 255" and one whitespace.
    private static GreyImage DecodePnm(byte[] bytes)
    {
        int position = 2;
        int[] header = new int[3];
        for (int i = 0; i < 3; i++)
        {
            while (position < bytes.Length && (char.IsWhiteSpace((char)bytes[position]) || bytes[position] == '#'))
            {
                if (bytes[position] == '#')
                {
                    while (position < bytes.Length && bytes[position] != '\n')
                    {
                        position++;
                    }
                }
                else
                {
                    position++;
                }
            }

            int start = position;
            while (position < bytes.Length && bytes[position] is >= (byte)'0' and <= (byte)'9')
            {
                position++;
            }

            if (position == start || !int.TryParse(Encoding.ASCII.GetString(bytes, start, position - start), NumberStyles.None, CultureInfo.InvariantCulture, out header[i]))
            {
                throw new UnreadableScanException("a damaged PGM/PPM header");
            }
        }

        position++;
        (int width, int height, int max) = (header[0], header[1], header[2]);
        int channels = bytes[1] == (byte)'5' ? 1 : 3;
        if (max != 255 || width <= 0 || height <= 0 || (long)width * height * channels > bytes.Length - position)
        {
            throw new UnreadableScanException("a PGM/PPM that is truncated or not 8-bit");
        }

        byte[] luma = new byte[width * height];
        if (channels == 1)
        {
            Array.Copy(bytes, position, luma, 0, luma.Length);
        }
        else
        {
            for (int i = 0, j = position; i < luma.Length; i++, j += 3)
            {
                luma[i] = (byte)(((299 * bytes[j]) + (587 * bytes[j + 1]) + (114 * bytes[j + 2]) + 500) / 1000);
            }
        }

        return new GreyImage(width, height, luma);
    }

    // LibTiff writes warnings and errors to the console by default; a failed read is reported by
    // its return value instead, so the messages are dropped here.
    private sealed class QuietTiffErrors : TiffErrorHandler
    {
        public static readonly QuietTiffErrors Instance = new();

        public override void WarningHandler(Tiff tif, string method, string format, params object[] args)
        {
        }

        public override void WarningHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args)
        {
        }

        public override void ErrorHandler(Tiff tif, string method, string format, params object[] args)
        {
        }

        public override void ErrorHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args)
        {
        }
    }
}

/// <summary>A file's format as far as scanning is concerned.</summary>
public enum ScanFormat
{
    /// <summary>None of the formats below.</summary>
    Unknown,

    /// <summary>PNG.</summary>
    Png,

    /// <summary>JPEG.</summary>
    Jpeg,

    /// <summary>TIFF, possibly several pages.</summary>
    Tiff,

    /// <summary>Binary PGM (P5) or PPM (P6).</summary>
    Pnm,

    /// <summary>PDF, rasterised with <c>pdftoppm</c>.</summary>
    Pdf,
}

/// <summary>A scan file that cannot be decoded at all (as opposed to a sheet that needs review).</summary>
public sealed class UnreadableScanException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UnreadableScanException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public UnreadableScanException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
