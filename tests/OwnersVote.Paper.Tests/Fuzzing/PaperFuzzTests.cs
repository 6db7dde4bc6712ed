using System.Text;
using SkiaSharp;

namespace OwnersVote.Paper.Tests.Fuzzing;

/// <summary>
/// Issue 10, fuzzing: QR payloads, scanned image files and damaged printed codes. A payload is
/// accepted only if it is exactly one the printer made (any other accepted text would be a forged
/// ballot code), a damaged image file is an <see cref="UnreadableScanException"/>, and a damaged
/// code reads as printed or not at all, never a crash or a hang.
/// </summary>
public sealed class PaperFuzzTests
{
    private static readonly string[] s_payloadTokens = ["|", "v1", "v2", "V1", "lift-57", "57-101", "S1", "=", "-", "_", "+", "/", "\u0000", "\n", "ｖ1", "𠀀", "A", "AAAAAAAAAAAAAAAAAAAAAA"];

    private static readonly string[] s_imageTokens = ["IHDR", "IDAT", "IEND", "\u00ff\u00d8\u00ff", "\u00ff\u00d9", "II*\u0000", "MM\u0000*", "P5", "P6", " 255\n", "65535", "99999 99999"];

    [Fact]
    public async Task A_mutated_ballot_code_is_accepted_only_as_the_printer_wrote_it()
    {
        BallotKey other = BallotKey.ParseHex("ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100");
        string[] genuine =
        [
            new BallotCode("lift-57", "57-101", "S1").Encode(Ballots.Key),
            new BallotCode("lift-57", "57-0202", "K7Q2M9X4PZ").Encode(Ballots.Key),
            new BallotCode("充电桩-2026", "56-1801", "0000000001").Encode(Ballots.Key),
        ];
        List<byte[]> seeds =
        [
            .. genuine.Select(Encoding.UTF8.GetBytes),
            Encoding.UTF8.GetBytes(new BallotCode("lift-57", "57-101", "S1").Encode(other)),
        ];
        var printed = new HashSet<string>(genuine, StringComparer.Ordinal);

        FuzzReport report = await Fuzzer.RunAsync("BallotCode.Verify", new Mutator(seeds, s_payloadTokens), seeds, input =>
        {
            string payload = Encoding.UTF8.GetString(input);
            BallotCodeCheck check = BallotCode.Verify(payload, Ballots.Key);
            if (check.Failure == BallotCodeFailure.None)
            {
                // Nothing but the printed text verifies: the code read back is the one encoded.
                Assert.Contains(payload, printed);
                Assert.Equal(payload, check.Code!.Encode(Ballots.Key));
                return "accepted";
            }

            Assert.Null(check.Code);
            return check.Failure.ToString();
        });

        report.AssertReached(r => r.Count("accepted") >= genuine.Length && r.Count("BadMac") > 0 && r.Count("Malformed") > 0);
    }

    [Fact]
    public async Task A_damaged_scan_file_is_unreadable_or_decodes_to_whole_pages()
    {
        GreyImage small = Gradient(96, 64);
        List<byte[]> seeds =
        [
            Encode(small, SKEncodedImageFormat.Png),
            Encode(small, SKEncodedImageFormat.Jpeg),
            Scans.Tiff(small, Gradient(40, 30)),
            [.. "P5\n96 64\n255\n"u8, .. small.Pixels],
            [.. "P6 2 2 255\n"u8, .. Enumerable.Repeat((byte)200, 12)],
        ];

        // A mutated header may claim a page of up to ScanDecoder.MaxPixels, which is decoded for real
        // (bounded work: about a second idle, several on a saturated CI machine).
        FuzzBudget budget = FuzzBudget.For("ScanDecoder.Decode");
        FuzzReport report = await Fuzzer.RunAsync("ScanDecoder.Decode", new Mutator(seeds, s_imageTokens), seeds, input =>
        {
            IReadOnlyList<GreyImage> pages;
            try
            {
                pages = ScanDecoder.Decode(input);
            }
            catch (UnreadableScanException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                return "unreadable";
            }

            Assert.NotEmpty(pages);
            Assert.All(pages, p => Assert.True(p.Width > 0 && p.Height > 0 && p.Pixels.Length == p.Width * p.Height));
            return $"{ScanDecoder.Detect(input)} decoded";
        }, budget);

        report.AssertReached(r => r.Count("unreadable") > 0 && r.Outcomes.Keys.Count(k => k.EndsWith(" decoded", StringComparison.Ordinal)) >= 4);
    }

