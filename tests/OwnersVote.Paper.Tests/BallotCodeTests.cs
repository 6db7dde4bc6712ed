using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace OwnersVote.Paper.Tests;

public sealed class BallotCodeTests
{
    private static readonly BallotCode s_code = new("b57-lift-2025", "57-0101", "K7M2QX9DPA");

    [Fact]
    public void The_mac_is_the_first_16_bytes_of_hmac_sha256_over_the_utf8_signed_text_in_base64url()
    {
        byte[] key = Ballots.Key.ToArray();
        byte[] full = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("v1|b57-lift-2025|57-0101|K7M2QX9DPA"));
        string expected = Convert.ToBase64String(full, 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        string payload = s_code.Encode(Ballots.Key);

        Assert.Equal($"v1|b57-lift-2025|57-0101|K7M2QX9DPA|{expected}", payload);
        Assert.Equal(22, expected.Length);
        Assert.Equal(s_code, BallotCode.Verify(payload, Ballots.Key).Code);
    }

    [Fact]
    public void Chinese_unit_ids_are_macd_as_utf8()
    {
        var code = new BallotCode("v", "57幢-101室", "S");
        Assert.Equal(code, BallotCode.Verify(code.Encode(Ballots.Key), Ballots.Key).Code);
    }

    [Theory]
    [InlineData("v1|b57-lift-2025|57-0102|K7M2QX9DPA|{mac}")]
    [InlineData("v1|b57-lift-2025|57-0101|K7M2QX9DPB|{mac}")]
    [InlineData("v1|b57-door-2025|57-0101|K7M2QX9DPA|{mac}")]
    [InlineData("v1|b57-lift-2025|57-0101|K7M2QX9DPA|AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("v1|b57-lift-2025|57-0101|K7M2QX9DPA|{mac}A")]
    public void Altered_codes_fail_the_mac(string template)
    {
        string payload = template.Replace("{mac}", s_code.Mac(Ballots.Key), StringComparison.Ordinal);
        BallotCodeCheck check = BallotCode.Verify(payload, Ballots.Key);
        Assert.Null(check.Code);
        Assert.Equal(BallotCodeFailure.BadMac, check.Failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("v2|b57-lift-2025|57-0101|K7M2QX9DPA|x")]
    [InlineData("v1|b57-lift-2025|57-0101|K7M2QX9DPA")]
    [InlineData("v1|b57|57|S|mac|extra")]
    [InlineData("v1||57-0101|S|mac")]
    [InlineData("https://example.com/")]
    public void Codes_that_are_not_ours_are_malformed(string payload)
    {
        Assert.Equal(BallotCodeFailure.Malformed, BallotCode.Verify(payload, Ballots.Key).Failure);
    }

    [Fact]
    public void Any_single_character_changed_in_a_payload_is_refused()
    {
        string payload = s_code.Encode(Ballots.Key);
        Prop.ForAll(
            Gen.Choose(0, payload.Length - 1).Zip(Gen.Elements("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_|".ToCharArray())).ToArbitrary(),
            change =>
            {
                (int at, char c) = change;
                if (payload[at] == c)
                {
                    return true;
                }

                string altered = payload[..at] + c + payload[(at + 1)..];
                return BallotCode.Verify(altered, Ballots.Key).Code is null;
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Fields_with_a_separator_or_control_character_cannot_be_encoded()
    {
        Assert.Throws<ArgumentException>(() => new BallotCode("v", "57|01", "S").Encode(Ballots.Key));
        Assert.Throws<ArgumentException>(() => new BallotCode("v", "57\n01", "S").Encode(Ballots.Key));
        Assert.Throws<ArgumentException>(() => new BallotCode("v", "57", "").Encode(Ballots.Key));
    }

    [Fact]
    public void Keys_are_at_least_16_bytes_of_hex()
    {
        Assert.Throws<FormatException>(() => BallotKey.ParseHex("00112233"));
        Assert.Throws<FormatException>(() => BallotKey.ParseHex("zz112233445566778899aabbccddeeff"));
        Assert.Throws<FormatException>(() => BallotKey.ParseHex("0011223344556677889"));
        Assert.Equal("00112233445566778899aabbccddeeff", BallotKey.ParseHex("00112233445566778899AABBCCDDEEFF").ToHex());
        Assert.Equal(64, BallotKey.Generate().ToHex().Length);
    }
}
