using BenchmarkDotNet.Attributes;
using OwnersVote.Voting;

namespace OwnersVote.Benchmarks;

/// <summary>
/// The double count (Civil Code art. 278) of one matter over a 5,000-unit roll: 50 buildings of
/// 100 units, every tenth unit owned by the owner of the unit before it, the developer holding 125
/// unsold units (4,376 owners in all), and ballots from 4,297 units (86%). Ratio is the cost in
/// SHA-256s of 65 bytes.
/// </summary>
[MemoryDiagnoser]
public class TallyBenchmarks : Sha256Bound
{
    private const int Buildings = 50;
    private const int UnitsPerBuilding = 100;
    private Roll _roll = Roll.Create([]);
    private readonly Matter _matter = new("电梯维修", ThresholdClass.Ordinary, Scope.WholeCompound);
    private Ballot[] _ballots = [];

    [GlobalSetup(Target = nameof(Tally_of_a_5000_unit_roll))]
    public void Setup()
    {
        var units = new List<Unit>(Buildings * UnitsPerBuilding);
        for (int b = 1; b <= Buildings; b++)
        {
            for (int u = 0; u < UnitsPerBuilding; u++)
            {
                int n = units.Count;
                OwnerId owner = u >= 95 && b % 2 == 0
                    ? OwnerId.Developer
                    : new OwnerId($"p-{(n % 10 == 1 ? n - 1 : n):D5}");
                long area = 6_000 + (n * 7_919 % 12_000);
                units.Add(new Unit(new UnitId($"{b}-{u:D3}"), new BuildingId(b.ToString(System.Globalization.CultureInfo.InvariantCulture)), owner, Area.FromHundredths(area), AreaSource.Registry));
            }
        }

        _roll = Roll.Create(units);

        // One owner's units carry one choice (Tally refuses mixed choices), so the choice follows
        // the owner; the units of about one owner in seven cast no ballot.
        Choice[] choices = [Choice.Yes, Choice.Yes, Choice.Yes, Choice.No, Choice.Abstain, Choice.Invalid];
        _ballots = [.. units
            .Where(unit => Mix(unit.Owner.Value) % 7 != 0)
            .Select(unit => new Ballot(unit.Id, choices[Mix(unit.Owner.Value) / 7 % choices.Length]))];
        _ = Tally.Count(_roll, _matter, _ballots);
    }

    [Benchmark]
    public TallyResult Tally_of_a_5000_unit_roll() => Tally.Count(_roll, _matter, _ballots);

    // FNV-1a over the id: the same ballots in every benchmark process (string.GetHashCode is not).
    private static uint Mix(string text)
    {
        uint hash = 2_166_136_261;
        foreach (char c in text)
        {
            hash = unchecked((hash ^ c) * 16_777_619);
        }

        return hash;
    }
}
