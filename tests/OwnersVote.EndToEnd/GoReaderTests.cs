using OwnersVote.Ledger;
using OwnersVote.Ledger.Tests;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Issue 4: "the log endpoints verify with an independent tlog-tiles reader". Go's reference tlog
/// code (golang.org/x/mod/sumdb, interop/tilesread/main.go) reads the demo server's /log over HTTP:
/// checkpoint signature with /log/key, every hash tile against the root, every entry against its leaf.
/// </summary>
public sealed class GoReaderTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Go_reference_tlog_code_verifies_the_served_log_after_ballots_were_cast()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        string work = Directory.CreateTempSubdirectory("ov-e2e-go-").FullName;
        try
        {
            using HttpClient client = app.CreateApiClient();
            string output = await GoProgram.RunAsync("tilesread", work, [app.BaseUrl], cancel);

            Checkpoint served = Checkpoint.Parse(Note.Parse(await client.GetByteArrayAsync("/log/checkpoint", cancel)).Text);
            Assert.Equal($"OK {served.Size} {served.Root.ToBase64()}\n", output);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
