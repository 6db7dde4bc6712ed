using System.Text;

namespace OwnersVote.Voting.Tests.Fuzzing;

/// <summary>
/// Mutated roll and ballot CSV files: only VotingDataException escapes, and a roll that parses
/// formats to a CSV that parses to the same roll.
/// </summary>
public sealed class CsvFuzzTests
{
    private static readonly string[] s_csvTokens = [",", "\"", "\"\"", "\r\n", "\r", "\n", "\uFEFF", " ", "-", ".", "0.00", "0.005", "registry", "survey", "contract", "yes", "no", "abstain", "invalid", "unit", "building", "owner", "area", "area_source", "choice"];

    private static readonly byte[] s_roll = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "samples", "jingcheng", "roll.csv"));
    private static readonly byte[] s_ballots = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "samples", "jingcheng", "ballots-57-lift.csv"));

    [Fact]
    public async Task A_mutated_roll_is_a_voting_data_error_or_round_trips_through_its_csv()
    {
        List<byte[]> seeds =
        [
            s_roll,
            "unit,building,owner,area,area_source\r\n\"57-101\",57,\"a,b\",100.00,registry\r\n57-102,57,\"say \"\"hi\"\"\",0.01,survey\r\n"u8.ToArray(),
            [.. Encoding.UTF8.Preamble, .. "unit,building,owner,area,area_source\n景城-1,1,业主,99999999.99,contract\n"u8],
        ];
        FuzzReport report = await Fuzzer.RunAsync("RollCsv.Parse", new Mutator(seeds, s_csvTokens, lines: true), seeds, input =>
        {
            Roll roll;
            try
            {
                roll = RollCsv.Parse(input);
            }
            catch (VotingDataException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                return $"refused {e.Error}";
            }

            string csv = RollCsv.Format(roll);
            Assert.Equal(csv, RollCsv.Format(RollCsv.Parse(csv)));
            if (roll.Units.Count == 0)
            {
                // A header alone parses; the empty roll is refused later, when a scope is counted.
                Assert.Throws<VotingDataException>(() => roll.Total(Scope.WholeCompound));
                return "empty";
            }

            Assert.True(roll.Total(Scope.WholeCompound).Heads.Value > 0);
            return "parsed";
        });

        report.AssertReached(r => r.Count("parsed") >= seeds.Count && r.Outcomes.Count > 3);
    }

    [Fact]
    public async Task Mutated_ballots_and_raw_csv_are_voting_data_errors_or_parse()
    {
        List<byte[]> seeds =
        [
            s_ballots,
            "unit,choice\r\n\"57-101\",yes\r\n57-102,\"no\"\r\n57-103,abstain\n57-104,invalid"u8.ToArray(),
            "a,\"b\nc\",\"\"\"\"\n,,\n"u8.ToArray(),
        ];
        FuzzReport report = await Fuzzer.RunAsync("BallotCsv.Parse", new Mutator(seeds, s_csvTokens, lines: true), seeds, input =>
        {
            string records;
            try
            {
                IReadOnlyList<CsvRecord> read = CsvReader.ReadAll(input);
                Assert.All(read, r => Assert.True(r.Row >= 1));
                records = "records";
            }
            catch (VotingDataException)
            {
                records = "malformed csv";
            }

            try
            {
                IReadOnlyList<Ballot> ballots = BallotCsv.Parse(input);
                Assert.Equal("records", records);
                Assert.Equal(ballots.Count, ballots.Select(b => b.Unit).Distinct().Count());
                return "ballots";
            }
            catch (VotingDataException e)
            {
                return $"{records}, refused {e.Error}";
            }
        });

        report.AssertReached(r => r.Count("ballots") >= 2 && r.Outcomes.Count > 3);
    }
}
