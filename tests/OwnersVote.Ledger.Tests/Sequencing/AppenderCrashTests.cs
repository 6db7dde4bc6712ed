using System.Diagnostics;
using System.Globalization;
using System.Text;
using OwnersVote.Ledger.Sequencing;

namespace OwnersVote.Ledger.Tests.Sequencing;

/// <summary>
/// Kills a real appender process with SIGKILL at random moments, mid-batch, and checks that every
/// entry it acknowledged is in the recovered log exactly once and that the log verifies.
/// </summary>
public sealed class AppenderCrashTests : IDisposable
{
    private const string Origin = "crash.test/log";
    private readonly string _dir = Directory.CreateTempSubdirectory("ov-crash-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string HostPath()
    {
        string testDir = AppContext.BaseDirectory;
        string hostDir = testDir.Replace("OwnersVote.Ledger.Tests", "OwnersVote.Ledger.CrashHost", StringComparison.Ordinal);
        string dll = Path.Combine(hostDir, "OwnersVote.Ledger.CrashHost.dll");
        Assert.True(File.Exists(dll), $"crash host not built at {dll}");
        return dll;
    }

    [Fact]
    public async Task Killing_the_appender_mid_batch_loses_no_acknowledged_entry()
    {
        const int Rounds = 12;
        CancellationToken ct = TestContext.Current.CancellationToken;
        NoteKeyPair key = NoteSigner.Generate(Origin);
        var random = new Random(20261126);
        var acked = new Dictionary<long, long>(); // entry number -> index
        for (int round = 0; round < Rounds; round++)
        {
            int killAfter = random.Next(1, 600);
            using var host = new Process
            {
                StartInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
                {
                    ArgumentList = { HostPath(), _dir, key.SignerKey, Origin, (round * 1_000_000L).ToString(CultureInfo.InvariantCulture), "1000000" },
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                },
            };
            host.Start();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(TimeSpan.FromSeconds(60));
            int seen = 0;
            while (seen < killAfter && await host.StandardOutput.ReadLineAsync(deadline.Token) is string line)
            {
                string[] parts = line.Split(' ');
                Assert.Equal("ACK", parts[0]);
                acked.Add(long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
                seen++;
            }

            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync(ct);
            // Acknowledgements already written to the pipe before the kill count too.
            while (await host.StandardOutput.ReadLineAsync(ct) is string line)
            {
                string[] parts = line.Split(' ');
                if (parts[0] == "ACK")
                {
                    acked.Add(long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
                }
            }

            Assert.True(seen == killAfter, $"round {round}: host stopped after {seen} acknowledgements: {await host.StandardError.ReadToEndAsync(ct)}");
        }

        using NoteSigner signer = NoteSigner.Parse(key.SignerKey);
        await using (LogAppender recovered = await LogAppender.OpenAsync(_dir, Origin, signer, signer.Verifier, cancellationToken: ct))
        {
            Assert.True(recovered.TreeSize >= acked.Count);
        }

        var entries = new Dictionary<long, string>();
        AuditedLog log = await LogAuditor.AuditAsync(new FileTileStore(_dir), signer.Verifier, [], 0, (i, e) => entries[i] = Encoding.UTF8.GetString(e.Span), ct);
        await LogDirectory.CheckFilesAsync(_dir, log.Checkpoint.Checkpoint.Size, ct);
        foreach ((long number, long index) in acked)
        {
            Assert.Equal($"entry-{number}", entries[index]);
        }

        // Unacknowledged entries may or may not have made it, but none twice.
        Assert.Equal(entries.Count, entries.Values.Distinct(StringComparer.Ordinal).Count());
    }
}
