using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OwnersVote.Voting.Signing;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785): one byte string per JSON value, so that hashes and
/// signatures over JSON are repeatable. Object members are sorted by their names' UTF-16 code units,
/// numbers are written as ECMAScript writes them, strings are escaped minimally, no whitespace.
/// </summary>
public static partial class Jcs
{
    // 2^53: the largest magnitude up to which every integer is an exact IEEE 754 double (I-JSON, RFC 7493 §2.2).
    private const long MaxExactInteger = 9_007_199_254_740_992;

    // The characters WriteString must look at: '"', '\\', U+0000–U+001F and surrogates.
    private static readonly System.Buffers.SearchValues<char> s_needsCare = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), '"', '\\', .. Enumerable.Range(0xD800, 0x800).Select(c => (char)c)]);

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonReaderOptions s_readerOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 64,
    };

    /// <summary>Canonical UTF-8 bytes of a JSON value held as a <see cref="JsonNode"/> (null is JSON <c>null</c>).</summary>
    /// <exception cref="JcsException">The value holds NaN or infinity, an integer beyond 2^53 or an invalid string.</exception>
    public static byte[] Canonicalize(JsonNode? node)
    {
        var text = new StringBuilder(256);
        Write(text, node, "$");
        return s_strictUtf8.GetBytes(text.ToString());
    }

    /// <summary>Canonical UTF-8 bytes of a parsed JSON element.</summary>
    /// <exception cref="JcsException">The element holds duplicate member names, a number out of range or an invalid string.</exception>
    public static byte[] Canonicalize(JsonElement element)
    {
        var text = new StringBuilder(256);
        Write(text, element, "$");
        return s_strictUtf8.GetBytes(text.ToString());
    }

    /// <summary>Parses UTF-8 JSON text strictly and returns its canonical bytes.</summary>
    /// <exception cref="JcsException">The text is not one valid JSON value or repeats a member name.</exception>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json) => Canonicalize(Parse(utf8Json));

    /// <summary>
    /// Parses exactly one UTF-8 JSON value (no comments, no trailing commas, nothing after it) into a
    /// <see cref="JsonNode"/>, rejecting an object that repeats a member name (RFC 8785 §3.1: input
    /// "MUST" be I-JSON, and I-JSON, RFC 7493 §2.3, forbids duplicate names).
    /// </summary>
    /// <exception cref="JcsException">The text is not valid JSON, is empty, or repeats a member name.</exception>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, s_readerOptions);
        try
        {
            if (!reader.Read())
            {
                throw new JcsException("The JSON text is empty.");
            }

            JsonNode? root = ReadValue(ref reader, "$");
            if (reader.Read())
            {
                throw new JcsException($"Unexpected {reader.TokenType} after the JSON value at byte {reader.TokenStartIndex}.");
            }

            return root;
        }
        catch (JsonException e)
        {
            throw new JcsException($"Invalid JSON: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader.GetString throws this for escapes that do not form valid UTF-16 (a lone surrogate).
            throw new JcsException($"Invalid JSON string: {e.Message}", e);
        }
    }

    private static JsonNode? ReadValue(ref Utf8JsonReader reader, string path)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new JsonObject();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    string name = reader.GetString()!; // A PropertyName token always has a string.
                    if (obj.ContainsKey(name))
                    {
                        throw new JcsException($"RFC 8785 §3.1: duplicate member name \"{name}\" in {path}.");
                    }

                    reader.Read();
                    obj.Add(name, ReadValue(ref reader, $"{path}.{name}"));
                }

                return obj;
            case JsonTokenType.StartArray:
                var array = new JsonArray();
                int index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    array.Add(ReadValue(ref reader, $"{path}[{index}]"));
                    index++;
                }

                return array;
            case JsonTokenType.String:
                return JsonValue.Create(reader.GetString());
            case JsonTokenType.Number:
                // Keep the number's text; its value is fixed when it is canonicalized.
                return JsonValue.Create(JsonElement.ParseValue(ref reader));
            case JsonTokenType.True:
                return JsonValue.Create(true);
            case JsonTokenType.False:
                return JsonValue.Create(false);
            case JsonTokenType.Null:
                return null;
            default:
                throw new JcsException($"Unexpected {reader.TokenType} at {path}.");
        }
    }

    private static void Write(StringBuilder text, JsonNode? node, string path)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                return;
            case JsonObject obj:
                // RFC 8785 §3.2.3: members sorted by name as arrays of UTF-16 code units; the ordinal
                // string comparison compares exactly those, independent of culture.
                var members = obj.ToList();
                members.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
                text.Append('{');
                for (int i = 0; i < members.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    WriteString(text, members[i].Key, path);
                    text.Append(':');
                    Write(text, members[i].Value, $"{path}.{members[i].Key}");
                }

                text.Append('}');
                return;
            case JsonArray array:
                text.Append('[');
                for (int i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    Write(text, array[i], $"{path}[{i}]");
                }

                text.Append(']');
                return;
            case JsonValue value:
                WriteValue(text, value, path);
                return;
            default:
                throw new JcsException($"Unsupported JSON node {node.GetType().Name} at {path}.");
        }
    }

    private static void WriteValue(StringBuilder text, JsonValue value, string path)
    {
        if (value.TryGetValue(out JsonElement element))
        {
            Write(text, element, path);
            return;
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.True:
                text.Append("true");
                return;
            case JsonValueKind.False:
                text.Append("false");
                return;
            case JsonValueKind.Null:
                text.Append("null");
                return;
            case JsonValueKind.String:
                WriteString(text, value.TryGetValue(out string? s) ? s : JsonDocument.Parse(value.ToJsonString()).RootElement.GetString()!, path);
                return;
            case JsonValueKind.Number:
                if (value.TryGetValue(out double d) && !double.IsFinite(d))
                {
                    throw new JcsException($"RFC 8785 §3.2.2.3: {d.ToString(CultureInfo.InvariantCulture)} at {path} is not a JSON number.");
                }

                if (value.TryGetValue(out float f) && !float.IsFinite(f))
                {
                    throw new JcsException($"RFC 8785 §3.2.2.3: {f.ToString(CultureInfo.InvariantCulture)} at {path} is not a JSON number.");
                }

                WriteNumber(text, value.ToJsonString(), path);
                return;
            default:
                throw new JcsException($"Unsupported JSON value kind {value.GetValueKind()} at {path}.");
        }
    }

    private static void Write(StringBuilder text, JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                List<(string Name, JsonElement Value)> members;
                try
                {
                    members = [.. element.EnumerateObject().Select(p => (p.Name, p.Value))];
                }
                catch (InvalidOperationException e)
                {
                    // A member name whose escapes are not valid UTF-16 (a lone surrogate; found by
                    // the differential test against Jcs.IsCanonical).
                    throw new JcsException($"Invalid JSON member name in {path}: {e.Message}", e);
                }

                members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                text.Append('{');
                for (int i = 0; i < members.Count; i++)
                {
                    if (i > 0)
                    {
                        if (members[i].Name == members[i - 1].Name)
                        {
                            throw new JcsException($"RFC 8785 §3.1: duplicate member name \"{members[i].Name}\" in {path}.");
                        }

                        text.Append(',');
                    }

                    WriteString(text, members[i].Name, path);
                    text.Append(':');
                    Write(text, members[i].Value, $"{path}.{members[i].Name}");
                }

                text.Append('}');
                return;
            case JsonValueKind.Array:
                text.Append('[');
                int index = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    if (index > 0)
                    {
                        text.Append(',');
                    }

                    Write(text, item, $"{path}[{index}]");
                    index++;
                }

                text.Append(']');
                return;
            case JsonValueKind.String:
                string s;
                try
                {
                    s = element.GetString()!;
                }
                catch (InvalidOperationException e)
                {
                    throw new JcsException($"Invalid JSON string at {path}: {e.Message}", e);
                }

                WriteString(text, s, path);
                return;
            case JsonValueKind.Number:
                WriteNumber(text, element.GetRawText(), path);
                return;
            case JsonValueKind.True:
                text.Append("true");
                return;
            case JsonValueKind.False:
                text.Append("false");
                return;
            case JsonValueKind.Null:
                text.Append("null");
                return;
            default:
                throw new JcsException($"Unsupported JSON value kind {element.ValueKind} at {path}.");
        }
    }

    // RFC 8785 §3.2.2.3: numbers are IEEE 754 doubles written by ECMAScript's Number::toString.
    private static void WriteNumber(StringBuilder text, string raw, string path)
    {
        bool isIntegerLiteral = raw.AsSpan().IndexOfAny(".eE") < 0;
        if (isIntegerLiteral)
        {
            // An integer literal beyond 2^53 would silently become a different integer as a double;
            // refuse it rather than sign a value nobody wrote (I-JSON, RFC 7493 §2.2).
            // The exception is a literal that already is the canonical spelling of its double:
            // Number::toString writes magnitudes in [2^53, 10^21) as plain digits, and canonical
            // output must read back (found by fuzzing: 1e20 canonicalized to digits refused here).
            string digits = raw.TrimStart('-');
            if ((digits.Length > 16 || long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) > MaxExactInteger)
                && EcmaScriptNumber.Format(double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture)) != raw)
            {
                throw new JcsException($"The integer {raw} at {path} is beyond 2^53 and has no exact IEEE 754 double.");
            }
        }

        double value = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            throw new JcsException($"RFC 8785 §3.2.2.3: the number {raw} at {path} overflows an IEEE 754 double.");
        }

        text.Append(EcmaScriptNumber.Format(value));
    }

    // RFC 8785 §3.2.2.2 (ECMAScript QuoteJSONString): escape '"', '\\' and U+0000–U+001F only; the
    // five with short forms use them (\b \t \n \f \r), the rest \u00xx in lowercase hex; every other
    // character, '/' and non-ASCII included, is written as is.
    private static void WriteString(StringBuilder text, string s, string path)
    {
        text.Append('"');

        // Most strings (ids, base64url, hashes, Chinese text) need no escape and hold no surrogate:
        // written whole. Otherwise from the first such character on, one by one.
        int first = s.AsSpan().IndexOfAny(s_needsCare);
        if (first < 0)
        {
            text.Append(s).Append('"');
            return;
        }

        text.Append(s, 0, first);
        for (int i = first; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                text.Append(c).Append(s[i + 1]);
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                // RFC 8785 §3.2.2.2: lone surrogates "MUST cause an error".
                throw new JcsException($"RFC 8785 §3.2.2.2: a lone surrogate U+{(int)c:X4} in a string at {path}.");
            }

            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\b':
                    text.Append("\\b");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\f':
                    text.Append("\\f");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                default:
                    if (c < 0x20)
                    {
                        text.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }
}
