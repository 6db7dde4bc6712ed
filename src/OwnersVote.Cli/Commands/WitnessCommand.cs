using System.Globalization;
using System.Net;
using System.Net.Sockets;
using OwnersVote.Ledger;
using OwnersVote.Ledger.Http;

namespace OwnersVote.Cli.Commands;

/// <summary>
/// <c>ov witness --port P --key FILE [--state DIR] [--log ORIGIN=VKEY]... [--logs FILE] [--listen ADDR]</c>:
/// runs a standalone c2sp.org/tlog-witness (<c>POST /add-checkpoint</c>) cosigning, with the
/// cosigner key in FILE (<c>ov keygen --type cosignature</c>), the checkpoints of the logs given
/// as origin and log verifier key, after checking each is consistent with the last one it
/// cosigned (kept in DIR, by default <c>witness-state</c> beside the key file). A log may be given
/// several keys by repeating its origin; <c>--logs FILE</c> holds one <c>ORIGIN=VERIFIERKEY</c> per
/// line (blank lines and <c>#</c> comments ignored). Listens on 127.0.0.1 unless told otherwise,
/// prints its URL and verifier key, logs one line per request and stops on SIGINT/SIGTERM.
/// </summary>
public static class WitnessCommand
{
    private static readonly string[] s_single = ["--port", "--key", "--state", "--listen", "--logs"];
    private static readonly string[] s_repeatable = ["--log"];

    /// <summary>Runs the witness until SIGINT or SIGTERM: 0 after a clean stop, 2 bad usage or an address that cannot be bound.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        TextWriter output = TextWriter.Synchronized(stdout);
        TextWriter errors = TextWriter.Synchronized(stderr);
        return RunAsync(args, output, errors).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Starts the witness as the command does but without taking the process's signals: the caller
    /// stops it by disposing the result. The start-up lines go to <paramref name="stdout"/>.
    /// </summary>
    /// <exception cref="UsageException">Bad arguments, an unreadable key or log list, or an address that cannot be bound.</exception>
    public static Task<RunningWitness> StartAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        StartCoreAsync(args, stdout, stderr, handleSignals: false, cancellationToken);

    private static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        RunningWitness running;
        try
        {
            running = await StartCoreAsync(args, stdout, stderr, handleSignals: true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"ov witness: {InputFile.OneLine(e.Message)}");
            return Ov.BadInput;
        }

        await using (running.ConfigureAwait(false))
        {
            // The host's console lifetime turns SIGINT and SIGTERM into a graceful stop.
            await running.Server.WaitForShutdownAsync(CancellationToken.None).ConfigureAwait(false);
        }

        stdout.WriteLine("ov witness: stopped");
        return Ov.Ok;
    }

    private static async Task<RunningWitness> StartCoreAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, bool handleSignals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        CommandLine line = CommandLine.Parse(args, s_single, s_repeatable);
        if (line.Positional.Count > 0)
        {
            throw new UsageException($"unexpected argument '{line.Positional[0]}'");
        }

        string portText = line.Required("--port");
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > IPEndPoint.MaxPort)
        {
            throw new UsageException($"--port must be a port number from 0 to {IPEndPoint.MaxPort}, not '{portText}'");
        }

        IPAddress address = ParseAddress(line.Optional("--listen") ?? "127.0.0.1");
        string keyPath = line.Required("--key");
        Dictionary<string, IReadOnlyList<INoteVerifier>> logs = ReadLogs(line);
        if (logs.Count == 0)
        {
            throw new UsageException("no logs to witness: give --log ORIGIN=VERIFIERKEY (repeatable) or --logs FILE");
        }

        string state = Path.GetFullPath(line.Optional("--state") ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(keyPath)) ?? ".", "witness-state"));
        CosignatureSigner signer = KeyFile.ReadCosigner(keyPath, TimeProvider.System);
        FileWitnessStateStore? store = null;
        try
        {
            try
            {
                store = new FileWitnessStateStore(state);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot use state directory {state}: {InputFile.OneLine(e.Message)}", e);
            }

            var witness = new Witness([signer], logs, store);
            WitnessServer server;
            try
            {
                server = await WitnessServer.StartAsync(witness, address, port, stdout, stderr, handleSignals, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException)
            {
                throw new UsageException($"cannot listen on {address}:{port}: {InputFile.OneLine(e.Message)}", e);
            }

            stdout.WriteLine($"ov witness: listening on {server.Url} (POST {HttpWitnessTransport.AddCheckpointUrl(server.Url)})");
            stdout.WriteLine($"verifier key: {signer.VerifierKey}");
            stdout.WriteLine($"state: {state}");
            foreach ((string origin, IReadOnlyList<INoteVerifier> keys) in logs.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                stdout.WriteLine($"log: '{origin}' signed by {string.Join(", ", keys.Select(k => k.Name))}");
            }

            return new RunningWitness(server, signer, store);
        }
        catch
        {
            // Everything opened so far is released before the error is reported.
            store?.Dispose();
            signer.Dispose();
            throw;
        }
    }

    private static IPAddress ParseAddress(string text)
    {
        if (text == "localhost")
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(text, out IPAddress? address)
            ? address
            : throw new UsageException($"--listen must be an IP address (127.0.0.1, ::1, 0.0.0.0, …) or localhost, not '{text}'");
    }

    // Each log is "ORIGIN=VERIFIERKEY", split at the first '=' (a verifier key's base64 may end in
    // '='); an origin may have several keys (c2sp.org/tlog-witness: "the public key(s) it trusts").
    private static Dictionary<string, IReadOnlyList<INoteVerifier>> ReadLogs(CommandLine line)
    {
        var specs = new List<(string Text, string Where)>();
        specs.AddRange(line.All("--log").Select(l => (l, "--log")));
        if (line.Optional("--logs") is string file)
        {
            string[] lines = System.Text.Encoding.UTF8.GetString(InputFile.ReadAllBytes(file)).Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string text = lines[i].Trim();
                if (text.Length > 0 && !text.StartsWith('#'))
                {
                    specs.Add((text, $"{file}:{i + 1}"));
                }
            }
        }

        var logs = new Dictionary<string, List<INoteVerifier>>(StringComparer.Ordinal);
        foreach ((string text, string where) in specs)
        {
            int split = text.IndexOf('=', StringComparison.Ordinal);
            if (split <= 0 || split == text.Length - 1)
            {
                throw new UsageException($"{where}: '{text}' is not ORIGIN=VERIFIERKEY");
            }

            string origin = text[..split];
            NoteVerifier key;
            try
            {
                key = NoteVerifier.Parse(text[(split + 1)..]);
            }
            catch (FormatException e)
            {
                throw new UsageException($"{where}: log '{origin}': not a log verifier key ({InputFile.OneLine(e.Message)})", e);
            }

            if (!logs.TryGetValue(origin, out List<INoteVerifier>? keys))
            {
                keys = [];
                logs.Add(origin, keys);
            }

            keys.Add(key);
        }

        return logs.ToDictionary(l => l.Key, l => (IReadOnlyList<INoteVerifier>)l.Value, StringComparer.Ordinal);
    }
}
