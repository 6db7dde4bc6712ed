using System.Globalization;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Voting.Tests.Signing;

/// <summary>
/// <see cref="Jcs.IsCanonical"/> (one streaming pass) against the tree path it replaced in
/// <c>EventCodec.Decode</c>: parse into a JsonNode, canonicalize, compare bytes — and against
/// canonicalizing System.Text.Json's own JsonDocument. The inputs are generated JSON texts written
/// canonically or, at random decision points, in one of the other spellings JSON allows.
/// </summary>
public sealed class JcsIsCanonicalTests
{
    // Names and string characters whose UTF-16 and UTF-8 orders differ (U+E000–U+FFFF against
    // supplementary characters), that need escapes, or that must stay unescaped.
    private static readonly string[] s_names = ["", "a", "b", "B", "aa", "é", "€", "😀", "\uE000", "\uFFFD", "\u007F", "\u0000", "\u001F", "\"", "\\", "/", "\u2028", "景", "10", "1"];

    private static readonly string[] s_chars = ["a", "Z", " ", "é", "😀", "\uE000", "景", "\u2028", "/", "\"", "\\", "\b", "\t", "\n", "\f", "\r", "\u0000", "\u0001", "\u001F", "\u007F"];

    // Spellings of numbers: canonical ones and other spellings of the same or of unrepresentable values.
    private static readonly string[] s_numbers =
    [
        "0", "-0", "1", "-1", "1.0", "1e2", "1E2", "100", "0.1", "0.10", ".1e1", "1e21", "1e+21", "1e+22", "1E+21",
        "100000000000000000000", "1000000000000000000000", "123456789012345680000", "123456789012345678901",
        "9007199254740992", "9007199254740993", "-9007199254740992", "999999999999999", "1000000000000000",
        "5e-324", "5E-324", "4.9e-324", "1.7976931348623157e+308", "1e400", "-1e400", "1.5e-7", "1.5e-07", "0.0000015",
        "333333333.3333333", "333333333.33333329", "2e-3", "0.002", "4.5", "4.50", "-0.0", "0e0",
    ];

