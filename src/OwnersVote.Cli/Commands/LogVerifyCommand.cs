using System.Globalization;
using OwnersVote.Ledger;

namespace OwnersVote.Cli.Commands;

/// <summary>
/// <c>ov log verify DIR-or-URL --key VERIFIERKEY [--witness-key K]... [--min-cosigs k]</c>: reads
/// the checkpoint and every tile and entry bundle of a tiled log (a directory or an HTTP(S) prefix),
/// checks the log's signature, k witness cosignatures (default: every witness key given), that all
/// hash tiles agree with the entries, and the root. Prints <c>OK &lt;size&gt; &lt;root&gt;</c>; exit 1
/// with the reason on any failure.
/// </summary>
public static class LogVerifyCommand
{
    private static readonly string[] s_single = ["--key", .. WitnessOptions.Single];

    /// <summary>Runs the command: 0 verified, 1 a check failed, 2 bad usage.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        string location = "log";
        try
        {
            CommandLine line = CommandLine.Parse(args, s_single, WitnessOptions.Repeatable);
            if (line.Positional.Count != 1)
            {
                throw new UsageException("give exactly one log directory or URL");
            }

            location = line.Positional[0];
            INoteVerifier logKey = KeyFile.ReadVerifier(line.Required("--key"), cosignature: false);
            (INoteVerifier[] witnesses, int minCosigs) = WitnessOptions.From(line);

            AuditedLog audited = VerifyAsync(location, logKey, witnesses, minCosigs).GetAwaiter().GetResult();
            Checkpoint checkpoint = audited.Checkpoint.Checkpoint;
            stdout.WriteLine($"OK {checkpoint.Size.ToString(CultureInfo.InvariantCulture)} {checkpoint.Root.ToBase64()}");
            return Ov.Ok;
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"ov log verify: {InputFile.OneLine(e.Message)}");
            return Ov.BadInput;
        }
        catch (Exception e) when (e is LogVerificationException or IOException or HttpRequestException or TaskCanceledException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"ov log verify: {location}: {InputFile.OneLine(e.Message)}");
            return Ov.CheckFailed;
        }
    }

    private static async Task<AuditedLog> VerifyAsync(string location, INoteVerifier logKey, INoteVerifier[] witnesses, int minCosigs)
    {
        if (Uri.TryCreate(location, UriKind.Absolute, out Uri? url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            using var store = new HttpTileStore(url);
            return await LogAuditor.AuditAsync(store, logKey, witnesses, minCosigs, null, CancellationToken.None).ConfigureAwait(false);
        }

        if (!Directory.Exists(location))
        {
            throw new UsageException($"{location}: no such directory (or not an http(s) URL)");
        }

        AuditedLog audited = await LogAuditor.AuditAsync(new FileTileStore(location), logKey, witnesses, minCosigs, null, CancellationToken.None).ConfigureAwait(false);
        await LogDirectory.CheckFilesAsync(location, audited.Checkpoint.Checkpoint.Size, CancellationToken.None).ConfigureAwait(false);
        return audited;
    }
}
