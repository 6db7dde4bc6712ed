namespace OwnersVote.Cli;

/// <summary>
/// Dispatches <c>ov</c> sub-commands. Exit codes: 0 success, 1 a check failed (verification),
/// 2 bad input or usage. Errors are one line on stderr, never a stack trace.
/// </summary>
public static class Ov
{
    public const int Ok = 0;
    public const int CheckFailed = 1;
    public const int BadInput = 2;

    private const string Usage = """
        usage: ov <command> [options]
          tally        --roll roll.csv --ballots ballots.csv --rule ordinary|major [--building B]...
          roll import  FILE.xlsx|FILE.csv [--out roll.csv]
          keygen       [--type note|cosignature] --name NAME --out FILE
          log append   --dir DIR --key SIGNERFILE --origin ORIGIN   (entries on stdin, one per line)
          log verify   DIR-or-URL --key VERIFIERKEY [--witness-key K]... [--min-cosigs k]
          verify       URL-or-DIR [--key VERIFIERKEY] [--witness-key K]... [--min-cosigs k] [--compound ID] [--verbose]
          verify       --receipt FILE --key VERIFIERKEY [--entry FILE | --leaf-hash HEX] [--origin O] [--witness-key K]... [--min-cosigs k]
                       (audit the log, check every ballot signature, recount every vote)
          rebuild      [--data DIR] [--provider sqlite|postgres] [--connection STR] [--log DIR] [--log-key FILE]
                       (drop the server's tables and rebuild them from the log; server stopped)
          witness      --port P --key COSIGNERFILE [--state DIR] [--log ORIGIN=VERIFIERKEY]...
                       [--logs FILE] [--listen ADDR]   (c2sp.org/tlog-witness add-checkpoint)
          paper blank  --out ballot.pdf --vote-id V --unit U --serial S --key HEXKEY --question "…"...
                       [--compound C] [--building B] [--area 89.50] [--owner O] [--title T] [--text T] [--notice REF]
          paper print  --vote ID --out ballots.pdf --data DIR [--key VERIFIERKEY]
                       (one ballot per principal without an online ballot; key in DIR/paper/<vote>.key)
          paper scan   --key HEXKEY --vote-id V [--dpi 200] [--questions N] FILE...
                       (PNG/JPEG/TIFF/PDF; one JSON line per page: accepted or review)
        """;

    /// <summary>Runs one command with text on stdin (UTF-8 encoded for commands that read bytes).</summary>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdin);
        using var bytes = new MemoryStream(new System.Text.UTF8Encoding(false).GetBytes(stdin.ReadToEnd()));
        return Run(args, bytes, stdout, stderr);
    }

    /// <summary>Runs one command with the given streams; returns the process exit code.</summary>
    public static int Run(string[] args, Stream stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? stderr : stdout).WriteLine(Usage);
            return args.Length == 0 ? BadInput : Ok;
        }

        switch (args)
        {
            case ["tally", ..]: return Commands.TallyCommand.Run(args[1..], stdout, stderr);
            case ["roll", "import", ..]: return Commands.RollImportCommand.Run(args[2..], stdout, stderr);
            case ["keygen", ..]: return Commands.KeygenCommand.Run(args[1..], stdout, stderr);
            case ["log", "append", ..]: return Commands.LogAppendCommand.Run(args[2..], stdin, stdout, stderr);
            case ["log", "verify", ..]: return Commands.LogVerifyCommand.Run(args[2..], stdout, stderr);
            case ["verify", ..]: return Commands.VerifyCommand.Run(args[1..], stdout, stderr);
            case ["rebuild", ..]: return Commands.RebuildCommand.Run(args[1..], stdout, stderr);
            case ["witness", ..]: return Commands.WitnessCommand.Run(args[1..], stdout, stderr);
            case ["paper", ..]: return Commands.PaperCommand.Run(args[1..], stdout, stderr);
        }

        stderr.WriteLine($"ov: unknown command '{args[0]}'");
        stderr.WriteLine(Usage);
        return BadInput;
    }
}
