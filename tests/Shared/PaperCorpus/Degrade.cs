using SkiaSharp;

namespace OwnersVote.Testing.PaperCorpus;

/// <summary>What happens to a sheet between the pen and the scanner.</summary>
/// <param name="Rotation">Degrees, clockwise.</param>
/// <param name="Scale">Uniform scale of the page in the frame.</param>
/// <param name="Blur">Gaussian sigma in pixels (0: none).</param>
/// <param name="Noise">Gaussian noise sigma in grey levels (0: none).</param>
/// <param name="JpegQuality">Encode as JPEG at this quality (0: lossless PNG).</param>
/// <param name="UnevenLight">Darkening from one side to the other, 0–1.</param>
/// <param name="Fold">Draw a fold line across the page.</param>
/// <param name="Perspective">Phone-photo keystone strength (0: flat scan).</param>
public sealed record Degradation(double Rotation, double Scale, double Blur, double Noise, int JpegQuality, double UnevenLight, bool Fold, double Perspective)
{
    /// <summary>A clean scan.</summary>
    public static Degradation None { get; } = new(0, 1, 0, 0, 0, 0, false, 0);

    /// <summary>A moderately degraded scanner image: a few degrees, a few percent, some blur, noise and JPEG.</summary>
    public static Degradation Moderate(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return new(
            (random.NextDouble() - 0.5) * 10,
            // At most 99%: a sheet turned 5° at full size on an A4 bed loses its corners, as it would
            // under a real scanner's lid.
            0.93 + (random.NextDouble() * 0.06),
            random.NextDouble() * 1.2,
            random.NextDouble() * 10,
            random.Next(2) == 0 ? 0 : 60 + random.Next(35),
            random.NextDouble() * 0.15,
            random.Next(4) == 0,
            0);
    }

    /// <summary>A phone photo: keystone, uneven light, noise and JPEG.</summary>
    public static Degradation Photo(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return new((random.NextDouble() - 0.5) * 6, 0.85 + (random.NextDouble() * 0.1), 0.8, 6, 80, 0.25, false, 0.00004 + (random.NextDouble() * 0.00004));
    }
}

/// <summary>Applies a <see cref="Degradation"/> and encodes the result as a grey scanner would.</summary>
public static class Degrade
{
    // Standard normal samples, drawn once: per-pixel Box–Muller would dominate the corpus's cost.
    private static readonly float[] s_gaussian = MakeGaussian();

    /// <summary>The encoded file (grey PNG or JPEG) of <paramref name="sheet"/> after <paramref name="d"/>.</summary>
    public static byte[] Apply(SKBitmap sheet, Degradation d, Random random)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(random);
        int w = sheet.Width;
        int h = sheet.Height;
        ReadOnlySpan<byte> source = sheet.GetPixelSpan();
        if (sheet.ColorType != SKColorType.Gray8)
        {
            throw new ArgumentException("a grey sheet is expected", nameof(sheet));
        }

        // The page is scaled and turned about its centre, then (for a photo) seen in keystone
        // perspective; each output pixel samples the page at the inverse position (bilinear).
        SKMatrix m = SKMatrix.CreateTranslation(-w / 2f, -h / 2f)
            .PostConcat(SKMatrix.CreateScale((float)d.Scale, (float)d.Scale))
            .PostConcat(SKMatrix.CreateRotationDegrees((float)d.Rotation))
            .PostConcat(SKMatrix.CreateTranslation(w / 2f, h / 2f));
        if (d.Perspective != 0)
        {
            var keystone = new SKMatrix(1, 0, 0, 0, 1, 0, (float)(d.Perspective * 0.3), (float)d.Perspective, 1);
            m = m.PostConcat(SKMatrix.CreateTranslation(-w / 2f, -h / 2f)).PostConcat(keystone).PostConcat(SKMatrix.CreateTranslation(w / 2f, h / 2f));
        }

        if (!m.TryInvert(out SKMatrix inverse))
        {
            throw new ArgumentException("the degradation is not invertible", nameof(d));
        }

