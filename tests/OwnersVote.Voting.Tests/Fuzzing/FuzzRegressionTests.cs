using System.Text;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Voting.Tests.Signing;

namespace OwnersVote.Voting.Tests.Fuzzing;

/// <summary>Inputs the fuzz targets found, kept as ordinary tests after the fix (docs/fuzzing.md).</summary>
public sealed class FuzzRegressionTests
{
    [Theory]
    [InlineData("[12345678901234568000.5]", "[12345678901234567000]")]
    [InlineData("1e20", "100000000000000000000")]
    [InlineData("-9007199254740994.0", "-9007199254740994")]
    [InlineData("9.99e20", "999000000000000000000")]
    [InlineData("9007199254740992.0", "9007199254740992")]
    [InlineData("1e21", "1e+21")]
    public void Canonical_output_reads_back_even_for_doubles_written_as_integers_beyond_2_to_the_53(string json, string canonical)
    {
        // Jcs.Canonicalize once wrote these as plain digits that it then refused to read back.
        byte[] once = Jcs.Canonicalize(Encoding.UTF8.GetBytes(json));

        Assert.Equal(canonical, Encoding.UTF8.GetString(once));
        Assert.Equal(once, Jcs.Canonicalize(once));
    }

    [Theory]
    [InlineData("9007199254740993")]
    [InlineData("12345678901234567890")]
    [InlineData("-100000000000000000001")]
    public void An_integer_literal_beyond_2_to_the_53_that_a_double_would_change_is_still_refused(string json)
    {
        JcsException e = Assert.Throws<JcsException>(() => Jcs.Canonicalize(Encoding.UTF8.GetBytes(json)));
        Assert.Contains("beyond 2^53", e.Message, StringComparison.Ordinal);
    }

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

    [Theory]
    [InlineData(new byte[] { 0x01, 0x00, 0x04 })]
    [InlineData(new byte[] { 0x01 })]
    [InlineData(new byte[] { 0x00 })]
    public void An_rs256_cose_key_the_platform_cannot_import_is_refused_at_parse_time(byte[] exponent)
    {
        // CoseKey.TryParse once accepted these, and Verify then threw CryptographicException ("bad e value").
        byte[] modulus = [0xC0, .. Enumerable.Range(1, 254).Select(i => (byte)(i * 7)), 0x01];
        byte[] cose = [0xA4, 0x01, 0x03, 0x03, 0x39, 0x01, 0x00, 0x20, 0x59, 0x01, 0x00, .. modulus, 0x21, (byte)(0x40 | exponent.Length), .. exponent];

        Assert.False(CoseKey.TryParse(cose, out CoseKey? key));
        Assert.Null(key);
    }

    [Fact]
    public void An_rs256_cose_key_with_exponent_65537_still_parses()
    {
        byte[] modulus = [0xC0, .. Enumerable.Range(1, 254).Select(i => (byte)(i * 7)), 0x01];
        byte[] cose = [0xA4, 0x01, 0x03, 0x03, 0x39, 0x01, 0x00, 0x20, 0x59, 0x01, 0x00, .. modulus, 0x21, 0x43, 0x01, 0x00, 0x01];

        Assert.True(CoseKey.TryParse(cose, out CoseKey? key));
        Assert.False(key!.Verify("data"u8, new byte[256]));
    }
}
