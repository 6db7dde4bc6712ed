using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Voting.Tests.Signing;

public sealed class JcsTests
{
    // RFC 8785 §3.2.2, the sample input (escapes as the RFC writes them).
    private const string RfcSampleInput = """
        {
          "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
          "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
          "literals": [null, true, false]
        }
        """;

    // RFC 8785 §3.2.4, the expected UTF-8 bytes, as printed in hex.
    private const string RfcSampleOutputHex = """
        7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72
        75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a
        5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31
        65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37
        5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30
        30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d
        """;

    public static TheoryData<string, string> AppendixB => new()
    {
        // RFC 8785 Appendix B: IEEE 754 bit pattern → ECMAScript serialization.
        { "0000000000000000", "0" },
        { "8000000000000000", "0" },
        { "0000000000000001", "5e-324" },
        { "8000000000000001", "-5e-324" },
        { "7fefffffffffffff", "1.7976931348623157e+308" },
        { "ffefffffffffffff", "-1.7976931348623157e+308" },
        { "4340000000000000", "9007199254740992" },
        { "c340000000000000", "-9007199254740992" },
        { "4430000000000000", "295147905179352830000" },
        { "44b52d02c7e14af5", "9.999999999999997e+22" },
        { "44b52d02c7e14af6", "1e+23" },
        { "44b52d02c7e14af7", "1.0000000000000001e+23" },
        { "444b1ae4d6e2ef4e", "999999999999999700000" },
        { "444b1ae4d6e2ef4f", "999999999999999900000" },
        { "444b1ae4d6e2ef50", "1e+21" },
        { "3eb0c6f7a0b5ed8c", "9.999999999999997e-7" },
        { "3eb0c6f7a0b5ed8d", "0.000001" },
        { "41b3de4355555553", "333333333.3333332" },
        { "41b3de4355555554", "333333333.33333325" },
        { "41b3de4355555555", "333333333.3333333" },
        { "41b3de4355555556", "333333333.3333334" },
        { "41b3de4355555557", "333333333.33333343" },
        { "becbf647612f3696", "-0.0000033333333333333333" },
        { "43143ff3c1cb0959", "1424953923781206.2" },
    };

    [Theory]
    [MemberData(nameof(AppendixB))]
    public void Numbers_serialize_as_in_RFC_8785_appendix_B(string ieee754, string expected)
    {
        double value = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(Convert.FromHexString(ieee754)));

