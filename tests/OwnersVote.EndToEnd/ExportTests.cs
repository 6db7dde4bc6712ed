using System.Net;
using System.Text;
using OwnersVote.Paper;
using OwnersVote.Voting;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Features.SignIn;
using OwnersVote.Web.Spreadsheets;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Issue 7 part 8: result tables and the participation roll downloaded as .xlsx, .csv and .pdf and
/// read back — the xlsx with XlsxTable, the csv with the strict RFC 4180 reader, the PDF rasterised.
/// </summary>
public sealed class ExportTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Closed = DemoSeeder.ChargingVoteId;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Result_tables_download_as_xlsx_csv_and_pdf_with_the_same_counts()
    {
        using HttpClient api = app.CreateApiClient();
        System.Text.Json.JsonElement result = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(api, $"/api/votes/{Closed}/result", Cancel);
        string yesArea = result.GetProperty("yes").GetProperty("area").GetString()!;
        long yesHeads = result.GetProperty("yes").GetProperty("heads").GetInt64();

        byte[] xlsx = await api.GetByteArrayAsync($"/votes/{Closed}/export/result.xlsx", Cancel);
        IReadOnlyList<SheetRow> rows = XlsxTable.Read(new MemoryStream(xlsx), "result.xlsx");
        SheetRow yes = rows.Single(r => r[0]?.Text == "同意");
        Assert.Equal(yesArea, yes[1]!.Text);
        Assert.Equal(yesHeads.ToString(System.Globalization.CultureInfo.InvariantCulture), yes[2]!.Text);

        byte[] csv = await api.GetByteArrayAsync($"/votes/{Closed}/export/result.csv", Cancel);
        IReadOnlyList<CsvRecord> records = CsvReader.ReadAll(csv);
        Assert.Equal(["类别", "面积（平方米）", "户数"], records[0].Fields);
        Assert.Equal(["同意", yesArea, yes[2]!.Text], records.Single(r => r.Fields[0] == "同意").Fields);

        byte[] pdf = await api.GetByteArrayAsync($"/votes/{Closed}/export/result.pdf", Cancel);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
        Assert.NotEmpty(await PdfRasterizer.RasterizeAsync(pdf, 50, Cancel));
    }

    [Fact]
    public async Task The_participation_roll_says_who_voted_and_by_which_channel_never_how_and_only_once_closed()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(app.BaseUrl) };
        string auditor = "ov-session=" + SessionCookies.Value(app, new OwnerSession(DemoSeeder.CompoundId, "auditor", null));

        using HttpResponseMessage open = await GetAsync(client, $"/votes/{DemoSeeder.LiftVoteId}/export/participation.csv", auditor);
        Assert.Equal(HttpStatusCode.Conflict, open.StatusCode);
        using HttpResponseMessage anonymous = await GetAsync(client, $"/votes/{Closed}/export/participation.csv", null);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);

        using HttpResponseMessage csvResponse = await GetAsync(client, $"/votes/{Closed}/export/participation.csv", auditor);
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        IReadOnlyList<CsvRecord> records = CsvReader.ReadAll(await csvResponse.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(["房号", "楼栋", "面积（平方米）", "面积来源", "是否参与", "渠道"], records[0].Fields);
        Assert.Contains(records, r => r.Fields[4] == "是" && r.Fields[5] == "网上投票");
        Assert.Contains(records, r => r.Fields[4] == "否" && r.Fields[5] == "");
        string all = string.Join('\n', records.Select(r => string.Join(',', r.Fields)));
        Assert.DoesNotContain("同意", all, StringComparison.Ordinal);
        Assert.DoesNotContain("反对", all, StringComparison.Ordinal);

        using HttpResponseMessage xlsxResponse = await GetAsync(client, $"/votes/{Closed}/export/participation.xlsx", auditor);
        IReadOnlyList<SheetRow> rows = XlsxTable.Read(new MemoryStream(await xlsxResponse.Content.ReadAsByteArrayAsync(Cancel)), "participation.xlsx");
        Assert.Equal(records.Count, rows.Count);

        using HttpResponseMessage pdfResponse = await GetAsync(client, $"/votes/{Closed}/export/participation.pdf", auditor);
        byte[] pdf = await pdfResponse.Content.ReadAsByteArrayAsync(Cancel);
        // Every unit of the compound on rows of 6 mm: more than one A4 page.
        Assert.True((await PdfRasterizer.RasterizeAsync(pdf, 50, Cancel)).Count >= 2);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await client.SendAsync(request, Cancel);
    }
}
