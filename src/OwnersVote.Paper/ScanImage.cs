using SkiaSharp;

namespace OwnersVote.Paper;

/// <summary>
/// Writes a scanned page as the scanner read it, so what officers review (and what the log's
/// SHA-256 names) is exactly the pixels the reading was made from, whatever the uploaded format.
/// </summary>
public static class ScanImage
{
    /// <summary>The page as an 8-bit greyscale PNG (lossless).</summary>
    public static byte[] ToPng(GreyImage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        using var bitmap = new SKBitmap(new SKImageInfo(page.Width, page.Height, SKColorType.Gray8, SKAlphaType.Opaque));
        page.Pixels.CopyTo(bitmap.GetPixelSpan());
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException($"SkiaSharp could not encode a {page.Width}×{page.Height} page as PNG");
        return png.ToArray();
    }
}
