using System.Text;
using OwnersVote.Ledger.Sequencing;

namespace OwnersVote.Ledger.Tests;

/// <summary>
/// A log directory written entirely by Go's reference code (interop/tilesdir/main.go:
/// golang.org/x/mod/sumdb/tlog tiles, sumdb/note checkpoint) reads back, verifies, and can be
/// continued by our appender with the same key.
/// </summary>
public sealed class GoTilesDirectoryInteropTests : IDisposable
{
    private const string Origin = "go.test/log";
    private const int Size = 1000;
    private readonly string _work = Directory.CreateTempSubdirectory("ov-go-dir-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task A_log_directory_written_by_go_verifies_and_our_appender_continues_it()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string dir = Path.Combine(_work, "log");
        string[] go = await RunGoAsync(dir, ct);
        string signerKey = go[0], verifierKey = go[1], root = go[2];
        NoteVerifier verifier = NoteVerifier.Parse(verifierKey);

        var entries = new List<string>();
        AuditedLog log = await LogAuditor.AuditAsync(new FileTileStore(dir), verifier, [], 0, (_, e) => entries.Add(Encoding.UTF8.GetString(e.Span)), ct);
        Assert.Equal(Size, log.Checkpoint.Checkpoint.Size);
        Assert.Equal(root, log.Checkpoint.Checkpoint.Root.ToBase64());
        Assert.Equal(Enumerable.Range(0, Size).Select(i => $"go entry {i}"), entries);
        // Go also wrote every earlier partial tile; each must be a prefix of the current one.
        await LogDirectory.CheckFilesAsync(dir, Size, ct);

        using NoteSigner signer = NoteSigner.Parse(signerKey);
        await using (LogAppender appender = await LogAppender.OpenAsync(dir, Origin, signer, verifier, cancellationToken: ct))
        {
            Assert.Equal(Size, appender.TreeSize);
            await Task.WhenAll(Enumerable.Range(Size, 300).Select(i => appender.AppendAsync(Encoding.UTF8.GetBytes($"our entry {i}"), ct)));
        }

        entries.Clear();
        AuditedLog continued = await LogAuditor.AuditAsync(new FileTileStore(dir), verifier, [], 0, (_, e) => entries.Add(Encoding.UTF8.GetString(e.Span)), ct);
        Assert.Equal(Size + 300, continued.Checkpoint.Checkpoint.Size);
        Assert.Equal(Enumerable.Range(0, Size).Select(i => $"go entry {i}"), entries.Take(Size));
        await LogDirectory.CheckFilesAsync(dir, Size + 300, ct);
    }

    private async Task<string[]> RunGoAsync(string dir, CancellationToken ct) =>
        (await GoProgram.RunAsync("tilesdir", _work, [dir, Size.ToString(System.Globalization.CultureInfo.InvariantCulture), Origin], ct))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
