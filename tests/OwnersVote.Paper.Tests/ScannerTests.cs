using OwnersVote.Voting;

namespace OwnersVote.Paper.Tests;

public sealed class ScannerTests
{
    private static readonly PaperChoice[] s_yesAbstain = [PaperChoice.Yes, PaperChoice.Abstain];

    [Fact]
    public void A_clean_blank_ballot_is_read_as_unmarked_and_unsigned()
    {
        SheetReading reading = SheetScanner.Scan(Scans.Page(200), Scans.Context);

        Assert.Equal(SheetStatus.Review, reading.Status);
        Assert.Equal(new BallotCode("lift-57", "57-101", "S1"), reading.Code);
        Assert.Equal(2, reading.Questions.Count);
        Assert.All(reading.Questions, q => Assert.Equal(MarkValue.None, q.Value));
        Assert.All(reading.Questions, q => Assert.All(q.Densities, d => Assert.True(d < 0.01, $"blank box ink {d}")));
        Assert.False(reading.Signature);
        Assert.Contains(reading.Reasons, r => r.Code == ReviewCodes.NoSignature);
        Assert.Contains(reading.Reasons, r => r.Code == ReviewCodes.NoMark);
    }

    [Theory]
    [InlineData(150)]
    [InlineData(200)]
    [InlineData(300)]
    public void Ticked_and_signed_ballot_is_accepted_at_each_resolution(int dpi)
    {
        GreyImage scan = Scans.Mark(Scans.Page(dpi), dpi, Scans.One(MarkKind.Tick, s_yesAbstain), Degradation.None);

        SheetReading reading = SheetScanner.Scan(scan, Scans.Context);

        Assert.True(reading.Status == SheetStatus.Accepted, Scans.Why(reading));
        Assert.Equal([MarkValue.Yes, MarkValue.Abstain], reading.Questions.Select(q => q.Value));
        Assert.True(reading.Signature);
        Assert.Empty(reading.Reasons);
    }

