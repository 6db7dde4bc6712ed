using System.Diagnostics;

namespace OwnersVote.Ledger.Tests;

/// <summary>
/// Runs one of the Go programs under interop/ with Go 1.19 and Debian's golang.org/x/mod 0.7.0
/// (installed by scripts/install-test-deps.sh), in GOPATH mode with a private build cache. The
/// interop tests fail, never skip, when Go is missing.
/// </summary>
internal static class GoProgram
{
    /// <summary>Runs <c>interop/&lt;program&gt;/main.go</c> with <paramref name="args"/>; returns stdout.</summary>
    public static async Task<string> RunAsync(string program, string work, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        string? go = new[] { "/usr/bin/go", "/usr/local/go/bin/go", "/usr/lib/go/bin/go" }.FirstOrDefault(File.Exists);
        Assert.True(go is not null, "Go is not installed: run scripts/install-test-deps.sh (Go 1.19 and golang-golang-x-mod-dev).");
        var start = new ProcessStartInfo(go, ["run", "main.go", .. args])
        {
            WorkingDirectory = Path.Combine(AppContext.BaseDirectory, "interop", program),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["GO111MODULE"] = "off";
        start.Environment["GOPATH"] = "/usr/share/gocode";
        start.Environment["GOCACHE"] = Path.Combine(work, "gocache");
        start.Environment["GOFLAGS"] = "";
        start.Environment["HOME"] = work;

        using Process process = Process.Start(start)!; // Start returns null only for shell-executed documents.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        Task<string> output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        Task<string> error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        string stdout = await output;
        string stderr = await error;
        Assert.True(process.ExitCode == 0, $"go run {program}/main.go failed ({process.ExitCode}): {stderr}");
        return stdout;
    }
}
