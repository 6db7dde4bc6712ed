using System.Text;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Voting.Tests.Signing;

namespace OwnersVote.Voting.Tests.Fuzzing;

/// <summary>Inputs the fuzz targets found, kept as ordinary tests after the fix (docs/fuzzing.md).</summary>
public sealed class FuzzRegressionTests
{
    [Theory]
    [InlineData("-9223372036854775808")]
    [InlineData("9223372036854775807")]
    [InlineData("-9007199254740993")]
    public void A_ballot_version_at_the_edge_of_long_is_a_format_error_not_an_overflow(string version)
    {
        // StrictJsonObject.AsInteger once took Math.Abs of long.MinValue and threw OverflowException.
        string json = Encoding.UTF8.GetString(BallotFixtures.OwnerBallot().ToCanonicalJson()).Replace("\"v\":1", $"\"v\":{version}", StringComparison.Ordinal);

        EventFormatException e = Assert.Throws<EventFormatException>(() => OwnerBallot.FromJson(Jcs.Parse(Encoding.UTF8.GetBytes(json))));
        Assert.Contains("not an integer within ±2^53", e.Message, StringComparison.Ordinal);
    }
}
