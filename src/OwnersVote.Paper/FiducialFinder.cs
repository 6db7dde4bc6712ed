namespace OwnersVote.Paper;

/// <summary>
/// Finds the four solid corner squares of a ballot in a scan (DESIGN.md §2: "find corners"). The
/// image is reduced to about 700 pixels across, binarised at Otsu's threshold, and in each corner
/// window the solid, square, right-sized dark component nearest the image corner is taken; its
/// centre is then refined on the full-resolution image.
/// </summary>
internal static class FiducialFinder
{
    private const double WindowWidth = 0.32;
    private const double WindowHeight = 0.24;

    /// <summary>Image centres of the fiducials in image order (top-left, top-right, bottom-left, bottom-right), or null.</summary>
    public static (double X, double Y)[]? Find(GreyImage image, out byte threshold)
    {
        int f = Math.Max(1, image.Width / 700);
        (byte[] small, int w, int h) = Reduce(image, f);
        threshold = Otsu(small);
        // The page may fill less of a photo than of a scan: accept a side from 0.55 to 1.6 of
        // what a full-width A4 page would give.
        double side = BallotLayout.FiducialSize * Math.Min(w / BallotLayout.PageWidth, h / BallotLayout.PageHeight);
        int ww = (int)(w * WindowWidth);
        int wh = (int)(h * WindowHeight);
        var found = new (double X, double Y)[4];
        (int X0, int Y0, int CornerX, int CornerY)[] windows =
        [
            (0, 0, 0, 0), (w - ww, 0, w, 0), (0, h - wh, 0, h), (w - ww, h - wh, w, h),
        ];
        for (int i = 0; i < 4; i++)
        {
            (int x0, int y0, int cx, int cy) = windows[i];
            Component? best = null;
            double bestDistance = double.MaxValue;
            foreach (Component c in Components(small, w, x0, y0, ww, wh, threshold))
            {
                int bw = c.MaxX - c.MinX + 1;
                int bh = c.MaxY - c.MinY + 1;
                double aspect = (double)bw / bh;
                double fill = (double)c.Count / (bw * bh);
                double s = Math.Sqrt(c.Count);
                if (s < 0.55 * side || s > 1.6 * side || aspect < 0.7 || aspect > 1.43 || fill < 0.7)
                {
                    continue;
                }

                double d = Math.Sqrt(Math.Pow((c.SumX / c.Count) - cx, 2) + Math.Pow((c.SumY / c.Count) - cy, 2));
                if (d < bestDistance)
                {
                    bestDistance = d;
                    best = c;
                }
            }

            if (best is null)
            {
                return null;
            }

            found[i] = Refine(image, best, f, threshold);
        }

        return found;
    }

    private sealed class Component
    {
        public int Count;
        public double SumX;
        public double SumY;
        public int MinX = int.MaxValue;
        public int MinY = int.MaxValue;
        public int MaxX;
        public int MaxY;
    }

    private static (byte[] Pixels, int Width, int Height) Reduce(GreyImage image, int f)
    {
        int w = image.Width / f;
        int h = image.Height / f;
        byte[] small = new byte[w * h];
        byte[] src = image.Pixels;
        int area = f * f;
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int sum = 0;
                for (int dy = 0; dy < f; dy++)
                {
                    int row = (((y * f) + dy) * image.Width) + (x * f);
                    for (int dx = 0; dx < f; dx++)
                    {
                        sum += src[row + dx];
                    }
                }

                small[(y * w) + x] = (byte)(sum / area);
            }
        }

        return (small, w, h);
    }

    // Otsu (1979): the threshold that maximises the between-class variance of the histogram.
    private static byte Otsu(byte[] pixels)
    {
        long[] histogram = new long[256];
        foreach (byte p in pixels)
        {
            histogram[p]++;
        }

        long total = pixels.Length;
        double sum = 0;
        for (int i = 0; i < 256; i++)
        {
            sum += i * (double)histogram[i];
        }

        double sumB = 0;
        long wB = 0;
        double best = -1;
        int threshold = 128;
        for (int t = 0; t < 256; t++)
        {
            wB += histogram[t];
            if (wB == 0)
            {
                continue;
            }

            long wF = total - wB;
            if (wF == 0)
            {
                break;
            }

            sumB += t * (double)histogram[t];
            double mB = sumB / wB;
            double mF = (sum - sumB) / wF;
            double between = (double)wB * wF * (mB - mF) * (mB - mF);
            if (between > best)
            {
                best = between;
                threshold = t;
            }
        }

        return (byte)threshold;
    }

    private static List<Component> Components(byte[] px, int stride, int x0, int y0, int w, int h, byte threshold)
    {
        bool[] seen = new bool[w * h];
        var stack = new Stack<int>();
        var components = new List<Component>();
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int i = (y * w) + x;
                if (seen[i] || px[((y0 + y) * stride) + x0 + x] > threshold)
                {
                    continue;
                }

                var c = new Component();
                seen[i] = true;
                stack.Push(i);
                while (stack.Count > 0)
                {
                    int j = stack.Pop();
                    int cx = j % w;
                    int cy = j / w;
                    c.Count++;
                    c.SumX += x0 + cx;
                    c.SumY += y0 + cy;
                    c.MinX = Math.Min(c.MinX, cx);
                    c.MaxX = Math.Max(c.MaxX, cx);
                    c.MinY = Math.Min(c.MinY, cy);
                    c.MaxY = Math.Max(c.MaxY, cy);
                    Visit(cx - 1, cy);
                    Visit(cx + 1, cy);
                    Visit(cx, cy - 1);
                    Visit(cx, cy + 1);
                }

                c.MinX += x0;
                c.MaxX += x0;
                c.MinY += y0;
                c.MaxY += y0;
                components.Add(c);
            }
        }

        return components;

        void Visit(int vx, int vy)
        {
            if (vx < 0 || vy < 0 || vx >= w || vy >= h)
            {
                return;
            }

            int k = (vy * w) + vx;
            if (!seen[k] && px[((y0 + vy) * stride) + x0 + vx] <= threshold)
            {
                seen[k] = true;
                stack.Push(k);
            }
        }
    }

    // The centroid of the square's dark pixels on the full image, weighted by darkness so the
    // anti-aliased edge counts in proportion.
    private static (double X, double Y) Refine(GreyImage image, Component c, int f, byte threshold)
    {
        int margin = f + 2;
        int xa = Math.Max(0, (c.MinX * f) - margin);
        int ya = Math.Max(0, (c.MinY * f) - margin);
        int xb = Math.Min(image.Width - 1, ((c.MaxX + 1) * f) + margin);
        int yb = Math.Min(image.Height - 1, ((c.MaxY + 1) * f) + margin);
        double sw = 0;
        double sx = 0;
        double sy = 0;
        for (int y = ya; y <= yb; y++)
        {
            int row = y * image.Width;
            for (int x = xa; x <= xb; x++)
            {
                int p = image.Pixels[row + x];
                if (p <= threshold)
                {
                    double weight = threshold + 1 - p;
                    sw += weight;
                    sx += weight * x;
                    sy += weight * y;
                }
            }
        }

        return sw == 0 ? (c.SumX / c.Count * f, c.SumY / c.Count * f) : (sx / sw, sy / sw);
    }
}
