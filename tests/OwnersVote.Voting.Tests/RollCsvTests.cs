using System.Text;

namespace OwnersVote.Voting.Tests;

public sealed class RollCsvTests
{
    private const string Sample = """
        unit,building,owner,area,area_source
        57-101,57,wang,88.5,registry
        57-102,57,DEVELOPER,92,survey
        "58-1,01",58,"Li, Ming",100.25,contract

        """;

    [Fact]
    public void Reads_units_with_area_and_source()
    {
        Roll roll = RollCsv.Parse(Sample);
        Assert.Equal(3, roll.Units.Count);
        Unit first = roll[new UnitId("57-101")];
        Assert.Equal(8850, first.Area.Hundredths);
        Assert.Equal(AreaSource.Registry, first.AreaSource);
        Assert.True(roll[new UnitId("57-102")].Owner.IsDeveloper);
        Assert.Equal(AreaSource.Contract, roll[new UnitId("58-1,01")].AreaSource);
    }

    [Fact]
    public void Writes_the_normalized_form_that_reads_back_the_same()
    {
        string written = RollCsv.Format(RollCsv.Parse(Encoding.UTF8.GetBytes(Sample)));
        Assert.Equal(
            "unit,building,owner,area,area_source\n57-101,57,wang,88.50,registry\n57-102,57,DEVELOPER,92.00,survey\n\"58-1,01\",58,\"Li, Ming\",100.25,contract\n",
            written);
        Assert.Equal(written, RollCsv.Format(RollCsv.Parse(written)));
    }

    [Theory]
    [InlineData("unit,building,owner,area\n", VotingDataError.WrongHeader, 1)]
    [InlineData("", VotingDataError.WrongHeader, 1)]
    [InlineData("unit,building,owner,area,area_source\n1,57,a,10\n", VotingDataError.WrongColumnCount, 2)]
    [InlineData("unit,building,owner,area,area_source\n1,57,a,10,registry,x\n", VotingDataError.WrongColumnCount, 2)]
    [InlineData("unit,building,owner,area,area_source\n1,57,a,10.001,registry\n", VotingDataError.MalformedArea, 2)]
    [InlineData("unit,building,owner,area,area_source\n1,57,a,-10,registry\n", VotingDataError.NegativeArea, 2)]
    [InlineData("unit,building,owner,area,area_source\n1,57,a,10,Registry\n", VotingDataError.UnknownAreaSource, 2)]
    [InlineData("unit,building,owner,area,area_source\n1,57,a,10,registry\n1,57,b,10,registry\n", VotingDataError.DuplicateUnit, 3)]
    [InlineData("unit,building,owner,area,area_source\n1,57,,10,registry\n", VotingDataError.MalformedId, 2)]
    public void Refuses_bad_rows_with_code_and_row(string text, VotingDataError code, int row)
    {
        var error = Assert.Throws<VotingDataException>(() => RollCsv.Parse(text));
        Assert.Equal(code, error.Error);
        Assert.Equal(row, error.Row);
    }

    [Theory]
    [InlineData("unit,choice\n1,maybe\n", VotingDataError.UnknownChoice, 2)]
    [InlineData("unit,choice\n1,Yes\n", VotingDataError.UnknownChoice, 2)]
    [InlineData("unit,vote\n", VotingDataError.WrongHeader, 1)]
    [InlineData("unit,choice\n1,yes\n1,no\n", VotingDataError.DuplicateBallot, 3)]
    [InlineData("unit,choice\n1\n", VotingDataError.WrongColumnCount, 2)]
    public void Refuses_bad_ballot_rows_with_code_and_row(string text, VotingDataError code, int row)
    {
        var error = Assert.Throws<VotingDataException>(() => BallotCsv.Parse(text));
        Assert.Equal(code, error.Error);
        Assert.Equal(row, error.Row);
    }

    [Fact]
    public void Reads_every_choice()
    {
        IReadOnlyList<Ballot> ballots = BallotCsv.Parse("unit,choice\na,yes\nb,no\nc,abstain\nd,invalid\n");
        Assert.Equal([Choice.Yes, Choice.No, Choice.Abstain, Choice.Invalid], ballots.Select(b => b.Choice));
        Assert.Equal(["yes", "no", "abstain", "invalid"], ballots.Select(b => BallotCsv.FormatChoice(b.Choice)));
    }
}
