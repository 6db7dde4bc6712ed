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
            0.95 + (random.NextDouble() * 0.08),
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

/// <summary>Applies a <see cref="Degradation"/> and encodes the result as a scanner would.</summary>
public static class Degrade
{
    /// <summary>The encoded file (PNG or JPEG) of <paramref name="sheet"/> after <paramref name="d"/>.</summary>
    public static byte[] Apply(SKBitmap sheet, Degradation d, Random random)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(random);
        int w = sheet.Width;
        int h = sheet.Height;
        using var output = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(output))
        {
            canvas.Clear(new SKColor(250, 250, 250));
            SKMatrix m = SKMatrix.CreateTranslation(-w / 2f, -h / 2f)
                .PostConcat(SKMatrix.CreateScale((float)d.Scale, (float)d.Scale))
                .PostConcat(SKMatrix.CreateRotationDegrees((float)d.Rotation))
                .PostConcat(SKMatrix.CreateTranslation(w / 2f, h / 2f));
            if (d.Perspective != 0)
            {
                var keystone = new SKMatrix(1, 0, 0, 0, 1, 0, (float)(d.Perspective * 0.3), (float)d.Perspective, 1);
                m = m.PostConcat(SKMatrix.CreateTranslation(-w / 2f, -h / 2f)).PostConcat(keystone).PostConcat(SKMatrix.CreateTranslation(w / 2f, h / 2f));
            }

            canvas.SetMatrix(m);
            using var paint = new SKPaint { IsAntialias = true };
            if (d.Blur > 0)
            {
                paint.ImageFilter = SKImageFilter.CreateBlur((float)d.Blur, (float)d.Blur);
            }

            using SKImage image = SKImage.FromBitmap(sheet);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear), paint);
            canvas.ResetMatrix();
            if (d.Fold)
            {
                using var fold = new SKPaint { Color = new SKColor(160, 160, 160, 140), StrokeWidth = 2, IsAntialias = true };
                float y = (float)(h * (0.3 + (random.NextDouble() * 0.4)));
                canvas.DrawLine(0, y, w, y + (float)((random.NextDouble() - 0.5) * 20), fold);
            }
        }

        Span<byte> px = output.GetPixelSpan();
        for (int y = 0; y < h; y++)
        {
            double light = 1 - (d.UnevenLight * y / h);
            for (int x = 0; x < w; x++)
            {
                int i = ((y * w) + x) * 4;
                double noise = d.Noise > 0 ? Gaussian(random) * d.Noise : 0;
                for (int c = 0; c < 3; c++)
                {
                    px[i + c] = (byte)Math.Clamp((px[i + c] * light) + noise, 0, 255);
                }
            }
        }

        using SKImage encoded = SKImage.FromBitmap(output);
        using SKData data = d.JpegQuality > 0 ? encoded.Encode(SKEncodedImageFormat.Jpeg, d.JpegQuality) : encoded.Encode(SKEncodedImageFormat.Png, 1);
        return data.ToArray();
    }

    private static double Gaussian(Random random)
    {
        // Box–Muller.
        double u1 = 1 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
