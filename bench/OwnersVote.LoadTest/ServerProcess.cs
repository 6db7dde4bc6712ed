using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OwnersVote.LoadTest;

/// <summary>
/// The real web server (OwnersVote.Web.dll) as a child process on a loopback port, with its log,
/// keys and database under one data folder, the demo and <c>owners</c> synthetic owners seeded;
/// or (<see cref="Ceiling"/>) the bare ballot server of <c>ceiling</c>. Start waits for
/// <c>/readyz</c>; <see cref="Kill"/> is <c>kill -9</c>.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly string _dataFolder;
    private readonly int _port;
    private readonly string _entry;
    private readonly IReadOnlyList<string> _arguments;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private Process? _process;

    public ServerProcess(string dataFolder, int port, string provider, string connectionString, int owners, IReadOnlyDictionary<string, string>? settings = null)
        : this(dataFolder, port, "OwnersVote.Web.dll", [], WebEnvironment(dataFolder, $"http://localhost:{port}", provider, connectionString, owners, settings))
    {
    }

    private ServerProcess(string dataFolder, int port, string entry, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        _dataFolder = dataFolder;
        _port = port;
        _entry = entry;
        _arguments = arguments;
        _environment = environment;
        BaseUrl = $"http://localhost:{port}";
    }

    /// <summary>
    /// The <c>ceiling-server</c> mode of this load tool's own binary (<see cref="CeilingServer"/>),
    /// with the real server's garbage collector: OwnersVote.Web's runtimeconfig sets
    /// <c>System.GC.Server</c> (the Web SDK's default), this binary's does not, so the child is told.
    /// </summary>
    public static ServerProcess Ceiling(string folder, int port) =>
        new(folder, port, "OwnersVote.LoadTest.dll", ["ceiling-server"], new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" });

    public string BaseUrl { get; }

    public string CodesFile => Path.Combine(_dataFolder, "synthetic-codes.txt");

    public string LogDirectory => Path.Combine(_dataFolder, "log");

    public bool HasExited => _process is null || _process.HasExited;

    /// <summary>The server's process id (for a profiler), or 0 before it starts.</summary>
    public int ProcessId => _process?.Id ?? 0;

    /// <summary>
    /// CPU time the server has used so far (user + system, from <c>/proc/PID/stat</c>), so a run can
    /// state the server's CPU per ballot: steadier than a rate on a shared machine.
    /// </summary>
    public TimeSpan CpuTime()
    {
        if (_process is null)
        {
            return TimeSpan.Zero;
        }

        // proc(5): fields 14 and 15 (utime, stime) in clock ticks, after the parenthesised name.
        string stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the server and waits (at most <paramref name="timeout"/>) until it is ready.</summary>
    public async Task StartAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dataFolder };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, _entry));
        foreach (string argument in _arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add($"--urls={BaseUrl}");

        foreach ((string key, string value) in _environment)
        {
            info.Environment[key] = value;
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("cannot start dotnet");
        // Warnings and errors the server logs (console formatter: "warn: Category[id]" then indented
        // lines) are passed on; information is dropped.
        bool forwarding = false;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { Length: > 0 } line)
            {
                return;
            }

            forwarding = line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal)
                || (forwarding && line.StartsWith(' '));
            if (forwarding)
            {
                Console.Error.WriteLine($"server {_port}: {line}");
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine($"server: {line}");
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        long start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start) < timeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {_process.ExitCode} before it was ready");
            }

            try
            {
                using HttpResponseMessage ready = await client.GetAsync(new Uri(BaseUrl + "/readyz"), cancellationToken);
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Listening but slow to answer (a loaded machine): ask again, within the timeout.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"the server was not ready within {timeout}");
    }

    private static Dictionary<string, string> WebEnvironment(string dataFolder, string baseUrl, string provider, string connectionString, int owners, IReadOnlyDictionary<string, string>? settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = provider,
            ["ConnectionStrings__Default"] = connectionString,
            ["Demo__Seed"] = "true",
            ["Demo__PrintAccounts"] = "false",
            ["Demo__PublicUrl"] = baseUrl,
            ["Demo__CompoundKeyFile"] = Path.Combine(dataFolder, "demo-compound.key"),
            ["Demo__Synthetic__Owners"] = owners.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Demo__Synthetic__CodesFile"] = Path.Combine(dataFolder, "synthetic-codes.txt"),
            // The synthetic owners vote right after enrolling: no cooling-off (issue 6 §2).
            ["Enrolment__CoolingOff"] = "00:00:00",
            ["Log__Directory"] = Path.Combine(dataFolder, "log"),
            ["Log__KeyFile"] = Path.Combine(dataFolder, "log.key"),
            ["Log__PublicUrl"] = baseUrl,
            ["DataProtection__KeysPath"] = Path.Combine(dataFolder, "keys"),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach ((string key, string value) in settings ?? new Dictionary<string, string>())
        {
            // The caller's settings override the defaults above.
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>SIGKILL: no shutdown, no flush, as a power cut or the OOM killer would.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: false);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
        _process = null;
    }
}
