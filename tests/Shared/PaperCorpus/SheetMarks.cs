using OwnersVote.Paper;
using SkiaSharp;

namespace OwnersVote.Testing.PaperCorpus;

/// <summary>How a person filled one box.</summary>
public enum MarkKind
{
    /// <summary>Left blank.</summary>
    Blank,

    /// <summary>A ball-point tick (√).</summary>
    Tick,

    /// <summary>A ball-point cross (×).</summary>
    Cross,

    /// <summary>The box filled in.</summary>
    Fill,

    /// <summary>A faint pencil tick.</summary>
    LightPencil,

    /// <summary>A large tick that runs over the box's border.</summary>
    BorderCrossing,

    /// <summary>A box scribbled over to cancel a first choice.</summary>
    CrossedOut,

    /// <summary>A dot or short stray stroke, too small to be a mark.</summary>
    Speck,

    /// <summary>One short hesitant stroke: more than a speck, less than a mark (ambiguous).</summary>
    Dash,
}

/// <summary>
/// Draws people's marks on a rasterised ballot with SkiaSharp, at the positions of
/// <see cref="BallotLayout"/>, and a handwritten-looking signature.
/// </summary>
public sealed class SheetMarks
{
    private readonly SKBitmap _bitmap;
    private readonly SKCanvas _canvas;
    private readonly double _pxPerMm;
    private readonly Random _random;

    /// <summary>Starts marking a copy of <paramref name="page"/>, rendered at <paramref name="dpi"/>.</summary>
    public SheetMarks(GreyImage page, int dpi, Random random)
    {
        ArgumentNullException.ThrowIfNull(page);
        _random = random;
        _pxPerMm = dpi / 25.4;
        // Grey like a grey scanner's output: Skia draws coloured ink as its luminance.
        _bitmap = new SKBitmap(new SKImageInfo(page.Width, page.Height, SKColorType.Gray8, SKAlphaType.Opaque));
        page.Pixels.CopyTo(_bitmap.GetPixelSpan());
        _canvas = new SKCanvas(_bitmap);
    }

    /// <summary>The marked sheet as a grey bitmap (owned by this object until <see cref="Finish"/>).</summary>
    public SKBitmap Bitmap => _bitmap;

    /// <summary>Draws <paramref name="kind"/> in the box of <paramref name="question"/> (0-based), <paramref name="choice"/>.</summary>
    public void Mark(int question, PaperChoice choice, MarkKind kind)
    {
        MmRect box = BallotLayout.Box(question, choice);
        double J(double range) => (_random.NextDouble() - 0.5) * 2 * range;
        // Ball-point ink is dark blue-black; widths 0.5–0.8 mm.
        var pen = new SKColor((byte)(20 + _random.Next(30)), (byte)(20 + _random.Next(30)), (byte)(60 + _random.Next(60)));
        double width = 0.5 + (_random.NextDouble() * 0.3);
        switch (kind)
        {
            case MarkKind.Blank:
                break;
            case MarkKind.Tick:
                Stroke(pen, width, box, [(0.18 + J(0.05), 0.5 + J(0.08)), (0.4 + J(0.05), 0.82 + J(0.05)), (0.88 + J(0.05), 0.12 + J(0.06))]);
                break;
            case MarkKind.Cross:
                Stroke(pen, width, box, [(0.15 + J(0.05), 0.15 + J(0.05)), (0.85 + J(0.05), 0.85 + J(0.05))]);
                Stroke(pen, width, box, [(0.85 + J(0.05), 0.15 + J(0.05)), (0.15 + J(0.05), 0.85 + J(0.05))]);
                break;
            case MarkKind.Fill:
                Scribble(pen, width, box, 0.1, 0.9, 12);
                break;
            case MarkKind.LightPencil:
                byte grey = (byte)(120 + _random.Next(50));
                Stroke(new SKColor(grey, grey, grey), 0.4 + (_random.NextDouble() * 0.2), box, [(0.2, 0.5), (0.42, 0.8), (0.85, 0.15)]);
                break;
            case MarkKind.BorderCrossing:
                Stroke(pen, width, box, [(0.05 + J(0.1), 0.45 + J(0.1)), (0.4, 0.95 + J(0.1)), (1.3 + J(0.1), -0.3 + J(0.1))]);
                break;
            case MarkKind.CrossedOut:
                Scribble(pen, width, box, -0.05, 1.05, 16);
                break;
            case MarkKind.Dash:
                Stroke(pen, 0.6, box, [(0.3, 0.45), (0.7, 0.55)]);
                break;
            case MarkKind.Speck:
                double sx = 0.2 + (_random.NextDouble() * 0.6);
                double sy = 0.2 + (_random.NextDouble() * 0.6);
                Stroke(pen, width, box, [(sx, sy), (sx + 0.08, sy + 0.05)]);
                break;
        }
    }

