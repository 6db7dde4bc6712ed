namespace OwnersVote.Voting;

/// <summary>
/// Ballots as CSV, the format <c>ov tally</c> reads: header <c>unit,choice</c>, choice
/// <c>yes</c>|<c>no</c>|<c>abstain</c>|<c>invalid</c>. A unit absent from the file did not take part.
/// </summary>
public static class BallotCsv
{
    /// <summary>The exact header row.</summary>
    public const string Header = "unit,choice";

    private static readonly string[] s_columns = Header.Split(',');

    /// <summary>Reads ballots from UTF-8 bytes (optional BOM).</summary>
    /// <exception cref="VotingDataException">Any malformed row, with its row number.</exception>
    public static IReadOnlyList<Ballot> Parse(ReadOnlySpan<byte> utf8) => Parse(CsvReader.ReadAll(utf8));

    /// <summary>Reads ballots from text.</summary>
    /// <exception cref="VotingDataException">Any malformed row, with its row number.</exception>
    public static IReadOnlyList<Ballot> Parse(string text) => Parse(CsvReader.ReadAll(text));

    /// <summary>The CSV word for a choice: yes, no, abstain or invalid.</summary>
    public static string FormatChoice(Choice choice) => choice switch
    {
        Choice.Yes => "yes",
        Choice.No => "no",
        Choice.Abstain => "abstain",
        Choice.Invalid => "invalid",
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "Unknown choice."),
    };

    /// <summary>Parses yes, no, abstain or invalid (exactly, lower case).</summary>
    /// <exception cref="VotingDataException">Anything else (<see cref="VotingDataError.UnknownChoice"/>).</exception>
    public static Choice ParseChoice(string text) => text switch
    {
        "yes" => Choice.Yes,
        "no" => Choice.No,
        "abstain" => Choice.Abstain,
        "invalid" => Choice.Invalid,
        _ => throw new VotingDataException(VotingDataError.UnknownChoice, $"unknown choice '{text}': expected yes, no, abstain or invalid"),
    };

    private static List<Ballot> Parse(IReadOnlyList<CsvRecord> records)
    {
        CsvHeader.Check(records, s_columns);
        var ballots = new List<Ballot>(records.Count - 1);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (CsvRecord record in records.Skip(1))
        {
            CsvHeader.CheckColumnCount(record, s_columns.Length);
            try
            {
                var unit = new UnitId(record.Fields[0]);
                Choice choice = ParseChoice(record.Fields[1]);
                if (!seen.Add(unit.Value))
                {
                    throw new VotingDataException(VotingDataError.DuplicateBallot, $"unit {unit} has more than one ballot", [unit]);
                }

                ballots.Add(new Ballot(unit, choice));
            }
            catch (VotingDataException e) when (e.Row is null)
            {
                throw e.AtRow(record.Row);
            }
        }

        return ballots;
    }
}
