using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OwnersVote.EndToEnd;

/// <summary>
/// A private PostgreSQL server for one test run: its own data directory and socket directory under
/// /tmp, a free port, listening on localhost only, trust authentication, stopped and deleted at the
/// end. initdb and pg_ctl refuse to run as root, so as root they run as the <c>postgres</c> user.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private readonly string _root;
    private readonly string _data;
    private bool _running = true;

    private PostgresServer(string root, int port)
    {
        _root = root;
        _data = Path.Combine(root, "data");
        Port = port;
    }

    /// <summary>The TCP port on localhost.</summary>
    public int Port { get; }

    /// <summary>A connection string for a database on this server (created by the app if missing).</summary>
    public string ConnectionString(string database) =>
        $"Host=localhost;Port={Port};Username=postgres;Database={database};Pooling=true;Timeout=15";

    /// <summary>Initialises and starts a server.</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL 15 is not installed (scripts/install-test-deps.sh installs it) or does not start.</exception>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(BinDirectory, "pg_ctl")))
        {
            throw new InvalidOperationException($"PostgreSQL binaries are missing from {BinDirectory}; run scripts/install-test-deps.sh.");
        }

        string root = Path.Combine(Path.GetTempPath(), "ov-e2e-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var server = new PostgresServer(root, FreePort());
        await RunAsync("mkdir", ["-p", Path.Combine(root, "sock")], cancellationToken);
        await RunAsync(Path.Combine(BinDirectory, "initdb"),
            ["-D", server._data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"], cancellationToken);
        await server.StartServerAsync(cancellationToken);
        return server;
    }

    /// <summary>Starts the server on its data, port and socket directory: at first, and again after <see cref="StopAsync"/> (the outage ends).</summary>
    public async Task StartServerAsync(CancellationToken cancellationToken)
    {
        await RunAsync(Path.Combine(BinDirectory, "pg_ctl"),
        [
            "-D", _data,
            "-l", Path.Combine(_root, "server.log"),
            "-o", $"-p {Port} -k {Path.Combine(_root, "sock")} -c listen_addresses=localhost -c fsync=off -c synchronous_commit=off",
            "-w", "-t", "60", "start",
        ], cancellationToken);
        _running = true;
    }

    /// <summary>Stops the server (an outage, as far as the app can tell).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_running)
        {
            await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", _data, "-m", "fast", "-w", "stop"], cancellationToken);
            _running = false;
        }
    }

    /// <summary>Stops the server and deletes its files.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        Directory.Delete(_root, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // As root, run as postgres (initdb: "cannot be run as root").
    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        bool root = Environment.UserName == "root";
        var start = new ProcessStartInfo(root ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (root)
        {
            foreach (string a in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited {process.ExitCode}: {await stderr}{await stdout}");
        }
    }
}
