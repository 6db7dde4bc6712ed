using System.Text;

namespace OwnersVote.Voting;

/// <summary>
/// The roll as CSV, the format <c>ov tally</c> reads and <c>ov roll import</c> writes:
/// header <c>unit,building,owner,area,area_source</c>, area in m² with at most two decimals,
/// area_source <c>registry</c>|<c>survey</c>|<c>contract</c> (JI art. 8), owner the owner's id
/// (<c>DEVELOPER</c> for the developer's units, JI art. 9).
/// </summary>
public static class RollCsv
{
    /// <summary>The exact header row.</summary>
    public const string Header = "unit,building,owner,area,area_source";

    private static readonly string[] s_columns = Header.Split(',');

    /// <summary>Reads a roll from UTF-8 bytes (optional BOM).</summary>
    /// <exception cref="VotingDataException">Any malformed row, with its row number.</exception>
    public static Roll Parse(ReadOnlySpan<byte> utf8) => Parse(CsvReader.ReadAll(utf8));

    /// <summary>Reads a roll from text.</summary>
    /// <exception cref="VotingDataException">Any malformed row, with its row number.</exception>
    public static Roll Parse(string text) => Parse(CsvReader.ReadAll(text));

    /// <summary>The roll as CSV text: the header, then one line per unit in roll order, LF line ends.</summary>
    public static string Format(Roll roll)
    {
        ArgumentNullException.ThrowIfNull(roll);
        var text = new StringBuilder(Header).Append('\n');
        foreach (Unit unit in roll.Units)
        {
            text.Append(CsvWriter.Field(unit.Id.Value)).Append(',')
                .Append(CsvWriter.Field(unit.Building.Value)).Append(',')
                .Append(CsvWriter.Field(unit.Owner.Value)).Append(',')
                .Append(unit.Area.ToString()).Append(',')
                .Append(FormatAreaSource(unit.AreaSource)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The CSV word for a source: registry, survey or contract.</summary>
    public static string FormatAreaSource(AreaSource source) => source switch
    {
        AreaSource.Registry => "registry",
        AreaSource.Survey => "survey",
        AreaSource.Contract => "contract",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown area source."),
    };

    /// <summary>Parses registry, survey or contract (exactly, lower case).</summary>
    /// <exception cref="VotingDataException">Anything else (<see cref="VotingDataError.UnknownAreaSource"/>).</exception>
    public static AreaSource ParseAreaSource(string text) => text switch
    {
        "registry" => AreaSource.Registry,
        "survey" => AreaSource.Survey,
        "contract" => AreaSource.Contract,
        _ => throw new VotingDataException(VotingDataError.UnknownAreaSource, $"unknown area source '{text}': expected registry, survey or contract"),
    };

    private static Roll Parse(IReadOnlyList<CsvRecord> records)
    {
        CsvHeader.Check(records, s_columns);
        var units = new List<Unit>(records.Count - 1);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (CsvRecord record in records.Skip(1))
        {
            CsvHeader.CheckColumnCount(record, s_columns.Length);
            try
            {
                var id = new UnitId(record.Fields[0]);
                var unit = new Unit(
                    id,
                    new BuildingId(record.Fields[1]),
                    new OwnerId(record.Fields[2]),
                    Area.Parse(record.Fields[3]),
                    ParseAreaSource(record.Fields[4]));
                if (!seen.Add(id.Value))
                {
                    throw new VotingDataException(VotingDataError.DuplicateUnit, $"unit {id} appears twice on the roll", [id]);
                }

                units.Add(unit);
            }
            catch (VotingDataException e) when (e.Row is null)
            {
                throw e.AtRow(record.Row);
            }
        }

        return Roll.Create(units);
    }
}
