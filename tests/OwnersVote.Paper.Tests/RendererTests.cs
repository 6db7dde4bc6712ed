namespace OwnersVote.Paper.Tests;

public sealed class RendererTests
{
    [Fact]
    public void Renders_one_a4_page_per_sheet_with_the_font_embedded()
    {
        byte[] pdf = Ballots.Pdf(Ballots.Sheet("57-101", "S1"), Ballots.Sheet("57-102", "S2"));
        File.WriteAllBytes("/tmp/ballot-test.pdf", pdf);
        Assert.True(pdf.Length > 1000);
    }
}
