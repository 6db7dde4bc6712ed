namespace OwnersVote.Paper.Tests;

/// <summary>Forged, altered and foreign ballots are refused however clearly they are marked.</summary>
public sealed class RefusalTests
{
    private static readonly MarkKind[][] s_clear = Scans.One(MarkKind.Cross, PaperChoice.Yes, PaperChoice.Yes);

    [Fact]
    public void A_ballot_printed_with_another_key_is_refused_as_forged()
    {
        BallotKey forger = BallotKey.ParseHex("ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100");
        GreyImage scan = Scans.Mark(Scans.Page(200, forger), 200, s_clear, Degradation.None);

        SheetReading reading = SheetScanner.Scan(scan, Scans.Context);

        Assert.Equal(SheetStatus.Review, reading.Status);
        Assert.Null(reading.Code);
        Assert.Contains(reading.Reasons, r => r.Code == ReviewCodes.MacMismatch);
    }

    [Fact]
    public void An_authentic_ballot_of_another_vote_is_refused()
    {
        GreyImage scan = Scans.Mark(Scans.Page(200, vote: "door-57"), 200, s_clear, Degradation.None);

        SheetReading reading = SheetScanner.Scan(scan, Scans.Context);

        Assert.Equal(SheetStatus.Review, reading.Status);
        Assert.Equal("door-57", reading.Code!.VoteId);
        Assert.Contains(reading.Reasons, r => r.Code == ReviewCodes.WrongVote);
    }

    [Fact]
    public void A_sheet_whose_qr_is_destroyed_is_never_accepted()
    {
        GreyImage page = Scans.Page(200);
        byte[] pixels = (byte[])page.Pixels.Clone();
        double pxPerMm = 200 / 25.4;
        MmRect qr = BallotLayout.Qr;
        // Ink over the middle of the code, as a spill would.
        for (int y = (int)((qr.Y + 10) * pxPerMm); y < (int)((qr.Y + 26) * pxPerMm); y++)
        {
            for (int x = (int)((qr.X + 6) * pxPerMm); x < (int)((qr.X + 30) * pxPerMm); x++)
            {
                pixels[(y * page.Width) + x] = 20;
            }
        }

        GreyImage scan = Scans.Mark(new GreyImage(page.Width, page.Height, pixels), 200, s_clear, Degradation.None);

        SheetReading reading = SheetScanner.Scan(scan, Scans.Context);

        Assert.Equal(SheetStatus.Review, reading.Status);
        Assert.Null(reading.Code);
        Assert.Contains(reading.Reasons, r => r.Code == ReviewCodes.QrUnreadable);
    }

    [Fact]
    public void A_sheet_with_a_corner_cut_off_goes_to_review()
    {
        GreyImage page = Scans.Page(200);
        byte[] pixels = (byte[])page.Pixels.Clone();
        int cut = (int)(25 * 200 / 25.4);
        for (int y = page.Height - cut; y < page.Height; y++)
        {
            Array.Fill(pixels, (byte)255, (y * page.Width) + page.Width - cut, cut);
        }

        GreyImage scan = Scans.Mark(new GreyImage(page.Width, page.Height, pixels), 200, s_clear, Degradation.None);

        SheetReading reading = SheetScanner.Scan(scan, Scans.Context);

        Assert.Equal(SheetStatus.Review, reading.Status);
        Assert.Empty(reading.Questions);
        Assert.Contains(reading.Reasons, r => r.Code == ReviewCodes.CornersNotFound);
    }

    [Fact]
    public void A_sheet_stretched_more_than_two_percent_one_way_goes_to_review()
    {
        GreyImage page = Scans.Page(200);
        // Squeeze the height by 4%: each output row samples a row 4% further down.
        byte[] pixels = new byte[page.Pixels.Length];
        Array.Fill(pixels, (byte)250);
        for (int y = 0; y < page.Height; y++)
        {
            int source = (int)(y * 1.04);
            if (source < page.Height)
            {
                Array.Copy(page.Pixels, source * page.Width, pixels, y * page.Width, page.Width);
            }
        }

        GreyImage scan = Scans.Mark(new GreyImage(page.Width, page.Height, pixels), 200, [], Degradation.None);

        SheetReading reading = SheetScanner.Scan(scan, Scans.Context);

        Assert.Equal(SheetStatus.Review, reading.Status);
        Assert.Contains(reading.Reasons, r => r.Code == ReviewCodes.ScaleOff);
    }
}
