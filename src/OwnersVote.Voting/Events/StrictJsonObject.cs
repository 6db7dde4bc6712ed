using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Voting.Events;

/// <summary>
/// Reads a JSON object field by field, each with its expected type, and fails on anything missing,
/// mistyped or left over. Every failure is an <see cref="EventFormatException"/> naming the path;
/// the path is only spelled out when a message needs it.
/// </summary>
internal sealed class StrictJsonObject
{
    // I-JSON (RFC 7493 §2.2): integers beyond ±2^53 are not exact in every reader.
    private const long MaxExactInteger = 9_007_199_254_740_992;

    private readonly JsonElement _obj;
    private readonly StrictJsonObject? _parent;
    private readonly string _name;
    private readonly int _index;
    private string? _path;

    // Which members were read, by position: a bit each for the first 64, a set beyond.
    private ulong _read;
    private HashSet<int>? _readBeyond;

    private StrictJsonObject(JsonElement obj, StrictJsonObject? parent, string nameOrPath, int index)
    {
        _obj = obj;
        _parent = parent;
        _name = nameOrPath;
        _index = index;
        _path = parent is null ? nameOrPath : null;
    }

    /// <summary>Where this object is, as <c>$.payload.units[3]</c>.</summary>
    public string Path => _path ??= _index < 0 ? $"{_parent!.Path}.{_name}" : string.Create(CultureInfo.InvariantCulture, $"{_parent!.Path}.{_name}[{_index}]");

    /// <summary>The object at the root of a parsed entry, at <paramref name="path"/>.</summary>
    public static StrictJsonObject From(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Object ? new StrictJsonObject(element, null, path, -1) : throw new EventFormatException($"{path}: expected an object.");

    /// <summary>An object held as a <see cref="JsonNode"/> (a ballot or mandate built or parsed apart from an entry).</summary>
    public static StrictJsonObject From(JsonNode? node, string path)
    {
        if (node is not JsonObject obj)
        {
            throw new EventFormatException($"{path}: expected an object.");
        }

        using JsonDocument document = JsonDocument.Parse(obj.ToJsonString());
        return From(document.RootElement.Clone(), path);
    }

    public string String(string name) => ReadString(Required(name), this, name, -1);

    public string NonEmptyString(string name)
    {
        string value = String(name);
        return value.Length > 0 ? value : throw new EventFormatException($"{Path}.{name}: must not be empty.");
    }

    public long Integer(string name) => ReadInteger(Required(name), this, name, -1);

    public long NonNegativeInteger(string name)
    {
        long value = Integer(name);
        return value >= 0 ? value : throw new EventFormatException($"{Path}.{name}: must not be negative.");
    }

    public bool Boolean(string name) => Required(name).ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new EventFormatException($"{Path}.{name}: expected true or false."),
    };

    public DateTimeOffset Time(string name)
    {
        string text = String(name);
        return EventTime.TryParse(text, out DateTimeOffset instant)
            ? instant
            : throw new EventFormatException($"{Path}.{name}: \"{text}\" is not an RFC 3339 UTC time of the form 2025-03-01T08:30:00.000Z.");
    }

    public byte[] Base64Url(string name)
    {
        JsonElement element = Required(name);
        // The base64url alphabet needs no escape: without one, the raw text between the quotes is the value.
        if (element.ValueKind == JsonValueKind.String && JsonMarshal.GetRawUtf8Value(element)[1..^1] is var raw && !raw.Contains((byte)'\\'))
        {
            return Base64UrlText.TryDecode(raw, out byte[] decoded)
                ? decoded
                : throw new EventFormatException($"{Path}.{name}: not unpadded base64url.");
        }

        string text = ReadString(element, this, name, -1);
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
    public bool Has(string name) => _obj.TryGetProperty(name, out _);

    public StrictJsonObject Object(string name)
    {
        JsonElement element = Required(name);
        return element.ValueKind == JsonValueKind.Object ? new StrictJsonObject(element, this, name, -1) : throw new EventFormatException($"{Path}.{name}: expected an object.");
    }

    public IReadOnlyList<T> Array<T>(string name, Func<StrictJsonValue, T> item)
    {
        JsonElement array = Required(name);
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new EventFormatException($"{Path}.{name}: expected an array.");
        }

        var items = new List<T>(array.GetArrayLength());
        int i = 0;
        foreach (JsonElement element in array.EnumerateArray())
        {
            items.Add(item(new StrictJsonValue(element, this, name, i)));
            i++;
        }

        return items;
    }