    [Fact]
    public async Task A_damaged_qr_code_reads_as_printed_or_not_at_all()
    {
        // Ink and white-out over the printed code at 150 dpi, of three kinds by case number: one
        // finder pattern covered (ZXing cannot locate the code; only the read where the layout
        // puts it can), a few small blots (error correction), or large ones (nothing to read).
        GreyImage page = Scans.Page(150);
        var printed = new BallotCode("lift-57", "57-101", "S1");
        FuzzBudget budget = FuzzBudget.For("SheetScanner QR damage", defaultCases: 300, defaultTime: TimeSpan.FromSeconds(4));
        FuzzReport report = await Fuzzer.RunAsync(
            "SheetScanner QR damage",
            (random, index) => Blots(random, index),
            blots => string.Join("; ", blots.Select(b => $"{b.Area.X:F1},{b.Area.Y:F1} {b.Area.Width:F1}×{b.Area.Height:F1} {(b.Ink ? "ink" : "white")}")),
            (blots, _) =>
            {
                GreyImage damaged = Damage(page, 150, blots);
                SheetReading reading = SheetScanner.Scan(damaged, Scans.Context);
                if (reading.Code is { } code)
                {
                    // No damage makes another valid code: the MAC stands behind every read.
                    Assert.Equal(printed, code);
                    string attempt = QrDecoder.Decode(damaged, reading.PageToImage)!.Value.Attempt;
                    return ValueTask.FromResult(attempt.EndsWith("/grid", StringComparison.Ordinal) ? "read by grid" : "read");
                }

                Assert.Contains(reading.Reasons, r => r.Code is ReviewCodes.QrUnreadable or ReviewCodes.QrMalformed or ReviewCodes.MacMismatch);
                return ValueTask.FromResult("refused");
            },
            budget);

        report.AssertReached(r => r.Count("read by grid") > 0 && r.Count("read") > 0 && r.Count("refused") > 0);
    }

    private static (MmRect Area, bool Ink)[] Blots(Random random, long index)
    {
        MmRect qr = BallotLayout.Qr;
        switch (index % 3)
        {
            case 0:
                // The top-left finder pattern (modules 0–6 after the 4-module quiet zone, versions 2–4).
                return [(new MmRect(qr.X + 3.4, qr.Y + 3.4, 7.8, 7.8), random.Next(2) == 0)];
            case 1:
                return [.. Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Blot(random, qr, 0.4, 1.5))];
            default:
                return [.. Enumerable.Range(0, 2 + random.Next(4)).Select(_ => Blot(random, qr, 8, 20))];
        }
    }

    private static (MmRect, bool) Blot(Random random, MmRect qr, double min, double max)
    {
        double w = min + (random.NextDouble() * (max - min)), h = min + (random.NextDouble() * (max - min));
        return (new MmRect(qr.X + (random.NextDouble() * (qr.Width - w)), qr.Y + (random.NextDouble() * (qr.Height - h)), w, h), random.Next(2) == 0);
    }

    private static GreyImage Damage(GreyImage page, int dpi, (MmRect Area, bool Ink)[] blots)
    {
        byte[] pixels = (byte[])page.Pixels.Clone();
        double perMm = dpi / 25.4;
        foreach ((MmRect area, bool ink) in blots)
        {
            for (int y = (int)(area.Y * perMm); y < (int)(area.Bottom * perMm); y++)
            {
                for (int x = (int)(area.X * perMm); x < (int)(area.Right * perMm); x++)
                {
                    pixels[(y * page.Width) + x] = ink ? (byte)20 : (byte)245;
                }
            }
        }

        return new GreyImage(page.Width, page.Height, pixels);
    }

    private static GreyImage Gradient(int width, int height)
    {
        byte[] pixels = new byte[width * height];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)((i % width) * 255 / width);
        }

        return new GreyImage(width, height, pixels);
    }

    private static byte[] Encode(GreyImage image, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Gray8, SKAlphaType.Opaque));
        image.Pixels.CopyTo(bitmap.GetPixelSpan());
        using SKData data = bitmap.Encode(format, 90);
        return data.ToArray();
    }
}
