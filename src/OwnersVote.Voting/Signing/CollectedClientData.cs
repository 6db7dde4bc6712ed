using System.Text;
using System.Text.Json.Nodes;

namespace OwnersVote.Voting.Signing;

/// <summary>
/// The client data a browser collects and the authenticator signs over (WebAuthn §5.8.1
/// CollectedClientData): <c>type</c>, <c>challenge</c>, <c>origin</c>, optional <c>crossOrigin</c>
/// and <c>topOrigin</c>. Other members (e.g. <c>tokenBinding</c>) are ignored, as §5.8.1 requires.
/// </summary>
internal readonly record struct CollectedClientData(string Type, string Challenge, string Origin, bool CrossOrigin, string? TopOrigin)
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// "UTF-8 decode" and parse, more strictly than "an implementation-specific JSON parser":
    /// invalid UTF-8, repeated members or mistyped fields make it unparseable.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> json, out CollectedClientData clientData)
    {
        clientData = default;
        JsonNode? root;
        try
        {
            s_strictUtf8.GetCharCount(json);
            root = Jcs.Parse(json);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        catch (JcsException)
        {
            return false;
        }

        if (root is not JsonObject obj
            || !TryGetString(obj, "type", out string? type)
            || !TryGetString(obj, "challenge", out string? challenge)
            || !TryGetString(obj, "origin", out string? origin))
        {
            return false;
        }

        bool crossOrigin = false;
        if (obj.TryGetPropertyValue("crossOrigin", out JsonNode? crossOriginNode)
            && (crossOriginNode is not JsonValue crossOriginValue || !crossOriginValue.TryGetValue(out crossOrigin)))
        {
            return false;
        }

        string? topOrigin = null;
        if (obj.ContainsKey("topOrigin") && !TryGetString(obj, "topOrigin", out topOrigin))
        {
            return false;
        }

        clientData = new CollectedClientData(type!, challenge!, origin!, crossOrigin, topOrigin);
        return true;
    }

    private static bool TryGetString(JsonObject obj, string name, out string? value)
    {
        value = null;
        return obj.TryGetPropertyValue(name, out JsonNode? node) && node is JsonValue v && v.TryGetValue(out value);
    }
}
