using System.Globalization;
using OwnersVote.Ledger;

namespace OwnersVote.Cli.Commands;

/// <summary>
/// <c>ov verify --receipt FILE --key VERIFIERKEY [--entry FILE | --leaf-hash HEX] [--origin O]
/// [--witness-key K]... [--min-cosigs k]</c>: checks a ballot receipt offline (DESIGN.md §2
/// "Ballot signing"): the c2sp.org/tlog-proof receipt's checkpoint is signed by the log key and
/// cosigned by k witnesses, and its inclusion proof (RFC 9162 §2.1.3.2) leads from the entry to
/// the checkpoint's root. The origin defaults to the log key's name, as tlog-tiles logs name
/// their key after their origin. Without <c>--entry</c> or <c>--leaf-hash</c>, the entry is the
/// receipt's <c>extra</c> data, where OwnersVote's receipts carry it.
/// </summary>
public static class ReceiptCommand
{
    private static readonly string[] s_single = ["--receipt", "--key", "--entry", "--leaf-hash", "--origin", .. WitnessOptions.Single];

    /// <summary>Runs the command: 0 the receipt proves the entry, 1 it does not, 2 bad usage.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            CommandLine line = CommandLine.Parse(args, s_single, WitnessOptions.Repeatable);
            if (line.Positional.Count > 0)
            {
                throw new UsageException($"unexpected argument '{line.Positional[0]}' (a receipt is checked on its own)");
            }

            string receiptPath = line.Required("--receipt");
            INoteVerifier logKey = KeyFile.ReadVerifier(line.Required("--key"), cosignature: false);
            (INoteVerifier[] witnesses, int minCosigs) = WitnessOptions.From(line);
            Receipt receipt;
            try
            {
                receipt = Receipt.Parse(InputFile.ReadAllBytes(receiptPath));
            }
            catch (FormatException e)
            {
                throw new UsageException($"{receiptPath}: not a tlog-proof receipt ({InputFile.OneLine(e.Message)})", e);
            }

            Hash leaf = LeafHash(line, receipt);
            ReceiptVerification result = receipt.Verify(leaf, line.Optional("--origin") ?? logKey.Name, [logKey], witnesses, minCosigs);
            if (!result.IsVerified)
            {
                stderr.WriteLine($"ov verify: {receiptPath}: {InputFile.OneLine(result.Failure ?? "not verified")}");
                return Ov.CheckFailed;
            }

            Checkpoint checkpoint = result.Checkpoint!; // IsVerified implies the checkpoint was read.
            string cosigned = result.Cosigners.Count > 0 ? $", cosigned by {string.Join(", ", result.Cosigners)}" : string.Empty;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"OK entry {receipt.Index} in tree {checkpoint.Size} {checkpoint.Root.ToBase64()}{cosigned}"));
            return Ov.Ok;
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"ov verify: {InputFile.OneLine(e.Message)}");
            return Ov.BadInput;
        }
    }

    private static Hash LeafHash(CommandLine line, Receipt receipt)
    {
        string? entry = line.Optional("--entry");
        string? hex = line.Optional("--leaf-hash");
        if (entry is not null && hex is not null)
        {
            throw new UsageException("give the entry as one of --entry FILE or --leaf-hash HEX, not both");
        }

        if (entry is null && hex is null)
        {
            // OwnersVote's receipts carry the logged entry as their extra data (issue 4 step ⑤).
            return receipt.Extra is { } extra
                ? Merkle.HashLeaf(extra)
                : throw new UsageException("the receipt carries no entry: give it with --entry FILE or --leaf-hash HEX");
        }

        if (entry is not null)
        {
            // RFC 9162 §2.1.1: the leaf hash of the entry's exact bytes.
            return Merkle.HashLeaf(InputFile.ReadAllBytes(entry));
        }

        try
        {
            return Hash.FromHex(hex!);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new UsageException($"--leaf-hash must be 64 hex digits ({InputFile.OneLine(e.Message)})", e);
        }
    }
}
