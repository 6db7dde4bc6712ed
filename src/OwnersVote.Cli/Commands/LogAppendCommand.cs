using System.Text;
using OwnersVote.Ledger;
using OwnersVote.Ledger.Sequencing;

namespace OwnersVote.Cli.Commands;

/// <summary>
/// <c>ov log append --dir DIR --key SIGNERFILE --origin ORIGIN</c>: appends each line of stdin
/// (UTF-8, without its newline) as one entry of the tiled log in DIR (c2sp.org/tlog-tiles layout),
/// and prints the new signed checkpoint. Every line is checked before anything is appended.
/// </summary>
public static class LogAppendCommand
{
    private static readonly string[] s_single = ["--dir", "--key", "--origin"];
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Runs the command: 0 appended, 1 the stored log is broken, 2 bad input.</summary>
    public static int Run(IReadOnlyList<string> args, Stream stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        string dir = "log";
        try
        {
            CommandLine line = CommandLine.Parse(args, s_single, []);
            if (line.Positional.Count > 0)
            {
                throw new UsageException($"unexpected argument '{line.Positional[0]}'");
            }

            dir = line.Required("--dir");
            string origin = line.Required("--origin");
            using NoteSigner signer = KeyFile.ReadSigner(line.Required("--key"));
            if (origin.Contains('\n', StringComparison.Ordinal) || origin.Trim().Length == 0)
            {
                throw new UsageException("--origin must be one non-empty line");
            }

            List<byte[]> entries = ReadEntries(stdin);
            byte[] checkpoint = AppendAsync(dir, origin, signer, entries).GetAwaiter().GetResult();
            stdout.Write(Encoding.UTF8.GetString(checkpoint));
            return Ov.Ok;
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"ov log append: {InputFile.OneLine(e.Message)}");
            return Ov.BadInput;
        }
        catch (Exception e) when (e is LogStorageException or LogVerificationException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"ov log append: {dir}: {InputFile.OneLine(e.Message)}");
            return Ov.CheckFailed;
        }
    }

    private static async Task<byte[]> AppendAsync(string dir, string origin, NoteSigner signer, List<byte[]> entries)
    {
        LogAppender appender = await LogAppender.OpenAsync(dir, origin, signer, signer.Verifier).ConfigureAwait(false);
        await using (appender.ConfigureAwait(false))
        {
            // All at once: the sequencer pools them into batches, one journal fsync each.
            await Task.WhenAll(entries.Select(e => appender.AppendAsync(e))).ConfigureAwait(false);
        }

        return appender.LatestCheckpoint;
    }

    // Lines are split at '\n' only; a final line without a newline is an entry too.
    private static List<byte[]> ReadEntries(Stream stdin)
    {
        using var buffer = new MemoryStream();
        stdin.CopyTo(buffer);
        ReadOnlySpan<byte> input = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var entries = new List<byte[]>();
        int lineNumber = 0;
        while (!input.IsEmpty)
        {
            lineNumber++;
            int newline = input.IndexOf((byte)'\n');
            ReadOnlySpan<byte> entry = newline < 0 ? input : input[..newline];
            input = newline < 0 ? [] : input[(newline + 1)..];
            if (entry.Length > EntryBundle.MaxEntrySize)
            {
                throw new UsageException($"line {lineNumber} is {entry.Length} bytes; an entry is at most {EntryBundle.MaxEntrySize}");
            }

            try
            {
                s_strictUtf8.GetCharCount(entry);
            }
            catch (DecoderFallbackException)
            {
                throw new UsageException($"line {lineNumber} is not valid UTF-8");
            }

            entries.Add(entry.ToArray());
        }

        return entries;
    }
}