        Assert.Equal(expected, EcmaScriptNumber.Format(value));
        Assert.Equal(expected, Encoding.UTF8.GetString(Jcs.Canonicalize(JsonValue.Create(value))));
    }

    [Theory]
    [InlineData("7fffffffffffffff")]
    [InlineData("7ff0000000000000")]
    [InlineData("fff0000000000000")]
    public void NaN_and_infinity_of_appendix_B_are_errors(string ieee754)
    {
        double value = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(Convert.FromHexString(ieee754)));

        Assert.Throws<JcsException>(() => EcmaScriptNumber.Format(value));
        Assert.Throws<JcsException>(() => Jcs.Canonicalize(new JsonArray(JsonValue.Create(value))));
    }

    [Fact]
    public void The_RFC_sample_object_canonicalizes_to_the_published_bytes()
    {
        byte[] expected = Convert.FromHexString(string.Concat(RfcSampleOutputHex.Split(default(char[]), StringSplitOptions.RemoveEmptyEntries)));

        Assert.Equal(expected, Jcs.Canonicalize(Encoding.UTF8.GetBytes(RfcSampleInput)));
        using JsonDocument document = JsonDocument.Parse(RfcSampleInput);
        Assert.Equal(expected, Jcs.Canonicalize(document.RootElement));
        Assert.Equal(
            """{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""",
            Encoding.UTF8.GetString(expected));
    }

    [Fact]
    public void Members_sort_by_UTF16_code_units_as_in_RFC_8785_section_3_2_3()
    {
        const string Input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;

        string canonical = Encoding.UTF8.GetString(Jcs.Canonicalize(Encoding.UTF8.GetBytes(Input)));

        string[] names = JsonNode.Parse(canonical)!.AsObject().Select(m => m.Key).ToArray();
        // The emoji (surrogates D83D DE00) sorts before U+FB33 although its code point is larger.
        Assert.Equal(["\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33"], names);
        Assert.StartsWith("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\"", canonical, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"\\u0000\\u0008\\u0009\\u000a\\u000c\\u000d\\u001f\"", "\"\\u0000\\b\\t\\n\\f\\r\\u001f\"")]
    [InlineData("\"\\u007f\\u2028/\\/\"", "\"\u007f\u2028//\"")]
    [InlineData("\"\\uD83D\\uDE00\"", "\"😀\"")]
    public void Strings_escape_only_what_ECMAScript_escapes(string input, string expected)
    {
        Assert.Equal(expected, Encoding.UTF8.GetString(Jcs.Canonicalize(Encoding.UTF8.GetBytes(input))));
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"x\":{\"b\":true,\"b\":true}}")]
    [InlineData("{\"\\u0061\":1,\"a\":2}")]
    public void Duplicate_member_names_are_rejected(string input)
    {
        JcsException e = Assert.Throws<JcsException>(() => Jcs.Parse(Encoding.UTF8.GetBytes(input)));
        Assert.Contains("duplicate", e.Message, StringComparison.Ordinal);
        using JsonDocument document = JsonDocument.Parse(input);
        Assert.Throws<JcsException>(() => Jcs.Canonicalize(document.RootElement));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{} {}")]
    [InlineData("[1,]")]
    [InlineData("/* c */ 1")]
    [InlineData("\"\\ud800\"")]
    [InlineData("1e400")]
    [InlineData("9007199254740993")]
    [InlineData("-12345678901234567890")]
    public void Invalid_or_unrepresentable_JSON_is_rejected(string input)
    {
        Assert.Throws<JcsException>(() => Jcs.Canonicalize(Encoding.UTF8.GetBytes(input)));
    }

    [Fact]
    public void Integers_up_to_two_to_the_53_are_exact()
    {
        Assert.Equal("9007199254740992", Encoding.UTF8.GetString(Jcs.Canonicalize("9007199254740992"u8)));
        Assert.Equal("-9007199254740992", Encoding.UTF8.GetString(Jcs.Canonicalize(JsonValue.Create(-9_007_199_254_740_992L))));
        Assert.Equal("123456789012", Encoding.UTF8.GetString(Jcs.Canonicalize(JsonValue.Create(123_456_789_012L))));
        Assert.Throws<JcsException>(() => Jcs.Canonicalize(JsonValue.Create(9_007_199_254_740_993L)));
    }

    [Fact]
    public void A_lone_surrogate_escaped_in_a_member_name_of_a_document_is_a_jcs_error()
    {
        using var document = JsonDocument.Parse("{\"\\ud800\":1}");
        Assert.Throws<JcsException>(() => Jcs.Canonicalize(document.RootElement));
    }

    [Fact]
    public void A_lone_surrogate_in_a_node_string_is_rejected()
    {
        Assert.Throws<JcsException>(() => Jcs.Canonicalize(new JsonObject { ["a"] = "x\ud800y" }));
    }

    [Fact]
    public void Shortest_digits_read_back_and_are_as_short_as_the_runtime_round_trip_format()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<long>(), bits =>
        {
            double value = BitConverter.Int64BitsToDouble(bits);
            if (!double.IsFinite(value))
            {
                return true;
            }

            string text = EcmaScriptNumber.Format(value);
            double back = double.Parse(text, CultureInfo.InvariantCulture);
            return back == value && SignificantDigits(text) == SignificantDigits(value.ToString("R", CultureInfo.InvariantCulture));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(20_000));
    }

    [Fact]
    public void Canonical_form_is_a_fixed_point()
    {
        Prop.ForAll(JsonArbitrary(), node =>
        {
            byte[] once = Jcs.Canonicalize(node);
            byte[] twice = Jcs.Canonicalize(Jcs.Parse(once));
            return once.AsSpan().SequenceEqual(twice);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Member_order_of_the_input_does_not_matter()
    {
        Prop.ForAll(JsonArbitrary(), ArbMap.Default.ArbFor<int>(), (node, seed) =>
        {
            JsonNode? shuffled = Shuffle(node, new Random(seed));
            return Jcs.Canonicalize(node).AsSpan().SequenceEqual(Jcs.Canonicalize(shuffled));
        }).QuickCheckThrowOnFailure();
    }

    private static int SignificantDigits(string text)
    {
        string mantissa = text.TrimStart('-').Split('e', 'E')[0].Replace(".", "", StringComparison.Ordinal);
        return mantissa.Trim('0').Length;
    }

    private static JsonNode? Shuffle(JsonNode? node, Random random) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(m => KeyValuePair.Create(m.Key, Shuffle(m.Value, random))).OrderBy(_ => random.Next())),
        JsonArray array => new JsonArray(array.Select(item => Shuffle(item, random)).ToArray()),
        _ => node?.DeepClone(),
    };

    private static Arbitrary<JsonNode?> JsonArbitrary()
    {
        Gen<string> names = Gen.Elements("a", "b", "B", "é", "€", "😀", "\ufb33", "\u0001", "10", "1", "aa", "");
        Gen<JsonNode?> leaf = Gen.OneOf(
            Gen.Constant<JsonNode?>(null),
            ArbMap.Default.GeneratorFor<bool>().Select(b => (JsonNode?)JsonValue.Create(b)),
            ArbMap.Default.GeneratorFor<NormalFloat>().Select(f => (JsonNode?)JsonValue.Create(f.Get)),
            Gen.Choose(-1_000_000, 1_000_000).Select(i => (JsonNode?)JsonValue.Create((long)i * 1_000_003)),
            ArbMap.Default.GeneratorFor<string>().Where(s => s is not null && !HasLoneSurrogate(s)).Select(s => (JsonNode?)JsonValue.Create(s)));

        Gen<JsonNode?> Tree(int size) => size <= 0
            ? leaf
            : Gen.OneOf(
                leaf,
                Gen.Choose(0, 4).SelectMany(n => Gen.ListOf(Tree(size / 3), n)).Select(items => (JsonNode?)new JsonArray(items.ToArray())),
                Gen.Choose(0, 5).SelectMany(n => Gen.ListOf(Gen.Zip(names, Tree(size / 3)), n)).Select(members =>
                {
                    var obj = new JsonObject();
                    foreach ((string name, JsonNode? value) in members)
                    {
                        obj[name] = value;
                    }

                    return (JsonNode?)obj;
                }));

        return Gen.Sized(Tree).ToArbitrary();
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }

        return false;
    }
}
