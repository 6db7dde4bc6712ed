using System.Globalization;
using System.Net;
using OwnersVote.Ledger;

namespace OwnersVote.Cli.Commands;

/// <summary>
/// <c>ov verify URL-or-DIR [--key VERIFIERKEY] [--witness-key K]... [--min-cosigs k] [--compound ID]</c>: audits a
/// whole OwnersVote log and recounts every vote in it. A URL is a server's base URL: the log is
/// read from <c>URL/log/</c> (c2sp.org/tlog-tiles) and, without <c>--key</c>, its key from
/// <c>URL/log/key</c>, and without <c>--witness-key</c> the witnesses' keys and quorum k from
/// <c>URL/log/witnesses</c>; with <c>--compound</c> also that compound's own witnesses' quorum from
/// <c>URL/log/witnesses?compound=ID</c>. Checks the checkpoint signature and k witness cosignatures, every tile and
/// entry bundle against the root (and for a DIR, every other file), then decodes every entry,
/// verifies every ballot's signature against its enrolled key, recounts each vote and compares
/// with its published tally. Prints one line per vote (followed, where the vote had proxies or
/// custodial ballots or with <c>--verbose</c>, by a <c>  people:</c> line, and with <c>--verbose</c>
/// one line per enrolment, mandate and such ballot) and <c>OK &lt;size&gt; &lt;root&gt;</c>; on
/// any discrepancy prints each on stderr and exits 1.
/// </summary>
public static class VerifyCommand
{
    private static readonly string[] s_single = ["--key", "--compound", .. WitnessOptions.Single];

    /// <summary>Runs the command: 0 verified and recounted, 1 a check failed, 2 bad usage.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Contains("--receipt"))
        {
            return ReceiptCommand.Run(args, stdout, stderr);
        }

