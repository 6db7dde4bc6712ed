namespace OwnersVote.Paper.Tests;

public sealed class InvitationLetterTests
{
    private static InvitationLetterContent Letter(string code, int paragraphs = 5) => new(
        "景城品雅苑 业主投票邀请函",
        [.. Enumerable.Range(1, paragraphs).Select(i => $"第 {i} 段：请用手机打开登录页，输入下面的一次性邀请码，然后设置通行密钥。")],
        code,
        $"http://localhost:5000/signin?code={code}",
        "扫码登录",
        "邀请函编号 0123456789abcdef");

    [Fact]
    public async Task Each_letter_is_one_page_whose_QR_code_reads_back_as_its_sign_in_address()
    {
        using var pdf = new MemoryStream();
        InvitationLetterSheet.Render([Letter("K7QM-3XHP"), Letter("ABCD-EFGH")], pdf);

        IReadOnlyList<GreyImage> pages = await PdfRasterizer.RasterizeAsync(pdf.ToArray(), 150, TestContext.Current.CancellationToken);
        Assert.Equal(2, pages.Count);
        Assert.Equal("http://localhost:5000/signin?code=K7QM-3XHP", QrDecoder.Decode(pages[0], null)?.Text);
        Assert.Equal("http://localhost:5000/signin?code=ABCD-EFGH", QrDecoder.Decode(pages[1], null)?.Text);
    }

    [Fact]
    public void No_letters_and_a_letter_that_overflows_its_page_are_refused()
    {
        using var pdf = new MemoryStream();
        Assert.Throws<ArgumentException>(() => InvitationLetterSheet.Render([], pdf));
        BallotLayoutException e = Assert.Throws<BallotLayoutException>(() => InvitationLetterSheet.Render([Letter("K7QM-3XHP", 60)], pdf));
        Assert.Contains("letter needs", e.Message, StringComparison.Ordinal);
    }
}
