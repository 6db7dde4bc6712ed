using System.Globalization;
using System.Text;
using OwnersVote.Voting;

namespace OwnersVote.Cli.Commands;

/// <summary>
/// <c>ov tally --roll roll.csv --ballots ballots.csv --rule ordinary|major [--building B]...</c>:
/// the double count of Civil Code art. 278 as one JSON object on stdout.
/// </summary>
public static class TallyCommand
{
    private static readonly string[] s_single = ["--roll", "--ballots", "--rule"];
    private static readonly string[] s_repeatable = ["--building"];

    /// <summary>Runs the command. Returns 0 for any computed result (passed or not), 2 for bad input.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            CommandLine line = CommandLine.Parse(args, s_single, s_repeatable);
            if (line.Positional.Count > 0)
            {
                throw new UsageException($"unexpected argument '{line.Positional[0]}'");
            }

            string rollPath = line.Required("--roll");
            string ballotsPath = line.Required("--ballots");
            ThresholdClass rule = ParseRule(line.Required("--rule"));
            IReadOnlyList<string> buildings = line.All("--building");

            Roll roll = Load(rollPath, bytes => RollCsv.Parse(bytes));
            IReadOnlyList<Ballot> ballots = Load(ballotsPath, bytes => BallotCsv.Parse(bytes));
            Scope scope = buildings.Count == 0 ? Scope.WholeCompound : Scope.OfBuildings(buildings.Select(b => new BuildingId(b)));
            try
            {
                // Shanghai art. 69: the scope must hold units of the roll before any ballot is read against it.
                _ = roll.UnitsIn(scope);
            }
            catch (VotingDataException e)
            {
                throw new UsageException($"{rollPath}: {e.Message}", e);
            }

            TallyResult result;
            try
            {
                result = Tally.Count(roll, new Matter("ov tally", rule, scope), ballots);
            }
            catch (VotingDataException e)
            {
                throw new UsageException($"{ballotsPath}: {e.Message}", e);
            }

            stdout.Write(ToJson(result) + "\n");
            return Ov.Ok;
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"ov tally: {InputFile.OneLine(e.Message)}");
            return Ov.BadInput;
        }
        catch (VotingDataException e)
        {
            // A bad --building value (an id with spaces or empty).
            stderr.WriteLine($"ov tally: {InputFile.OneLine(e.Message)}");
            return Ov.BadInput;
        }
    }

    /// <summary>
    /// The result as the exact JSON object of the <c>ov tally</c> contract: the fields in this
    /// order, areas as strings with two decimals, heads as integers.
    /// </summary>
    public static string ToJson(TallyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var json = new StringBuilder("{");
        json.Append("\"rule\":\"").Append(result.Rule == ThresholdClass.Major ? "major" : "ordinary").Append('"');
        Append(json, "total", result.Total);
        Append(json, "part", result.Participating);
        Append(json, "yes", result.Yes);
        Append(json, "no", result.No);
        Append(json, "abstain", result.Abstain);
        Append(json, "invalid", result.Invalid);
        json.Append(",\"quorumMet\":").Append(result.QuorumMet ? "true" : "false");
        json.Append(",\"passed\":").Append(result.Passed ? "true" : "false");
        return json.Append('}').ToString();
    }

    private static void Append(StringBuilder json, string name, DoubleCount count) =>
        json.Append(",\"").Append(name).Append("Area\":\"").Append(count.Area.ToString()).Append('"')
            .Append(",\"").Append(name).Append("Heads\":").Append(count.Heads.Value.ToString(CultureInfo.InvariantCulture));

    private static ThresholdClass ParseRule(string rule) => rule switch
    {
        "ordinary" => ThresholdClass.Ordinary,
        "major" => ThresholdClass.Major,
        _ => throw new UsageException($"unknown rule '{rule}': expected ordinary or major"),
    };

    private static T Load<T>(string path, Func<byte[], T> parse)
    {
        byte[] bytes = InputFile.ReadAllBytes(path);
        try
        {
            return parse(bytes);
        }
        catch (VotingDataException e)
        {
            throw new UsageException($"{path}: {e.Message}", e);
        }
    }
}