        string location = "log";
        try
        {
            // --verbose: one line per enrolment, proxy mandate, proxy ballot and custodial ballot (issue 6).
            bool verbose = args.Contains("--verbose");
            CommandLine line = CommandLine.Parse([.. args.Where(a => a != "--verbose")], s_single, WitnessOptions.Repeatable);
            if (line.Positional.Count != 1)
            {
                throw new UsageException("give exactly one server URL or log directory");
            }

            location = line.Positional[0];
            (INoteVerifier[] witnesses, int minCosigs) = WitnessOptions.From(line);

            string? key = line.Optional("--key");
            string? compound = line.Optional("--compound");
            Uri? server = null;
            if (compound is not null && !IsHttp(location, out _))
            {
                throw new UsageException("--compound reads the compound's witnesses from a server: give its URL (for a directory, give the compound's keys as --witness-key)");
            }

            (AuditedLog audited, LogRecount recount) = IsHttp(location, out server)
                ? AuditServerAsync(server, key, witnesses, minCosigs, compound, stdout).GetAwaiter().GetResult()
                : AuditDirectoryAsync(location, key, witnesses, minCosigs).GetAwaiter().GetResult();

            Checkpoint checkpoint = audited.Checkpoint.Checkpoint;
            if (audited.Cosigners.Count > 0)
            {
                stdout.WriteLine($"checkpoint {checkpoint.Size.ToString(CultureInfo.InvariantCulture)} cosigned by {string.Join(", ", audited.Cosigners)}");
            }

            RecountReport report = recount.Finish();
            foreach (VoteAudit vote in report.Votes)
            {
                stdout.WriteLine(vote.Describe(withCompound: report.Compounds > 1));
                if (vote.People is { } people && (verbose || people.HasProxiesOrCustodial))
                {
                    stdout.WriteLine(people.Summary());
                    foreach (string detail in verbose ? people.Details() : [])
                    {
                        stdout.WriteLine(detail);
                    }
                }
            }

            List<string> discrepancies = [.. report.Discrepancies];
            // Issue 11: each handwritten signature image must still hash to what its ballot signed.
            IReadOnlyList<(long Index, string Sha256)> images = report.Images;
            discrepancies.AddRange(server is not null
                ? HandwritingImages.CheckServerAsync(server, images, stdout).GetAwaiter().GetResult()
                : HandwritingImages.CheckDirectory(location, images, stdout));
            if (server is not null && IsHttp(location, out _))
            {
                // The server's result pages are projections of the log: they must show the recount.
                discrepancies.AddRange(ServedResults.CompareAsync(server, report, stdout, CancellationToken.None).GetAwaiter().GetResult());
            }

            if (discrepancies.Count > 0)
            {
                foreach (string discrepancy in discrepancies)
                {
                    stderr.WriteLine($"ov verify: {discrepancy}");
                }

                stderr.WriteLine($"ov verify: FAILED: {discrepancies.Count} discrepancy(ies) in {checkpoint.Size.ToString(CultureInfo.InvariantCulture)} entries");
                return Ov.CheckFailed;
            }

            stdout.WriteLine($"OK {checkpoint.Size.ToString(CultureInfo.InvariantCulture)} {checkpoint.Root.ToBase64()}");
            return Ov.Ok;
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"ov verify: {InputFile.OneLine(e.Message)}");
            return Ov.BadInput;
        }
        catch (Exception e) when (e is LogVerificationException or IOException or HttpRequestException or TaskCanceledException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"ov verify: {location}: {InputFile.OneLine(e.Message)}");
            return Ov.CheckFailed;
        }
    }

    private static bool IsHttp(string location, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? url) =>
        Uri.TryCreate(location, UriKind.Absolute, out url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    private static async Task<(AuditedLog, LogRecount)> AuditServerAsync(
        Uri server, string? key, INoteVerifier[] witnesses, int minCosigs, string? compound, TextWriter stdout)
    {
        string root = server.AbsoluteUri.EndsWith('/') ? server.AbsoluteUri : server.AbsoluteUri + "/";
        var logPrefix = new Uri(root + "log/");
        INoteVerifier logKey;
        if (key is not null)
        {
            logKey = KeyFile.ReadVerifier(key, cosignature: false);
        }
        else
        {
            var keyUrl = new Uri(logPrefix, "key");
            string served = await FetchKeyAsync(keyUrl).ConfigureAwait(false);
            try
            {
                logKey = NoteVerifier.Parse(served);
            }
            catch (FormatException e)
            {
                throw new LogVerificationException($"{keyUrl} does not hold a log verifier key ({InputFile.OneLine(e.Message)})", e);
            }

            // A key from the server proves only that the server agrees with itself; the key
            // printed on the paper result notice pins it (DESIGN.md §2 "Ledger format").
            stdout.WriteLine($"log key taken from the server ({keyUrl}): {served}");
            stdout.WriteLine("  compare it with the log key printed on the result notice posted in the compound");
        }

        if (witnesses.Length == 0)
        {
            (witnesses, minCosigs) = await FetchWitnessesAsync(new Uri(logPrefix, "witnesses"), stdout).ConfigureAwait(false);
        }

        using var store = new HttpTileStore(logPrefix);
        // Entries are recounted as their bundles are verified, and not kept.
        var recount = new LogRecount();
        AuditedLog audited = await LogAuditor.AuditAsync(store, logKey, witnesses, minCosigs, (_, e) => recount.Add(e), CancellationToken.None).ConfigureAwait(false);
        if (compound is not null)
        {
            // docs/operations.md "Per-compound witnesses": the compound's own quorum on the same checkpoint.
            var url = new Uri(logPrefix, "witnesses?compound=" + Uri.EscapeDataString(compound));
            (INoteVerifier[] own, int ownQuorum) = await FetchWitnessesAsync(url, stdout).ConfigureAwait(false);
            if (ownQuorum == 0)
            {
                throw new LogVerificationException($"{url}: compound {compound} publishes no witnesses of its own");
            }

            OpenedNote opened = Note.Open(audited.Checkpoint.SignedNote, [logKey, .. own]);
            string[] cosigners = [.. opened.Signatures.Where(s => own.Contains(s.Verifier)).Select(s => s.Signature.Name).Distinct(StringComparer.Ordinal)];
            if (cosigners.Length < ownQuorum)
            {
                throw new LogVerificationException(
                    $"checkpoint {audited.Checkpoint.Checkpoint.Size.ToString(CultureInfo.InvariantCulture)} has {cosigners.Length.ToString(CultureInfo.InvariantCulture)} of compound {compound}'s {ownQuorum.ToString(CultureInfo.InvariantCulture)} required witness cosignature(s)");
            }

            stdout.WriteLine($"checkpoint {audited.Checkpoint.Checkpoint.Size.ToString(CultureInfo.InvariantCulture)} cosigned for compound {compound} by {string.Join(", ", cosigners)}");
        }

        return (audited, recount);
    }

    // "quorum <k>" then one cosignature/v1 verifier key per line (the server's /log/witnesses). A
    // server without the endpoint publishes no witnesses: nothing is required of its checkpoint.
    private static async Task<(INoteVerifier[] Witnesses, int Quorum)> FetchWitnessesAsync(Uri url, TextWriter stdout)
    {
        string? text = await FetchTextAsync(url).ConfigureAwait(false);
        if (text is null)
        {
            stdout.WriteLine($"no witnesses published at {url}");
            return ([], 0);
        }

        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0
            || !lines[0].StartsWith("quorum ", StringComparison.Ordinal)
            || !int.TryParse(lines[0]["quorum ".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int quorum)
            || quorum > lines.Length - 1)
        {
            throw new LogVerificationException($"{url} does not start with 'quorum <k>' (k at most the number of keys that follow)");
        }

        INoteVerifier[] witnesses;
        try
        {
            witnesses = [.. lines[1..].Select(CosignatureVerifier.Parse)];
        }
        catch (FormatException e)
        {
            throw new LogVerificationException($"{url} holds a line that is not a witness verifier key ({InputFile.OneLine(e.Message)})", e);
        }

        stdout.WriteLine($"witness keys taken from the server ({url}): {quorum.ToString(CultureInfo.InvariantCulture)} of {witnesses.Length.ToString(CultureInfo.InvariantCulture)} required");
        foreach (INoteVerifier witness in witnesses)
        {
            stdout.WriteLine($"  {witness}");
        }

        return (witnesses, quorum);
    }

    private static async Task<(AuditedLog, LogRecount)> AuditDirectoryAsync(string location, string? key, INoteVerifier[] witnesses, int minCosigs)
    {
        if (!Directory.Exists(location))
        {
            throw new UsageException($"{location}: no such directory (or not an http(s) URL)");
        }

        INoteVerifier logKey = KeyFile.ReadVerifier(key ?? throw new UsageException("--key is required to verify a log directory"), cosignature: false);
        // Entries are recounted as their bundles are verified, and not kept.
        var recount = new LogRecount();
        AuditedLog audited = await LogAuditor.AuditAsync(new FileTileStore(location), logKey, witnesses, minCosigs, (_, e) => recount.Add(e), CancellationToken.None).ConfigureAwait(false);
        await LogDirectory.CheckFilesAsync(location, audited.Checkpoint.Checkpoint.Size, CancellationToken.None).ConfigureAwait(false);
        return (audited, recount);
    }

    private static async Task<string> FetchKeyAsync(Uri keyUrl)
    {
        // "the log's verifier key at /log/key (text, one line)" (issue 4). During a log-key rotation
        // (docs/operations.md "Key management") further lines follow; the first is the key that
        // signs every checkpoint the server serves.
        return (await FetchTextAsync(keyUrl).ConfigureAwait(false))?.Trim().Split('\n')[0].Trim()
            ?? throw new LogVerificationException($"{keyUrl}: not found; give the log key with --key");
    }

    // The body of a GET as text, or null for 404.
    private static async Task<string?> FetchTextAsync(Uri url)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("ov-verify/1");
        using HttpResponseMessage response = await client.GetAsync(url).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {url}: {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
    }
}
