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

    [Fact]
    public void An_image_whose_header_claims_more_than_the_largest_page_is_refused_before_decoding()
    {
        // A PNG signature and an IHDR chunk for 10,000 × 10,000 grey pixels (100 M > MaxPixels),
        // an empty zlib stream as its only data, each chunk with its CRC (PNG spec §5.3).
        byte[] ihdr = [.. "IHDR"u8, 0, 0, 0x27, 0x10, 0, 0, 0x27, 0x10, 8, 0, 0, 0, 0];
        byte[] idat = [.. "IDAT"u8, 0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01];
        byte[] iend = [.. "IEND"u8];
        byte[] png =
        [
            0x89, .. "PNG\r\n\u001a\n"u8,
            0, 0, 0, 13, .. ihdr, .. BigEndian(Crc32(ihdr)),
            0, 0, 0, 8, .. idat, .. BigEndian(Crc32(idat)),
            0, 0, 0, 0, .. iend, .. BigEndian(Crc32(iend)),
        ];

        UnreadableScanException e = Assert.Throws<UnreadableScanException>(() => ScanDecoder.Decode(png));

        Assert.Contains("10000×10000", e.Message, StringComparison.Ordinal);
    }

    private static uint Crc32(byte[] bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    private static byte[] BigEndian(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
}
