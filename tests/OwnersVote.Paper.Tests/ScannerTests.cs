using SkiaSharp;

namespace OwnersVote.Paper.Tests;

public sealed class ScannerTests
{
    private static readonly ScanContext s_context = new("lift-57", Ballots.Key);

    private static GreyImage Page(int dpi)
    {
        byte[] pdf = Ballots.Pdf(Ballots.Sheet("57-101", "S1"));
        return PdfRasterizer.RasterizeAsync(pdf, dpi, TestContext.Current.CancellationToken).GetAwaiter().GetResult()[0];
    }

    private static GreyImage Marked(GreyImage page, int dpi, PaperChoice[] choices, MarkKind kind, Degradation degradation, int seed = 1)
    {
        var random = new Random(seed);
        var marks = new SheetMarks(page, dpi, random);
        for (int q = 0; q < choices.Length; q++)
        {
            marks.Mark(q, choices[q], kind);
        }

        marks.Sign();
        using SKBitmap bitmap = marks.Finish();
        return ScanDecoder.Decode(Degrade.Apply(bitmap, degradation, random))[0];
    }

    [Fact]
    public void A_clean_blank_ballot_is_read_as_unmarked_and_unsigned()
    {
        SheetReading reading = SheetScanner.Scan(Page(200), s_context);
        Assert.Equal(SheetStatus.Review, reading.Status);
        Assert.Equal(new BallotCode("lift-57", "57-101", "S1"), reading.Code);
        Assert.Equal(2, reading.Questions.Count);
        Assert.All(reading.Questions, q => Assert.Equal(MarkValue.None, q.Value));
        Assert.False(reading.Signature);
        Assert.Contains(reading.Reasons, r => r.Code == ReviewCodes.NoSignature);
    }

    [Theory]
    [InlineData(150)]
    [InlineData(200)]
    [InlineData(300)]
    public void Ticked_and_signed_ballot_is_accepted_with_the_ticked_answers(int dpi)
    {
        GreyImage scan = Marked(Page(dpi), dpi, [PaperChoice.Yes, PaperChoice.Abstain], MarkKind.Tick, Degradation.None);
        SheetReading reading = SheetScanner.Scan(scan, s_context);
        Assert.True(reading.Status == SheetStatus.Accepted, string.Join("; ", reading.Reasons));
        Assert.Equal([MarkValue.Yes, MarkValue.Abstain], reading.Questions.Select(q => q.Value));
        Assert.True(reading.Signature);
    }
}
