using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using OwnersVote.Paper;
using OwnersVote.Web.Demo;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace OwnersVote.EndToEnd;

/// <summary>
/// The result certificate for the notice board (issue 7 item 5): downloaded from the result page,
/// rasterised with pdftoppm, its QR code read with ZXing.Net, and the address it carries opened.
/// </summary>
public sealed class CertificateTests(SqliteApp app, Browser browser) : IClassFixture<SqliteApp>
{
    private const string ClosedVote = DemoSeeder.ChargingVoteId;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Certificate_QR_opens_the_result_page_that_confirms_its_checkpoint()
    {
        using HttpClient api = app.CreateApiClient();
        JsonElement result = await api.GetFromJsonAsync<JsonElement>($"/api/votes/{ClosedVote}/result", Cancel);
        long treeSize = result.GetProperty("publishedInLog").GetProperty("treeSize").GetInt64();

        IPage page = await browser.NewPageAsync(360, 800);
        await page.GotoAsync($"{app.BaseUrl}/votes/{ClosedVote}/result");
        string? href = await page.GetByTestId("certificate").GetAttributeAsync("href");
        Assert.Equal($"/votes/{ClosedVote}/certificate.pdf", href);

        using HttpResponseMessage response = await api.GetAsync(href, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        byte[] pdf = await response.Content.ReadAsByteArrayAsync(Cancel);

        IReadOnlyList<GreyImage> pages = await PdfRasterizer.RasterizeAsync(pdf, 200, Cancel);
        GreyImage image = Assert.Single(pages);
        var hints = new Dictionary<DecodeHintType, object>
        {
            [DecodeHintType.POSSIBLE_FORMATS] = new List<BarcodeFormat> { BarcodeFormat.QR_CODE },
            [DecodeHintType.TRY_HARDER] = true,
        };
        var source = new PlanarYUVLuminanceSource(image.Pixels, image.Width, image.Height, 0, 0, image.Width, image.Height, false);
        ZXing.Result? qr = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints);
        Assert.NotNull(qr);
        string expected = $"{app.BaseUrl}/votes/{ClosedVote}/result?checkpoint={treeSize}";
        Assert.Equal(expected, qr.Text);

        await page.GotoAsync(qr.Text);
        string check = await page.GetByTestId("checkpoint-check").InnerTextAsync();
        Assert.Contains($"日志前 {treeSize} 条", check);
        Assert.Contains("与本站公布的计票结果一致", check);

        // A checkpoint that is not the tally's is called out.
        await page.GotoAsync($"{app.BaseUrl}/votes/{ClosedVote}/result?checkpoint={treeSize + 1}");
        Assert.Contains("不一致", await page.GetByTestId("checkpoint-check").InnerTextAsync());
    }

    [Fact]
    public async Task Certificate_text_carries_both_counts_the_rule_the_outcome_and_the_checkpoint()
    {
        using HttpClient api = app.CreateApiClient();
        JsonElement result = await api.GetFromJsonAsync<JsonElement>($"/api/votes/{ClosedVote}/result", Cancel);
        byte[] pdf = await api.GetByteArrayAsync($"/votes/{ClosedVote}/certificate.pdf", Cancel);
        string text = await PdfTextAsync(pdf);
        // pdftotext may break lines anywhere the layout wraps; compare without whitespace.
        string flat = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

        foreach (string part in new[] { "quorum", "yesThreshold" })
        {
            JsonElement have = result.GetProperty(part).GetProperty("have");
            JsonElement required = result.GetProperty(part).GetProperty("required");
            Assert.Contains($"{have.GetProperty("area").GetString()}平方米，需{required.GetProperty("area").GetString()}平方米", flat);
            Assert.Contains($"{have.GetProperty("heads").GetInt64()}户，需{required.GetProperty("heads").GetInt64()}户", flat);
        }

        Assert.Contains("业主大会表决结果证明", flat);
        Assert.Contains("第二百七十八条", flat);
        Assert.Contains(result.GetProperty("passing").GetBoolean() ? "已通过" : "未通过", flat);
        JsonElement tree = result.GetProperty("publishedInLog");
        Assert.Contains(tree.GetProperty("rootHash").GetString()!, flat);
        Assert.Contains($"日志前{tree.GetProperty("treeSize").GetInt64()}条", flat);
        // The demo's two witnesses (业委会, 居委会) cosigned the served checkpoint.
        Assert.Contains("联署", flat);
        Assert.Contains("业委会", flat);
        Assert.Contains("居委会", flat);
    }

    [Fact]
    public async Task An_open_vote_has_no_certificate()
    {
        using HttpClient api = app.CreateApiClient();
        using HttpResponseMessage response = await api.GetAsync("/votes/b57-lift-2026/certificate.pdf", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>The PDF's text as pdftotext reads it.</summary>
    internal static async Task<string> PdfTextAsync(byte[] pdf)
    {
        string file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, pdf, Cancel);
            var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add(file);
            start.ArgumentList.Add("-");
            using Process process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext did not start");
            string text = await process.StandardOutput.ReadToEndAsync(Cancel);
            await process.WaitForExitAsync(Cancel);
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
