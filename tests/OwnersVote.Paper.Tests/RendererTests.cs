using System.Buffers.Binary;
using System.Reflection;
using System.Text;
using OwnersVote.Voting;

namespace OwnersVote.Paper.Tests;

public sealed class RendererTests
{
    [Fact]
    public async Task Renders_one_a4_page_per_sheet_with_a_subset_of_the_cjk_font_embedded()
    {
        byte[] pdf = Ballots.Pdf(Ballots.Sheet("57-101", "S1"), Ballots.Sheet("57-102", "S2"), Ballots.Sheet("57-201", "S3"));

        IReadOnlyList<GreyImage> pages = await PdfRasterizer.RasterizeAsync(pdf, 72, TestContext.Current.CancellationToken);
        Assert.Equal(3, pages.Count);
        // A4 at 72 dpi: 595 × 842 points.
        Assert.All(pages, p => Assert.Equal((595, 842), (p.Width, p.Height)));
        string text = Encoding.Latin1.GetString(pdf);
        Assert.Contains("/FontFile2", text, StringComparison.Ordinal);
        // A subset font's name carries a six-letter tag (ISO 32000-1 §9.6.4).
        Assert.Matches(@"/BaseFont\s*/[A-Z]{6}\+WenQuanYi", text);
        // The whole font is 10+ MB; the subset is a small part of it.
        Assert.True(pdf.Length < 400_000, $"{pdf.Length} bytes");
    }

    [Fact]
    public async Task Each_page_reads_back_with_its_own_unit_and_serial()
    {
        byte[] pdf = Ballots.Pdf(Ballots.Sheet("57-101", "S1"), Ballots.Sheet("57-102", "S2"));

        IReadOnlyList<GreyImage> pages = await PdfRasterizer.RasterizeAsync(pdf, 150, TestContext.Current.CancellationToken);

        Assert.Equal(
            [new BallotCode("lift-57", "57-101", "S1"), new BallotCode("lift-57", "57-102", "S2")],
            pages.Select(p => SheetScanner.Scan(p, Scans.Context).Code));
    }

    [Fact]
    public void A_matter_too_long_for_the_sheet_needs_a_notice_reference()
    {
        string longText = string.Concat(Enumerable.Repeat("施工单位经公开招标确定，工期约六十日，施工期间分梯停运，费用按各户专有部分面积分摊。", 20));
        BallotMatter withoutNotice = Ballots.LiftRepair with { Text = longText, NoticeReference = null };

        BallotLayoutException e = Assert.Throws<BallotLayoutException>(() => Ballots.Pdf(withoutNotice, Ballots.Sheet("57-101", "S1")));
        Assert.Contains("notice reference", e.Message, StringComparison.Ordinal);

        byte[] summary = Ballots.Pdf(Ballots.LiftRepair with { Text = longText }, Ballots.Sheet("57-101", "S1"));
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(summary, 0, 5), StringComparison.Ordinal);
    }

    [Fact]
    public void A_ballot_holds_one_to_six_questions_and_at_least_one_sheet()
    {
        Assert.Throws<BallotLayoutException>(() => Ballots.Pdf(Ballots.LiftRepair with { Questions = [] }, Ballots.Sheet("57-101", "S1")));
        Assert.Throws<BallotLayoutException>(() => Ballots.Pdf(Ballots.LiftRepair with { Questions = [.. Enumerable.Repeat("是否同意？", 7)] }, Ballots.Sheet("57-101", "S1")));
        Assert.Throws<BallotLayoutException>(() => Ballots.Pdf(Ballots.LiftRepair));
    }

    [Fact]
    public void The_first_face_of_the_font_collection_becomes_a_standalone_truetype_font()
    {
        byte[] ttc = File.ReadAllBytes(BallotFont.DefaultPath);
        Assert.Equal("ttcf", Encoding.ASCII.GetString(ttc, 0, 4));

        byte[] ttf = BallotFont.FromBytes(ttc, "zenhei").TrueType;

        Assert.Equal(0x00010000u, BinaryPrimitives.ReadUInt32BigEndian(ttf));
        int tables = BinaryPrimitives.ReadUInt16BigEndian(ttf.AsSpan(4));
        for (int i = 0; i < tables; i++)
        {
            int record = 12 + (16 * i);
            uint offset = BinaryPrimitives.ReadUInt32BigEndian(ttf.AsSpan(record + 8));
            uint length = BinaryPrimitives.ReadUInt32BigEndian(ttf.AsSpan(record + 12));
            Assert.True(offset + length <= ttf.Length);
        }
    }

    [Fact]
    public void A_missing_font_names_the_package_to_install()
    {
        BallotFontException e = Assert.Throws<BallotFontException>(() => BallotFont.FromFile("/nonexistent/wqy-zenhei.ttc"));
        Assert.Contains("fonts-wqy-zenhei", e.Message, StringComparison.Ordinal);
        Assert.Throws<BallotFontException>(() => BallotFont.FromBytes("not a font at all"u8.ToArray(), "x"));
    }

    [Fact]
    public void Paper_references_no_web_database_or_http_assembly()
    {
        string[] forbidden = ["Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "System.Net.Http"];
        AssemblyName[] references = Assembly.Load("OwnersVote.Paper").GetReferencedAssemblies();
        Assert.DoesNotContain(references, r => forbidden.Any(f => r.Name!.StartsWith(f, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_long_owner_line_stops_at_the_header_and_leaves_the_qr_code_untouched()
    {
        // The server prints a 64-digit registration number as the owner.
        var code = new BallotCode("lift-57", "57-101", "S1");
        BallotSheet hashed = new("57", Area.FromHundredths(8950), "登记编号 " + new string('e', 64), code);
        BallotSheet shortOwner = hashed with { Owner = "王**" };

        IReadOnlyList<GreyImage> pages = await PdfRasterizer.RasterizeAsync(Ballots.Pdf(hashed, shortOwner), 150, TestContext.Current.CancellationToken);

        // The QR area with its quiet zone is the same pixels whatever the owner line says.
        double perMm = 150 / 25.4;
        MmRect qr = BallotLayout.Qr;
        int x0 = (int)(qr.X * perMm), x1 = (int)Math.Ceiling(qr.Right * perMm), y0 = (int)(qr.Y * perMm), y1 = (int)Math.Ceiling(qr.Bottom * perMm);
        for (int y = y0; y < y1; y++)
        {
            for (int x = x0; x < x1; x++)
            {
                Assert.True(pages[0].At(x, y) == pages[1].At(x, y), $"pixel ({x}, {y}) differs");
            }
        }

        // And the line was cut, not dropped: ink runs up to the header's right edge.
        int row = (int)((BallotLayout.Header.Y + 23) * perMm);
        int edge = (int)(BallotLayout.Header.Right * perMm);
        Assert.Contains(Enumerable.Range(edge - (int)(10 * perMm), (int)(10 * perMm)), x => Enumerable.Range(row - 8, 16).Any(y => pages[0].At(x, y) < 128));
    }
}