    [Theory]
    [InlineData(MarkKind.Tick)]
    [InlineData(MarkKind.Cross)]
    [InlineData(MarkKind.Fill)]
    [InlineData(MarkKind.BorderCrossing)]
    public void Each_firm_kind_of_mark_is_read_as_the_marked_box(MarkKind kind)
    {
        GreyImage scan = Scans.Mark(Scans.Page(200), 200, Scans.One(kind, PaperChoice.No, PaperChoice.Yes), Degradation.None);

        SheetReading reading = SheetScanner.Scan(scan, Scans.Context);

        Assert.True(reading.Status == SheetStatus.Accepted, Scans.Why(reading));
        Assert.Equal([MarkValue.No, MarkValue.Yes], reading.Questions.Select(q => q.Value));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Light_pencil_is_read_right_or_sent_to_review_never_misread(int seed)
    {
        GreyImage scan = Scans.Mark(Scans.Page(200), 200, Scans.One(MarkKind.LightPencil, PaperChoice.Abstain, PaperChoice.No), Degradation.None, seed: seed);

        SheetReading reading = SheetScanner.Scan(scan, Scans.Context);

        if (reading.Status == SheetStatus.Accepted)
        {
            Assert.Equal([MarkValue.Abstain, MarkValue.No], reading.Questions.Select(q => q.Value));
        }
        else
        {
            Assert.NotEmpty(reading.Reasons);
        }
    }

    [Fact]
    public void An_unmarked_question_sends_the_sheet_to_review_as_none()
    {
        MarkKind[][] kinds = [[MarkKind.Tick, MarkKind.Blank, MarkKind.Blank], [MarkKind.Blank, MarkKind.Blank, MarkKind.Blank]];

        SheetReading reading = SheetScanner.Scan(Scans.Mark(Scans.Page(200), 200, kinds, Degradation.None), Scans.Context);

        Assert.Equal(SheetStatus.Review, reading.Status);
        Assert.Equal([MarkValue.Yes, MarkValue.None], reading.Questions.Select(q => q.Value));
        ReviewReason reason = Assert.Single(reading.Reasons);
        Assert.Equal(ReviewCodes.NoMark, reason.Code);
        Assert.StartsWith("question 2:", reason.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MarkKind.Tick, MarkKind.Cross)]
    [InlineData(MarkKind.CrossedOut, MarkKind.Tick)]
    public void Two_marks_in_one_question_are_multiple_and_reviewed(MarkKind first, MarkKind second)
    {
        MarkKind[][] kinds = [[first, second, MarkKind.Blank], [MarkKind.Tick, MarkKind.Blank, MarkKind.Blank]];

        SheetReading reading = SheetScanner.Scan(Scans.Mark(Scans.Page(200), 200, kinds, Degradation.None), Scans.Context);

        Assert.Equal(SheetStatus.Review, reading.Status);
        Assert.Equal([MarkValue.Multiple, MarkValue.Yes], reading.Questions.Select(q => q.Value));
        Assert.Contains(reading.Reasons, r => r.Code == ReviewCodes.MultipleMarks);
    }

    [Fact]
    public void An_ambiguous_short_stroke_is_uncertain_and_never_accepted()
    {
        // A firm tick for 同意 and a hesitant dash in 反对: between empty and marked.
        MarkKind[][] kinds = [[MarkKind.Tick, MarkKind.Dash, MarkKind.Blank], [MarkKind.Tick, MarkKind.Blank, MarkKind.Blank]];

        SheetReading reading = SheetScanner.Scan(Scans.Mark(Scans.Page(200), 200, kinds, Degradation.None), Scans.Context);

        Assert.Equal(SheetStatus.Review, reading.Status);
        QuestionReading first = reading.Questions[0];
        Assert.True(first.Uncertain);
        Assert.InRange(first.Densities[1], ScanThresholds.Default.Empty, ScanThresholds.Default.Marked);
        Assert.Contains(reading.Reasons, r => r.Code == ReviewCodes.UncertainMark && r.Detail.StartsWith("question 1:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_speck_of_ink_beside_a_firm_mark_does_not_count()
    {
        MarkKind[][] kinds = [[MarkKind.Speck, MarkKind.Cross, MarkKind.Blank], [MarkKind.Blank, MarkKind.Blank, MarkKind.Fill]];

        SheetReading reading = SheetScanner.Scan(Scans.Mark(Scans.Page(200), 200, kinds, Degradation.None), Scans.Context);

        Assert.True(reading.Status == SheetStatus.Accepted, Scans.Why(reading));
        Assert.Equal([MarkValue.No, MarkValue.Abstain], reading.Questions.Select(q => q.Value));
    }

    [Fact]
    public void An_unsigned_sheet_goes_to_review()
    {
        GreyImage scan = Scans.Mark(Scans.Page(200), 200, Scans.One(MarkKind.Tick, s_yesAbstain), Degradation.None, sign: false);

        SheetReading reading = SheetScanner.Scan(scan, Scans.Context);

        Assert.Equal(SheetStatus.Review, reading.Status);
        Assert.False(reading.Signature);
        Assert.Equal(ReviewCodes.NoSignature, Assert.Single(reading.Reasons).Code);
    }

    [Fact]
    public void The_matter_question_count_is_checked_when_known()
    {
        GreyImage scan = Scans.Mark(Scans.Page(200), 200, Scans.One(MarkKind.Tick, s_yesAbstain), Degradation.None);

        SheetReading reading = SheetScanner.Scan(scan, Scans.Context with { ExpectedQuestions = 3 });

        Assert.Equal(SheetStatus.Review, reading.Status);
        Assert.Equal(ReviewCodes.QuestionRows, Assert.Single(reading.Reasons).Code);
    }

    [Fact]
    public void A_refused_serial_is_never_accepted()
    {
        GreyImage scan = Scans.Mark(Scans.Page(200), 200, Scans.One(MarkKind.Tick, s_yesAbstain), Degradation.None);

        SheetReading reading = SheetScanner.Scan(scan, Scans.Context with { SerialCheck = c => c.Serial == "S1" ? "S1 was voided by a re-issue" : null });

        Assert.Equal(SheetStatus.Review, reading.Status);
        Assert.Equal(new ReviewReason(ReviewCodes.SerialRefused, "S1 was voided by a re-issue"), Assert.Single(reading.Reasons));
    }

    // Two codes of the demo lift vote, from a bounded probe of 1,200 printed sheets: their data
    // modules mimic a finder pattern, and ZXing's detector finds no code even on the blank print.
    [Theory]
    [InlineData("1bda541dfc9d6f4d1cc98515cd5241b8b944b39598e2d4fce81703c1fec0bc63", "KDLT97TDTV")]
    [InlineData("376cd845b5fa953f8a2b494b9f97b924b79393f6f364cbaa50e108aad2d98307", "88LS4QVVPV")]
    public async Task A_code_whose_data_mimics_a_finder_pattern_is_read_where_the_layout_puts_it(string keyHex, string serial)
    {
        BallotKey key = BallotKey.ParseHex(keyHex);
        var code = new BallotCode("b57-lift-2026", "57-101", serial);
        using var output = new MemoryStream();
        BallotRenderer.Render(Ballots.LiftRepair, [new BallotSheet("57", Area.FromHundredths(8950), "王**", code)], key, output);
        GreyImage page = (await PdfRasterizer.RasterizeAsync(output.ToArray(), 200, TestContext.Current.CancellationToken))[0];

        SheetReading reading = SheetScanner.Scan(page, new ScanContext("b57-lift-2026", key));
        Assert.Equal(code, reading.Code);
        Assert.DoesNotContain(reading.Reasons, r => r.Code == ReviewCodes.QrUnreadable);

        // Not by the finder search, which misses this code: by the modules where the layout puts them.
        Assert.Equal("expected/grid", QrDecoder.Decode(page, reading.PageToImage)?.Attempt);

        // Turned by 180° (the opposite corner), it is read the same way.
        GreyImage turned = new(page.Width, page.Height, [.. page.Pixels.Reverse()]);
        Assert.Equal(code, SheetScanner.Scan(turned, new ScanContext("b57-lift-2026", key)).Code);
    }
}