        byte[] warped = new byte[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                float z = (inverse.Persp0 * x) + (inverse.Persp1 * y) + inverse.Persp2;
                float sx = ((inverse.ScaleX * x) + (inverse.SkewX * y) + inverse.TransX) / z;
                float sy = ((inverse.SkewY * x) + (inverse.ScaleY * y) + inverse.TransY) / z;
                int x0 = (int)MathF.Floor(sx);
                int y0 = (int)MathF.Floor(sy);
                if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h)
                {
                    warped[(y * w) + x] = 250;
                    continue;
                }

                float fx = sx - x0;
                float fy = sy - y0;
                int i = (y0 * w) + x0;
                float top = source[i] + ((source[i + 1] - source[i]) * fx);
                float bottom = source[i + w] + ((source[i + w + 1] - source[i + w]) * fx);
                warped[(y * w) + x] = (byte)(top + ((bottom - top) * fy) + 0.5f);
            }
        }

        if (d.Blur > 0)
        {
            warped = BoxBlur(warped, w, h, d.Blur);
        }

        if (d.Fold)
        {
            // A fold: a faint grey line across the sheet.
            int y0 = (int)(h * (0.3 + (random.NextDouble() * 0.4)));
            for (int x = 0; x < w; x++)
            {
                for (int t = 0; t < 2; t++)
                {
                    int i = ((y0 + t + (x * 12 / w)) * w) + x;
                    warped[i] = (byte)Math.Min((int)warped[i], 190);
                }
            }
        }

        using var output = new SKBitmap(new SKImageInfo(w, h, SKColorType.Gray8, SKAlphaType.Opaque));
        warped.CopyTo(output.GetPixelSpan());
        if (d.Noise > 0 || d.UnevenLight > 0)
        {
            Span<byte> px = output.GetPixelSpan();
            uint state = (uint)random.Next() | 1;
            float noise = (float)d.Noise;
            for (int y = 0; y < h; y++)
            {
                float light = (float)(1 - (d.UnevenLight * y / h));
                int row = y * w;
                for (int x = 0; x < w; x++)
                {
                    // xorshift32 picks a sample from the table.
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    float value = (px[row + x] * light) + (noise * s_gaussian[state & 0xFFFF]);
                    px[row + x] = (byte)Math.Clamp(value, 0, 255);
                }
            }
        }

        using SKPixmap pixmap = output.PeekPixels();
        using SKData data = (d.JpegQuality > 0
            ? pixmap.Encode(new SKJpegEncoderOptions(d.JpegQuality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
            : pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 1)))
            ?? throw new InvalidOperationException("Skia could not encode the sheet");
        return data.ToArray();
    }

    // Three passes of a running box filter approximate a Gaussian of the given sigma (Wells 1986).
    private static byte[] BoxBlur(byte[] pixels, int w, int h, double sigma)
    {
        int r = Math.Max(1, (int)Math.Round(sigma * 0.9));
        byte[] a = pixels;
        byte[] b = new byte[a.Length];
        for (int pass = 0; pass < 3; pass++)
        {
            Pass(a, b, w, h, r, horizontal: true);
            Pass(b, a, w, h, r, horizontal: false);
        }

        return a;

        static void Pass(byte[] src, byte[] dst, int w, int h, int r, bool horizontal)
        {
            int lines = horizontal ? h : w;
            int length = horizontal ? w : h;
            int step = horizontal ? 1 : w;
            int span = (2 * r) + 1;
            for (int line = 0; line < lines; line++)
            {
                int origin = horizontal ? line * w : line;
                int sum = 0;
                for (int k = -r; k <= r; k++)
                {
                    sum += src[origin + (Math.Clamp(k, 0, length - 1) * step)];
                }

                for (int i = 0; i < length; i++)
                {
                    dst[origin + (i * step)] = (byte)(sum / span);
                    sum += src[origin + (Math.Min(i + r + 1, length - 1) * step)] - src[origin + (Math.Max(i - r, 0) * step)];
                }
            }
        }
    }

    private static float[] MakeGaussian()
    {
        var random = new Random(12345);
        float[] table = new float[65536];
        for (int i = 0; i < table.Length; i++)
        {
            // Box–Muller.
            double u1 = 1 - random.NextDouble();
            double u2 = random.NextDouble();
            table[i] = (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }

        return table;
    }
}
