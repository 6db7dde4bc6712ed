using System.Globalization;
using OwnersVote.Ledger;

namespace OwnersVote.Cli.Commands;

/// <summary>
/// <c>[--witness-key K]... [--min-cosigs k]</c>, shared by <c>ov log verify</c> and <c>ov verify</c>:
/// the witnesses whose cosignatures count (c2sp.org/tlog-cosignature) and how many are required
/// (default: every witness given).
/// </summary>
public sealed record WitnessOptions(INoteVerifier[] Witnesses, int MinCosignatures)
{
    /// <summary>The single-valued options this reads.</summary>
    public static readonly string[] Single = ["--min-cosigs"];

    /// <summary>The repeatable options this reads.</summary>
    public static readonly string[] Repeatable = ["--witness-key"];

    /// <summary>Reads the options from a parsed command line.</summary>
    /// <exception cref="UsageException">A key is not a verifier key, or k is out of range.</exception>
    public static WitnessOptions From(CommandLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        INoteVerifier[] witnesses = [.. line.All("--witness-key").Select(k => KeyFile.ReadVerifier(k, cosignature: true))];
        int minCosigs = witnesses.Length;
        if (line.Optional("--min-cosigs") is string k
            && (!int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out minCosigs) || minCosigs > witnesses.Length))
        {
            throw new UsageException($"--min-cosigs must be a whole number from 0 to the number of --witness-key ({witnesses.Length})");
        }

        return new WitnessOptions(witnesses, minCosigs);
    }
}
