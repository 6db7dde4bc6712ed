using System.Text;
using FsCheck;
using FsCheck.Fluent;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Voting.Tests.Signing;

public sealed class Base64UrlTextTests
{
    [Fact]
    public void Utf8_text_decodes_exactly_as_the_same_text_as_a_string()
    {
        // Mostly the alphabet, with padding, whitespace and characters of other alphabets mixed in.
        Gen<string> text = Gen.Choose(0, 12).SelectMany(n => Gen.ListOf(Gen.Elements("A", "Q", "g", "w", "z", "0", "9", "-", "_", "AA", "QQ", "=", "+", "/", " ", "\n", "é"), n)).Select(parts => string.Concat(parts));
        int accepted = 0;
        Prop.ForAll(text.ToArbitrary(), s =>
        {
            bool fromString = Base64UrlText.TryDecode(s, out byte[] expected);
            bool fromUtf8 = Base64UrlText.TryDecode(Encoding.UTF8.GetBytes(s), out byte[] actual);
            Assert.Equal(fromString, fromUtf8);
            Assert.Equal(expected, actual);
            accepted += fromUtf8 ? 1 : 0;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(3_000));
        Assert.True(accepted > 100, $"{accepted} accepted");
    }

    [Theory]
    [InlineData("AQ", true)]
    [InlineData("AR", false)]
    [InlineData("AQ==", false)]
    [InlineData("A Q", false)]
    [InlineData("A", false)]
    [InlineData("", true)]
    public void Only_the_canonical_unpadded_spelling_decodes(string text, bool valid)
    {
        Assert.Equal(valid, Base64UrlText.TryDecode(Encoding.UTF8.GetBytes(text), out _));
        Assert.Equal(valid, Base64UrlText.TryDecode(text, out _));
    }
}