    public IReadOnlyList<string> StringArray(string name) => Array(name, item => item.String());

    public T Enum<T>(string name, Func<string, T?> parse)
        where T : struct
    {
        string text = String(name);
        return parse(text) ?? throw new EventFormatException($"{Path}.{name}: \"{text}\" is not one of the allowed values.");
    }

    /// <summary>Fails if the object has a member no one asked for (the schema is closed).</summary>
    public void End()
    {
        int position = 0;
        foreach (JsonProperty member in _obj.EnumerateObject())
        {
            if (!WasRead(position))
            {
                throw new EventFormatException($"{Path}: unexpected field \"{member.Name}\".");
            }

            position++;
        }
    }

    internal static StrictJsonObject ReadObject(JsonElement element, StrictJsonObject parent, string name, int index) =>
        element.ValueKind == JsonValueKind.Object ? new StrictJsonObject(element, parent, name, index) : throw new EventFormatException($"{PathOf(parent, name, index)}: expected an object.");

    internal static string ReadString(JsonElement element, StrictJsonObject parent, string name, int index) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw new EventFormatException($"{PathOf(parent, name, index)}: expected a string.");

    internal static long ReadInteger(JsonElement element, StrictJsonObject parent, string name, int index)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            throw new EventFormatException($"{PathOf(parent, name, index)}: expected an integer.");
        }

        ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8Value(element);
        // Compared on both sides rather than with Math.Abs, which overflows on long.MinValue (found by fuzzing).
        bool integral = raw.Length > 0 && !(raw[0] == '-' ? raw[1..] : raw).ContainsAnyExceptInRange((byte)'0', (byte)'9');
        if (!integral || !long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) || value is > MaxExactInteger or < -MaxExactInteger)
        {
            throw new EventFormatException($"{PathOf(parent, name, index)}: {Encoding.UTF8.GetString(raw)} is not an integer within ±2^53.");
        }

        return value;
    }

    internal static string PathOf(StrictJsonObject parent, string name, int index) =>
        index < 0 ? $"{parent.Path}.{name}" : string.Create(CultureInfo.InvariantCulture, $"{parent.Path}.{name}[{index}]");

    private JsonElement Required(string name)
    {
        int position = 0;
        foreach (JsonProperty member in _obj.EnumerateObject())
        {
            if (member.NameEquals(name))
            {
                MarkRead(position);
                return member.Value;
            }

            position++;
        }

        throw new EventFormatException($"{Path}: missing field \"{name}\".");
    }

    private void MarkRead(int position)
    {
        if (position < 64)
        {
            _read |= 1UL << position;
        }
        else
        {
            (_readBeyond ??= []).Add(position);
        }
    }

    private bool WasRead(int position) =>
        position < 64 ? (_read & (1UL << position)) != 0 : _readBeyond?.Contains(position) == true;
}

/// <summary>One item of an array read by <see cref="StrictJsonObject.Array{T}"/>, typed on demand.</summary>
internal readonly struct StrictJsonValue
{
    private readonly JsonElement _element;
    private readonly StrictJsonObject _parent;
    private readonly string _name;
    private readonly int _index;

    public StrictJsonValue(JsonElement element, StrictJsonObject parent, string name, int index)
    {
        _element = element;
        _parent = parent;
        _name = name;
        _index = index;
    }

    /// <summary>Where the item is, as <c>$.payload.units[3]</c>.</summary>
    public string Path => StrictJsonObject.PathOf(_parent, _name, _index);

    public string String() => StrictJsonObject.ReadString(_element, _parent, _name, _index);

    public long Integer() => StrictJsonObject.ReadInteger(_element, _parent, _name, _index);

    public StrictJsonObject Object() => StrictJsonObject.ReadObject(_element, _parent, _name, _index);
}
