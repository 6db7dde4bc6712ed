using System.Diagnostics;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Issue 10: the real server as a child process is killed with SIGKILL 20 times at random moments
/// while owners cast ballots; every ballot that got a receipt must be in the log and counted, the
/// log must verify, and the projections must rebuild identically (bench/OwnersVote.LoadTest,
/// <c>crash</c> mode, which checks all of it and prints "crash test passed"). Bounded: the run
/// stops itself after 8 minutes, and this test waits at most 9.
/// </summary>
public sealed class CrashTests
{
    [Fact]
    public async Task Twenty_kill_9s_while_ballots_arrive_lose_no_receipted_ballot()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "OwnersVote.LoadTest.dll"), "crash", "--owners", "40", "--kills", "20", "--concurrency", "8" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!; // Process.Start returns null only for a reused shell process.
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(9));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        string output = await stdout;
        TestContext.Current.SendDiagnosticMessage(output);
        Assert.True(process.ExitCode == 0, output + await stderr);
        Assert.Contains("20 kills in", output, StringComparison.Ordinal);
        Assert.Contains("receipted ballots missing from the log: 0", output, StringComparison.Ordinal);
        Assert.Contains("crash test passed", output, StringComparison.Ordinal);
    }
}
