using System.Diagnostics;
using System.Text;
using OwnersVote.Ledger;
using OwnersVote.Ledger.Http;

namespace OwnersVote.Cli.Tests;

/// <summary>The real <c>ov witness</c> process: it serves until a signal, then stops cleanly.</summary>
public sealed class WitnessProcessTests : IDisposable
{
    private const string Origin = "vote.example.cn/log";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task The_witness_process_cosigns_and_stops_cleanly_on_a_signal(string signal)
    {
        CancellationToken token = TestContext.Current.CancellationToken;
        using NoteSigner log = NoteSigner.Parse(NoteSigner.Generate(Origin).SignerKey);
        string key = Path.Combine(_temp.Path, "w.key");
        Assert.Equal(0, OvRun.Of("keygen", "--type", "cosignature", "--name", "w1", "--out", key).ExitCode);
        string dir = Path.Combine(_temp.Path, "log");
        byte[] checkpoint = await TestLogs.AppendAsync(dir, Origin, log, [Encoding.UTF8.GetBytes("one")], token);

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in (string[])[Path.Combine(AppContext.BaseDirectory, "ov.dll"), "witness", "--port", "0", "--key", key, "--log", $"{Origin}={log.VerifierKey}", "--state", Path.Combine(_temp.Path, "state")])
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(token);
            deadline.CancelAfter(TimeSpan.FromSeconds(60));
            var lines = new List<string>();
            string? line;
            while ((line = await process.StandardOutput.ReadLineAsync(deadline.Token)) is not null && !line.StartsWith("log: ", StringComparison.Ordinal))
            {
                lines.Add(line);
            }

            string listening = Assert.Single(lines, l => l.StartsWith("ov witness: listening on ", StringComparison.Ordinal));
            var url = new Uri(listening.Split(' ')[4]);
            var witnessKey = CosignatureVerifier.Parse(Assert.Single(lines, l => l.StartsWith("verifier key: ", StringComparison.Ordinal))["verifier key: ".Length..]);

            using var transport = new HttpWitnessTransport();
            WitnessedCheckpoint cosigned = await new WitnessClient(transport, [new WitnessEndpoint(url, witnessKey)], 1, TimeSpan.FromSeconds(20))
                .CosignAsync(checkpoint, TestLogs.ProveFrom(dir, 1), deadline.Token);
            Assert.Equal(["w1"], cosigned.Cosigners);

            using (Process kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(deadline.Token);
            }

            string rest = await process.StandardOutput.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("add-checkpoint 'vote.example.cn/log' old 0 size 1: 200 cosigned", rest, StringComparison.Ordinal);
            Assert.EndsWith("ov witness: stopped\n", rest, StringComparison.Ordinal);
            Assert.Equal("", await process.StandardError.ReadToEndAsync(deadline.Token));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
