using System.Globalization;
using Process = System.Diagnostics.Process;
using ProcessStartInfo = System.Diagnostics.ProcessStartInfo;

namespace OwnersVote.EndToEnd;

/// <summary><c>dotnet ov.dll witness</c>: a separate process, its stdout lines collected as they come.</summary>
internal sealed class WitnessProcess
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Task _reader;

    private WitnessProcess(Process process)
    {
        _process = process;
        _reader = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is string line)
            {
                lock (_lines)
                {
                    _lines.Add(line);
                }
            }
        });
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>The witness logs a request after answering it: wait (30 s at most) for its line.</summary>
    public async Task WaitForLineAsync(Func<string, bool> match)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (!Lines.Any(match))
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    public static async Task<WitnessProcess> StartAsync(string keyFile, int port, string state, string log)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in (string[])[Path.Combine(AppContext.BaseDirectory, "ov.dll"), "witness", "--port", port.ToString(CultureInfo.InvariantCulture), "--key", keyFile, "--state", state, "--log", log])
        {
            start.ArgumentList.Add(arg);
        }

        var witness = new WitnessProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (!witness.Lines.Any(l => l.StartsWith("log: ", StringComparison.Ordinal)))
        {
            if (witness._process.HasExited)
            {
                throw new InvalidOperationException($"ov witness exited {witness._process.ExitCode}: {await witness._process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken)}");
            }

            await Task.Delay(50, deadline.Token);
        }

        return witness;
    }

    /// <summary>SIGTERM, as an operator stops it; it finishes requests in flight and exits 0.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (Process kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        finally
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        await _reader;
        Assert.Equal(0, _process.ExitCode);
    }
}
