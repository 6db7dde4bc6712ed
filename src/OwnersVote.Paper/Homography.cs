namespace OwnersVote.Paper;

/// <summary>
/// A projective map from page millimetres to image pixels, fixed by four point pairs (the
/// fiducial centres). It absorbs a scanner's rotation and scaling and a photo's perspective.
/// </summary>
public sealed class Homography
{
    private readonly double[] _h;

    private Homography(double[] h) => _h = h;

    /// <summary>
    /// The homography taking each of four page points to its image point (direct linear
    /// transform with h33 = 1, solved by Gaussian elimination with partial pivoting).
    /// </summary>
    /// <exception cref="ArgumentException">The points are degenerate (three on a line).</exception>
    public static Homography FromPoints(IReadOnlyList<MmPoint> page, IReadOnlyList<(double X, double Y)> image)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(image);
        if (page.Count != 4 || image.Count != 4)
        {
            throw new ArgumentException("a homography needs exactly four point pairs");
        }

        double[,] a = new double[8, 9];
        for (int i = 0; i < 4; i++)
        {
            (double x, double y) = (page[i].X, page[i].Y);
            (double u, double v) = image[i];
            int r = 2 * i;
            a[r, 0] = x; a[r, 1] = y; a[r, 2] = 1; a[r, 6] = -x * u; a[r, 7] = -y * u; a[r, 8] = u;
            a[r + 1, 3] = x; a[r + 1, 4] = y; a[r + 1, 5] = 1; a[r + 1, 6] = -x * v; a[r + 1, 7] = -y * v; a[r + 1, 8] = v;
        }

        for (int col = 0; col < 8; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < 8; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = r;
                }
            }

            if (Math.Abs(a[pivot, col]) < 1e-12)
            {
                throw new ArgumentException("the four points are degenerate");
            }

            for (int c = 0; c < 9; c++)
            {
                (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            }

            for (int r = 0; r < 8; r++)
            {
                if (r == col)
                {
                    continue;
                }

                double f = a[r, col] / a[col, col];
                for (int c = col; c < 9; c++)
                {
                    a[r, c] -= f * a[col, c];
                }
            }
        }

        double[] h = new double[9];
        for (int i = 0; i < 8; i++)
        {
            h[i] = a[i, 8] / a[i, i];
        }

        h[8] = 1;
        return new Homography(h);
    }

    /// <summary>The image pixel position of a page point.</summary>
    public (double X, double Y) Map(double x, double y)
    {
        double w = (_h[6] * x) + (_h[7] * y) + _h[8];
        return ((((_h[0] * x) + (_h[1] * y) + _h[2]) / w), (((_h[3] * x) + (_h[4] * y) + _h[5]) / w));
    }

    /// <summary>The image pixel position of a page point.</summary>
    public (double X, double Y) Map(MmPoint p) => Map(p.X, p.Y);
}
