using SkiaSharp;

namespace OwnersVote.Paper.Tests;

/// <summary>Real rasterised ballots, marked and then degraded as scanners and phones degrade them.</summary>
public sealed class DegradationTests
{
    private static readonly PaperChoice[] s_answers = [PaperChoice.No, PaperChoice.Abstain];
    private static readonly MarkValue[] s_expected = [MarkValue.No, MarkValue.Abstain];

    public static TheoryData<string, Degradation> ScannerDegradations => new()
    {
        { "rotated +5°", Degradation.None with { Rotation = 5 } },
        { "rotated -5°", Degradation.None with { Rotation = -5 } },
        { "upside down", Degradation.None with { Rotation = 180 } },
        { "upside down and skewed", Degradation.None with { Rotation = 177.5 } },
        { "scaled to 93%", Degradation.None with { Scale = 0.93 } },
        { "scaled to 103%", Degradation.None with { Scale = 1.03 } },
        { "noisy", Degradation.None with { Noise = 12 } },
        { "JPEG quality 50", Degradation.None with { JpegQuality = 50 } },
        { "blurred", Degradation.None with { Blur = 1.5 } },
        { "uneven light and a fold", Degradation.None with { UnevenLight = 0.2, Fold = true } },
        { "everything at once", new Degradation(-3.5, 0.96, 1, 8, 70, 0.1, true, 0) },
    };

    [Theory]
    [MemberData(nameof(ScannerDegradations))]
    public void A_clearly_marked_sheet_survives_scanner_degradation(string name, Degradation degradation)
    {
        GreyImage scan = Scans.Mark(Scans.Page(200), 200, Scans.One(MarkKind.Cross, s_answers), degradation);

        SheetReading reading = SheetScanner.Scan(scan, Scans.Context);

        Assert.True(reading.Status == SheetStatus.Accepted, $"{name}: {Scans.Why(reading)}");
        Assert.Equal(s_expected, reading.Questions.Select(q => q.Value));
        Assert.Equal(degradation.Rotation > 90, reading.UpsideDown);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_phone_photo_in_perspective_is_read_right_or_reviewed(int seed)
    {
        Degradation photo = Degradation.Photo(new Random(seed));
        GreyImage scan = Scans.Mark(Scans.Page(200), 200, Scans.One(MarkKind.Tick, s_answers), photo, seed: seed);

        SheetReading reading = SheetScanner.Scan(scan, Scans.Context);

        Assert.NotNull(reading.Code);
        if (reading.Status == SheetStatus.Accepted)
        {
            Assert.Equal(s_expected, reading.Questions.Select(q => q.Value));
        }
        else
        {
            Assert.NotEmpty(reading.Reasons);
        }
    }

    [Fact]
    public void A_colour_jpeg_is_read_like_a_grey_scan()
    {
        GreyImage grey = Scans.Mark(Scans.Page(150), 150, Scans.One(MarkKind.Fill, s_answers), Degradation.None);
        using var colour = new SKBitmap(new SKImageInfo(grey.Width, grey.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        Span<byte> px = colour.GetPixelSpan();
        for (int i = 0; i < grey.Pixels.Length; i++)
        {
            // Cream paper: more red than blue.
            px[(4 * i) + 0] = grey.Pixels[i];
            px[(4 * i) + 1] = (byte)(grey.Pixels[i] * 0.97);
            px[(4 * i) + 2] = (byte)(grey.Pixels[i] * 0.88);
            px[(4 * i) + 3] = 255;
        }

        using SKData jpeg = colour.Encode(SKEncodedImageFormat.Jpeg, 85)!;
        Assert.Equal(ScanFormat.Jpeg, ScanDecoder.Detect(jpeg.Span));

        SheetReading reading = SheetScanner.Scan(ScanDecoder.Decode(jpeg.ToArray())[0], Scans.Context);

        Assert.True(reading.Status == SheetStatus.Accepted, Scans.Why(reading));
        Assert.Equal(s_expected, reading.Questions.Select(q => q.Value));
    }

    [Fact]
    public void Every_page_of_a_multi_page_tiff_is_read()
    {
        GreyImage first = Scans.Mark(Scans.Page(150), 150, Scans.One(MarkKind.Tick, s_answers), Degradation.None with { Rotation = 2 });
        GreyImage second = Scans.Mark(Scans.Page(150), 150, Scans.One(MarkKind.Tick, PaperChoice.Yes, PaperChoice.Yes), Degradation.None with { Rotation = 180 });
        byte[] tiff = Scans.Tiff(first, second);
        Assert.Equal(ScanFormat.Tiff, ScanDecoder.Detect(tiff));

        IReadOnlyList<GreyImage> pages = ScanDecoder.Decode(tiff);

        Assert.Equal(2, pages.Count);
        Assert.Equal(first.Pixels, pages[0].Pixels);
        Assert.Equal(s_expected, SheetScanner.Scan(pages[0], Scans.Context).Questions.Select(q => q.Value));
        SheetReading upsideDown = SheetScanner.Scan(pages[1], Scans.Context);
        Assert.True(upsideDown.UpsideDown);
        Assert.Equal([MarkValue.Yes, MarkValue.Yes], upsideDown.Questions.Select(q => q.Value));
    }

    [Fact]
    public void Damaged_files_are_unreadable_not_misread()
    {
        byte[] png = Scans.Encode(Scans.Page(150), 150, [], Degradation.None);

        Assert.Throws<UnreadableScanException>(() => ScanDecoder.Decode(png[..(png.Length / 2)]));
        Assert.Throws<UnreadableScanException>(() => ScanDecoder.Decode("not an image"u8.ToArray()));
        Assert.Throws<UnreadableScanException>(() => ScanDecoder.Decode([.. "II*\0"u8, 0, 0, 0, 0]));
    }

    [Fact]
    public void A_small_corpus_of_moderately_degraded_sheets_has_no_confident_misread()
    {
        // The bounded in-CI version of bench/ `paper` (docs/benchmarks.md): the same generator.
        int misreads = 0;
        int clear = 0;
        int clearAccepted = 0;
        for (int i = 0; i < 12; i++)
        {
            var random = new Random(1000 + i);
            (byte[] file, SheetTruth truth) = Corpus.Make(Scans.Page(200), 200, 2, i % 4 == 3 ? DegradationClass.UpsideDown : DegradationClass.Moderate, random);
            SheetReading reading = SheetScanner.Scan(ScanDecoder.Decode(file)[0], Scans.Context);
            misreads += Corpus.IsConfidentMisread(reading, truth) ? 1 : 0;
            clear += truth.Clear ? 1 : 0;
            clearAccepted += truth.Clear && reading.Status == SheetStatus.Accepted ? 1 : 0;
        }

        Assert.Equal(0, misreads);
        Assert.True(clear > 0 && clearAccepted * 10 >= clear * 9, $"{clearAccepted} of {clear} clear sheets accepted");
    }
}
