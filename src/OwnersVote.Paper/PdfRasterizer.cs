using System.Diagnostics;
using System.Globalization;

namespace OwnersVote.Paper;

/// <summary>
/// Rasterises PDF pages (a sheet-fed scanner's multi-page PDF, or a rendered ballot in tests)
/// by running <c>pdftoppm</c> from Debian's <c>poppler-utils</c>:
/// <c>pdftoppm -gray -r &lt;dpi&gt; file.pdf &lt;prefix&gt;</c> writes one binary PGM per page,
/// which <see cref="ScanDecoder"/> reads. The program is found on <c>PATH</c>.
/// </summary>
public static class PdfRasterizer
{
    /// <summary>The pages of <paramref name="pdf"/> at <paramref name="dpi"/>, in order.</summary>
    /// <exception cref="UnreadableScanException">pdftoppm is missing, fails, or writes no page.</exception>
    public static async Task<IReadOnlyList<GreyImage>> RasterizeAsync(byte[] pdf, int dpi, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentOutOfRangeException.ThrowIfLessThan(dpi, 50);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dpi, 1200);
        string dir = Directory.CreateTempSubdirectory("ov-pdftoppm-").FullName;
        try
        {
            string input = Path.Combine(dir, "in.pdf");
            await File.WriteAllBytesAsync(input, pdf, cancellationToken).ConfigureAwait(false);
            var start = new ProcessStartInfo("pdftoppm")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (string a in new[] { "-gray", "-r", dpi.ToString(CultureInfo.InvariantCulture), input, Path.Combine(dir, "page") })
            {
                start.ArgumentList.Add(a);
            }

            Process process;
            try
            {
                process = Process.Start(start) ?? throw new UnreadableScanException("pdftoppm did not start");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new UnreadableScanException("pdftoppm is not installed (Debian package poppler-utils)", e);
            }

            using (process)
            {
                Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
                Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                string error = await stderr.ConfigureAwait(false);
                _ = await stdout.ConfigureAwait(false);
                if (process.ExitCode != 0)
                {
                    string first = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "no message";
                    throw new UnreadableScanException($"pdftoppm failed ({process.ExitCode}): {first}");
                }
            }

            // pdftoppm numbers pages page-1.pgm or page-01.pgm ... by the page count's digits.
            string[] files = Directory.GetFiles(dir, "page-*.pgm");
            Array.Sort(files, (a, b) => PageNumber(a).CompareTo(PageNumber(b)));
            if (files.Length == 0)
            {
                throw new UnreadableScanException("the PDF has no page");
            }

            var pages = new List<GreyImage>(files.Length);
            foreach (string f in files)
            {
                pages.AddRange(ScanDecoder.Decode(await File.ReadAllBytesAsync(f, cancellationToken).ConfigureAwait(false)));
            }

            return pages;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static int PageNumber(string path)
    {
        string name = Path.GetFileNameWithoutExtension(path);
        return int.Parse(name.AsSpan(name.LastIndexOf('-') + 1), NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
