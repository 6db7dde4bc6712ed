using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Voting.Events;

/// <summary>
/// Reads a JSON object field by field, each with its expected type, and fails on anything missing,
/// mistyped or left over. Every failure is an <see cref="EventFormatException"/> naming the path.
/// </summary>
internal sealed class StrictJsonObject
{
    // I-JSON (RFC 7493 §2.2): integers beyond ±2^53 are not exact in every reader.
    private const long MaxExactInteger = 9_007_199_254_740_992;

    private readonly JsonObject _obj;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private StrictJsonObject(JsonObject obj, string path)
    {
        _obj = obj;
        Path = path;
    }

    public string Path { get; }

    public static StrictJsonObject From(JsonNode? node, string path) =>
        node is JsonObject obj ? new StrictJsonObject(obj, path) : throw new EventFormatException($"{path}: expected an object.");

    public string String(string name) => AsString(Required(name), $"{Path}.{name}");

    public string NonEmptyString(string name)
    {
        string value = String(name);
        return value.Length > 0 ? value : throw new EventFormatException($"{Path}.{name}: must not be empty.");
    }

    public long Integer(string name) => AsInteger(Required(name), $"{Path}.{name}");

    public long NonNegativeInteger(string name)
    {
        long value = Integer(name);
        return value >= 0 ? value : throw new EventFormatException($"{Path}.{name}: must not be negative.");
    }

    public bool Boolean(string name)
    {
        JsonNode? node = Required(name);
        return node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? v.GetValueKind() == JsonValueKind.True
            : throw new EventFormatException($"{Path}.{name}: expected true or false.");
    }

    public DateTimeOffset Time(string name)
    {
        string text = String(name);
        return EventTime.TryParse(text, out DateTimeOffset instant)
            ? instant
            : throw new EventFormatException($"{Path}.{name}: \"{text}\" is not an RFC 3339 UTC time of the form 2025-03-01T08:30:00.000Z.");
    }

    public byte[] Base64Url(string name)
    {
        string text = String(name);
        return Base64UrlText.TryDecode(text, out byte[] bytes)
            ? bytes
            : throw new EventFormatException($"{Path}.{name}: not unpadded base64url.");
    }

    public string Sha256Hex(string name)
    {
        string text = String(name);
        return text.Length == 64 && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f')
            ? text
            : throw new EventFormatException($"{Path}.{name}: expected 64 lowercase hex digits.");
    }

    /// <summary>Whether an optional member is present (then read it with the typed accessors).</summary>
    public bool Has(string name) => _obj.ContainsKey(name);

    public JsonNode? Raw(string name) => Required(name);

    public StrictJsonObject Object(string name) => From(Required(name), $"{Path}.{name}");

    public IReadOnlyList<T> Array<T>(string name, Func<JsonNode?, string, T> item)
    {
        JsonNode? node = Required(name);
        if (node is not JsonArray array)
        {
            throw new EventFormatException($"{Path}.{name}: expected an array.");
        }

        var items = new List<T>(array.Count);
        for (int i = 0; i < array.Count; i++)
        {
            items.Add(item(array[i], $"{Path}.{name}[{i}]"));
        }

        return items;
    }

    public IReadOnlyList<string> StringArray(string name) => Array(name, AsString);

    public T Enum<T>(string name, Func<string, T?> parse)
        where T : struct
    {
        string text = String(name);
        return parse(text) ?? throw new EventFormatException($"{Path}.{name}: \"{text}\" is not one of the allowed values.");
    }

    /// <summary>Fails if the object has a member no one asked for (the schema is closed).</summary>
    public void End()
    {
        foreach (KeyValuePair<string, JsonNode?> member in _obj)
        {
            if (!_read.Contains(member.Key))
            {
                throw new EventFormatException($"{Path}: unexpected field \"{member.Key}\".");
            }
        }
    }

    public static string AsString(JsonNode? node, string path) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.TryGetValue(out string? s)
            ? s
            : throw new EventFormatException($"{path}: expected a string.");

    public static long AsInteger(JsonNode? node, string path)
    {
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            throw new EventFormatException($"{path}: expected an integer.");
        }

        string raw = v.ToJsonString();
        // Compared on both sides rather than with Math.Abs, which overflows on long.MinValue (found by fuzzing).
        bool integral = raw.Length > 0 && raw.AsSpan().TrimStart('-').ContainsAnyExcept("0123456789") == false;
        if (!integral || !long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) || value is > MaxExactInteger or < -MaxExactInteger)
        {
            throw new EventFormatException($"{path}: {raw} is not an integer within ±2^53.");
        }

        return value;
    }

    private JsonNode? Required(string name)
    {
        if (!_obj.TryGetPropertyValue(name, out JsonNode? node))
        {
            throw new EventFormatException($"{Path}: missing field \"{name}\".");
        }

        _read.Add(name);
        return node;
    }
}