    [Fact]
    public void The_streaming_check_agrees_with_canonicalizing_the_parsed_tree()
    {
        int canonical = 0, other = 0;
        Prop.ForAll(Texts(), text =>
        {
            bool streaming = Jcs.IsCanonical(text);
            Assert.Equal(ThroughTree(text), streaming);
            if (streaming)
            {
                canonical++;
            }
            else
            {
                other++;
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(5_000));

        // Both outcomes were reached, so the agreement is not vacuous.
        Assert.True(canonical > 500 && other > 500, $"{canonical} canonical, {other} not");
    }

    [Fact]
    public void The_streaming_check_agrees_with_canonicalizing_a_json_document()
    {
        Prop.ForAll(Texts(), text =>
        {
            bool viaDocument;
            try
            {
                using var document = JsonDocument.Parse(text);
                viaDocument = Jcs.Canonicalize(document.RootElement).AsSpan().SequenceEqual(text);
            }
            catch (Exception e) when (e is JsonException or JcsException)
            {
                viaDocument = false;
            }

            Assert.Equal(viaDocument, Jcs.IsCanonical(text));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2_000));
    }

    [Fact]
    public void Each_byte_mutation_of_a_canonical_text_is_judged_as_the_tree_judges_it()
    {
        Gen<(byte[] Text, int Seed)> gen = Texts().Generator.Where(t => Jcs.IsCanonical(t)).SelectMany(_ => ArbMap.Default.GeneratorFor<int>(), (t, s) => (t, s));
        Prop.ForAll(gen.ToArbitrary(), pair =>
        {
            var random = new Random(pair.Seed);
            byte[] mutant = [.. pair.Text];
            int at = random.Next(mutant.Length);
            switch (random.Next(3))
            {
                case 0:
                    mutant[at] = (byte)random.Next(256);
                    break;
                case 1:
                    ReadOnlySpan<byte> inserts = " \t\n\r,:\\\"0e.-{}[]"u8;
                    mutant = [.. mutant[..at], inserts[random.Next(inserts.Length)], .. mutant[at..]];
                    break;
                default:
                    mutant = [.. mutant[..at], .. mutant[(at + 1)..]];
                    break;
            }

            Assert.Equal(ThroughTree(mutant), Jcs.IsCanonical(mutant));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(5_000));
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":1}")]
    [InlineData("{\"b\":1,\"a\":1}")]
    [InlineData("{\"\uE000\":1,\"😀\":1}")]
    [InlineData("{\"a\":1} ")]
    [InlineData(" {\"a\":1}")]
    [InlineData("{\"a\": 1}")]
    [InlineData("[1 ,2]")]
    [InlineData("\"\\u0041\"")]
    [InlineData("\"\\/\"")]
    [InlineData("\"\\u001F\"")]
    [InlineData("\"\\u000a\"")]
    [InlineData("\"\\ud83d\\ude00\"")]
    [InlineData("\"\\ud800\"")]
    [InlineData("-0")]
    [InlineData("1.0")]
    [InlineData("1E+21")]
    [InlineData("9007199254740993")]
    [InlineData("1e400")]
    [InlineData("")]
    [InlineData("{\"a\":1}{}")]
    public void Spellings_the_tree_rejects_are_rejected(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        Assert.False(ThroughTree(utf8));
        Assert.False(Jcs.IsCanonical(utf8));
    }

    [Theory]
    [InlineData("{\"😀\":1,\"\uE000\":1}")]
    [InlineData("\"\\u001f\\n\\\"\\\\/€\u2028\"")]
    [InlineData("[1e+21,100000000000000000000,5e-324,-1.5,0]")]
    [InlineData("{\"\":{},\"a\":[[],{\"a\":null}],\"b\":true}")]
    public void Canonical_spellings_are_accepted(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        Assert.True(ThroughTree(utf8));
        Assert.True(Jcs.IsCanonical(utf8));
    }

    [Fact]
    public void Invalid_utf8_inside_a_string_is_rejected()
    {
        byte[] text = [(byte)'"', 0xC3, (byte)'"'];
        Assert.False(ThroughTree(text));
        Assert.False(Jcs.IsCanonical(text));
    }

    [Fact]
    public void Nesting_beyond_64_levels_is_rejected_as_the_parser_rejects_it()
    {
        byte[] deep = Encoding.UTF8.GetBytes(new string('[', 65) + new string(']', 65));
        byte[] allowed = Encoding.UTF8.GetBytes(new string('[', 64) + new string(']', 64));
        Assert.False(ThroughTree(deep));
        Assert.False(Jcs.IsCanonical(deep));
        Assert.True(ThroughTree(allowed));
        Assert.True(Jcs.IsCanonical(allowed));
    }

    // The decoder's former check: the entry parses and canonicalizes to itself.
    private static bool ThroughTree(byte[] text)
    {
        try
        {
            return Jcs.Canonicalize(Jcs.Parse(text)).AsSpan().SequenceEqual(text);
        }
        catch (JcsException)
        {
            return false;
        }
    }

    private abstract record Json;

    private sealed record JsonObj(IReadOnlyList<(string Name, Json Value)> Members) : Json;

    private sealed record JsonArr(IReadOnlyList<Json> Items) : Json;

    private sealed record JsonStr(string Value) : Json;

    private sealed record JsonLit(string Text) : Json;

    private static Arbitrary<byte[]> Texts()
    {
        Gen<string> text = Gen.Choose(0, 6).SelectMany(n => Gen.ListOf(Gen.Elements(s_chars), n)).Select(parts => string.Concat(parts));
        Gen<Json> leaf = Gen.OneOf(
            Gen.Elements(s_numbers).Select(n => (Json)new JsonLit(n)),
            Gen.Elements("true", "false", "null").Select(l => (Json)new JsonLit(l)),
            Gen.Choose(-2_000_000, 2_000_000).Select(i => (Json)new JsonLit(i.ToString(CultureInfo.InvariantCulture))),
            text.Select(s => (Json)new JsonStr(s)));

        Gen<Json> Tree(int size) => size <= 0
            ? leaf
            : Gen.OneOf(
                leaf,
                Gen.Choose(0, 4).SelectMany(n => Gen.ListOf(Tree(size / 3), n)).Select(items => (Json)new JsonArr([.. items])),
                Gen.Choose(0, 5).SelectMany(n => Gen.ListOf(Gen.Zip(Gen.OneOf(Gen.Elements(s_names), text), Tree(size / 3)), n)).Select(members => (Json)new JsonObj([.. members])));

        // noise: the chance, per decision, of a spelling other than the canonical one.
        Gen<byte[]> written =
            from tree in Gen.Sized(Tree)
            from noise in Gen.Elements(0.0, 0.0, 0.01, 0.05, 0.2)
            from seed in ArbMap.Default.GeneratorFor<int>()
            select Write(tree, noise, seed);
        return written.ToArbitrary();
    }

    private static byte[] Write(Json tree, double noise, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        bool Deviate() => noise > 0 && random.NextDouble() < noise;
        void Space()
        {
            if (Deviate())
            {
                text.Append(" \t\n\r"[random.Next(4)]);
            }
        }

        void String(string s)
        {
            text.Append('"');
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (Deviate())
                {
                    // Another spelling: an escape of any character (surrogates as a pair of escapes), or \/.
                    text.Append(c == '/' && random.Next(2) == 0 ? "\\/" : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"));
                    continue;
                }

                switch (c)
                {
                    case '"': text.Append("\\\""); break;
                    case '\\': text.Append("\\\\"); break;
                    case '\b': text.Append("\\b"); break;
                    case '\t': text.Append("\\t"); break;
                    case '\n': text.Append("\\n"); break;
                    case '\f': text.Append("\\f"); break;
                    case '\r': text.Append("\\r"); break;
                    case < ' ': text.Append(string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}")); break;
                    default: text.Append(c); break;
                }
            }

            text.Append('"');
        }

        void Value(Json json)
        {
            Space();
            switch (json)
            {
                case JsonLit lit:
                    text.Append(lit.Text);
                    break;
                case JsonStr str:
                    String(str.Value);
                    break;
                case JsonArr arr:
                    text.Append('[');
                    for (int i = 0; i < arr.Items.Count; i++)
                    {
                        if (i > 0)
                        {
                            text.Append(',');
                        }

                        Value(arr.Items[i]);
                    }

                    Space();
                    text.Append(']');
                    break;
                case JsonObj obj:
                    // Canonically sorted by UTF-16 code units and without repeats; a deviation keeps
                    // the generated order and repeats.
                    IEnumerable<(string Name, Json Value)> members = Deviate()
                        ? obj.Members
                        : obj.Members.DistinctBy(m => m.Name, StringComparer.Ordinal).OrderBy(m => m.Name, StringComparer.Ordinal);
                    text.Append('{');
                    bool first = true;
                    foreach ((string name, Json value) in members)
                    {
                        if (!first)
                        {
                            text.Append(',');
                        }

                        first = false;
                        Space();
                        String(name);
                        Space();
                        text.Append(':');
                        Value(value);
                    }

                    Space();
                    text.Append('}');
                    break;
            }

            Space();
        }

        Value(tree);
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