    /// <summary>Signs in the signature box: a few connected loops across most of its width.</summary>
    public void Sign()
    {
        MmRect s = BallotLayout.SignatureBox;
        using var paint = Paint(new SKColor(25, 25, 70), 0.6 + (_random.NextDouble() * 0.2));
        using var path = new SKPathBuilder();
        double x = s.X + 8 + (_random.NextDouble() * 6);
        double mid = s.Y + (s.Height / 2);
        path.MoveTo(Px(x), Px(mid));
        int loops = 7 + _random.Next(5);
        for (int i = 0; i < loops; i++)
        {
            double nx = x + 5 + (_random.NextDouble() * 2);
            path.CubicTo(Px(x + 1), Px(mid - 9), Px(nx + 1), Px(mid - 9), Px(nx - 1), Px(mid + 3));
            path.QuadTo(Px(nx - 3), Px(mid + 8), Px(nx + 1), Px(mid));
            x = nx;
        }

        using (SKPath built = path.Detach())
        {
            _canvas.DrawPath(built, paint);
        }
        // An underline flourish.
        _canvas.DrawLine(Px(s.X + 10), Px(mid + 7), Px(x), Px(mid + 5), paint);
    }

    /// <summary>A stray pen line somewhere outside the boxes (a note, a doodle).</summary>
    public void Stray()
    {
        using var paint = Paint(new SKColor(30, 30, 90), 0.5);
        double x = 30 + (_random.NextDouble() * 60);
        double y = 200 + (_random.NextDouble() * 30);
        _canvas.DrawLine(Px(x), Px(y), Px(x + 20), Px(y + 3), paint);
    }

    /// <summary>Flushes drawing and returns the bitmap (the caller disposes it).</summary>
    public SKBitmap Finish()
    {
        _canvas.Flush();
        _canvas.Dispose();
        return _bitmap;
    }

    private void Stroke(SKColor color, double width, MmRect box, (double X, double Y)[] points)
    {
        using var paint = Paint(color, width);
        using var path = new SKPathBuilder();
        path.MoveTo(Px(box.X + (points[0].X * box.Width)), Px(box.Y + (points[0].Y * box.Height)));
        foreach ((double X, double Y) p in points.Skip(1))
        {
            path.LineTo(Px(box.X + (p.X * box.Width)), Px(box.Y + (p.Y * box.Height)));
        }

        using (SKPath built = path.Detach())
        {
            _canvas.DrawPath(built, paint);
        }
    }

    private void Scribble(SKColor color, double width, MmRect box, double from, double to, int passes)
    {
        using var paint = Paint(color, width * 1.6);
        using var path = new SKPathBuilder();
        path.MoveTo(Px(box.X + (from * box.Width)), Px(box.Y + (from * box.Height)));
        for (int i = 0; i <= passes; i++)
        {
            double y = from + ((to - from) * i / passes);
            double x = i % 2 == 0 ? to : from;
            path.LineTo(Px(box.X + (x * box.Width)), Px(box.Y + (y * box.Height) + (_random.NextDouble() - 0.5)));
        }

        using (SKPath built = path.Detach())
        {
            _canvas.DrawPath(built, paint);
        }
    }

    private SKPaint Paint(SKColor color, double widthMm) => new()
    {
        Color = color,
        IsAntialias = true,
        Style = SKPaintStyle.Stroke,
        StrokeWidth = (float)(widthMm * _pxPerMm),
        StrokeCap = SKStrokeCap.Round,
        StrokeJoin = SKStrokeJoin.Round,
    };

    private float Px(double mm) => (float)(mm * _pxPerMm);
}
