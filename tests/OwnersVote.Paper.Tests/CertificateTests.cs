namespace OwnersVote.Paper.Tests;

public sealed class CertificateTests
{
    private static CertificateContent Content(int sections) => new(
        "业主大会表决结果证明",
        [.. Enumerable.Range(1, sections).Select(i => new CertificateSection($"第{i}项", "参与表决：面积 1234.56 平方米，需 1000.00 平方米"))],
        "localhost/log\n177\nAAAA\n",
        "http://localhost:5000/votes/ev-charging-2025/result?checkpoint=177",
        "扫码核验本结果");

    [Fact]
    public void Certificate_is_a_one_page_pdf_with_the_text_embedded()
    {
        using var pdf = new MemoryStream();
        ResultCertificate.Render(Content(6), pdf);
        string raw = System.Text.Encoding.Latin1.GetString(pdf.ToArray());
        Assert.StartsWith("%PDF-", raw, StringComparison.Ordinal);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(raw, @"/Type\s*/Page[^s]"));
    }

    [Fact]
    public void Certificate_whose_text_does_not_fit_one_page_is_refused()
    {
        using var pdf = new MemoryStream();
        BallotLayoutException e = Assert.Throws<BallotLayoutException>(() => ResultCertificate.Render(Content(80), pdf));
        Assert.Contains("certificate needs", e.Message, StringComparison.Ordinal);
    }
}
