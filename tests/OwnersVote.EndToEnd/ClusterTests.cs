using System.Diagnostics;

namespace OwnersVote.EndToEnd;

/// <summary>
/// Issue 8 §2: three real servers (child processes on loopback ports) share one PostgreSQL started
/// here and one log directory; owners sign in on one node and vote through another while the
/// sequencer's node is killed with SIGKILL. bench/OwnersVote.LoadTest's <c>cluster</c> mode does
/// the run and the checks (another node takes the advisory lock; every receipted ballot is in the
/// log and counted once; no entry appended twice; the queue drains; every node serves the same
/// checkpoint; the tables count what a recount counts) and prints "cluster test passed". Bounded:
/// the run stops itself after 10 minutes, and this test waits at most 8.
/// </summary>
public sealed class ClusterTests
{
    [Fact]
    public async Task Three_nodes_lose_no_receipted_ballot_and_count_none_twice_when_the_sequencer_is_killed()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        await using PostgresServer postgres = await PostgresServer.StartAsync(cancel);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "OwnersVote.LoadTest.dll"), "cluster",
            "--provider", "Postgres", "--connection", postgres.ConnectionString("ownersvote_cluster"),
            "--nodes", "3", "--owners", "30", "--concurrency", "8", "--kill-leader", "yes",
        })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!; // Process.Start returns null only for a reused shell process.
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancel);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancel);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(TimeSpan.FromMinutes(8));
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
        Assert.Matches(@"killed the sequencer node-\d \(kill -9\)", output);
        Assert.Matches(@"sequencer after the kill: node-\d", output);
        Assert.Contains("restarted and ready as a follower", output, StringComparison.Ordinal);
        Assert.Contains("entries appended twice: 0", output, StringComparison.Ordinal);
        Assert.Contains("receipted ballots missing from the log: 0", output, StringComparison.Ordinal);
        Assert.Contains("principals counted twice: 0", output, StringComparison.Ordinal);
        Assert.Contains("every node serves the same checkpoint: True", output, StringComparison.Ordinal);
        Assert.Contains("cluster test passed", output, StringComparison.Ordinal);
    }
}
