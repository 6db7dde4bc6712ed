namespace OwnersVote.Paper;

/// <summary>An 8-bit grey raster (0 black, 255 white), row-major, one byte per pixel.</summary>
public sealed class GreyImage
{
    /// <summary>Wraps <paramref name="pixels"/> (not copied).</summary>
    /// <exception cref="ArgumentException">The size does not match.</exception>
    public GreyImage(int width, int height, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (pixels.Length != checked(width * height))
        {
            throw new ArgumentException($"{pixels.Length} bytes for a {width}×{height} image");
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The pixels, row-major.</summary>
    public byte[] Pixels { get; }

    /// <summary>The pixel nearest to (x, y); white outside the image (as blank paper).</summary>
    public byte At(double x, double y)
    {
        int ix = (int)Math.Round(x);
        int iy = (int)Math.Round(y);
        return ix < 0 || iy < 0 || ix >= Width || iy >= Height ? (byte)255 : Pixels[(iy * Width) + ix];
    }

    /// <summary>Bilinear interpolation at (x, y); white outside the image.</summary>
    public double Bilinear(double x, double y)
    {
        int x0 = (int)Math.Floor(x);
        int y0 = (int)Math.Floor(y);
        if (x0 < 0 || y0 < 0 || x0 + 1 >= Width || y0 + 1 >= Height)
        {
            return At(x, y);
        }

        double fx = x - x0;
        double fy = y - y0;
        int i = (y0 * Width) + x0;
        double top = (Pixels[i] * (1 - fx)) + (Pixels[i + 1] * fx);
        double bottom = (Pixels[i + Width] * (1 - fx)) + (Pixels[i + Width + 1] * fx);
        return (top * (1 - fy)) + (bottom * fy);
    }
}
