using System.Text.Json.Nodes;
using OwnersVote.Voting.Events;

namespace OwnersVote.Voting.Signing;

/// <summary>
/// The ballot an owner signs (named apart from <see cref="Ballot"/>, the tally's unit-and-choice input): who votes (the headcount principal, JI art. 9), for which units, in
/// which vote, what they answer, and the server's one-time nonce. Its canonical JSON (RFC 8785) is
/// what the WebAuthn challenge commits to, so the bytes are fixed field by field:
/// <code>{"answers":[{"choice":"yes","question":"q1"}],"compound":"c1","issuedAt":"2025-03-01T08:30:00.000Z",
/// "nonce":"…","principal":"p-57-1","units":["57-101"],"v":1,"vote":"v1"}</code>
/// Units are sorted by ordinal order and unique, answers sorted by question id and unique.
/// A ballot with a handwritten signature (issue 11) adds one member, <c>"handwriting"</c>: the
/// SHA-256 of the signature's PNG in lowercase hex, so the cryptographic signature covers the
/// drawing. Without it the object has exactly the members above, so every earlier version-1 ballot
/// keeps its canonical bytes and challenge (RFC 8785 §3.2.3 orders members by name; an absent member
/// contributes nothing).
/// </summary>
/// <param name="Compound">The compound id.</param>
/// <param name="Vote">The vote id.</param>
/// <param name="Principal">The headcount principal casting the ballot (one vote per principal).</param>
/// <param name="Units">The principal's units the ballot covers, sorted and unique.</param>
/// <param name="Answers">One answer per question, sorted by question id.</param>
/// <param name="Nonce">The server's ballot-session nonce, unpadded base64url.</param>
/// <param name="IssuedAt">When the ballot session was issued (whole milliseconds, UTC).</param>
/// <param name="Handwriting">SHA-256 of the handwritten signature image (PNG), 64 lowercase hex digits, or null.</param>
public sealed record OwnerBallot(
    string Compound,
    string Vote,
    string Principal,
    IReadOnlyList<string> Units,
    IReadOnlyList<BallotAnswer> Answers,
    string Nonce,
    DateTimeOffset IssuedAt,
    string? Handwriting = null)
{
    /// <summary>The ballot schema version, the <c>v</c> field.</summary>
    public const int Version = 1;

    /// <summary>The ballot as a JSON object.</summary>
    /// <exception cref="ArgumentException">A field breaks the rules above (unsorted units, bad nonce, …).</exception>
    public JsonObject ToJson()
    {
        Validate(message => new ArgumentException($"Invalid ballot: {message}"));
        var answers = new JsonArray();
        foreach (BallotAnswer answer in Answers)
        {
            answers.Add(new JsonObject { ["question"] = answer.Question, ["choice"] = ChoiceText(answer.Choice) });
        }

        var units = new JsonArray();
        foreach (string unit in Units)
        {
            units.Add(unit);
        }

        var ballot = new JsonObject
        {
            ["v"] = Version,
            ["compound"] = Compound,
            ["vote"] = Vote,
            ["principal"] = Principal,
            ["units"] = units,
            ["answers"] = answers,
            ["nonce"] = Nonce,
            ["issuedAt"] = EventTime.ToText(IssuedAt),
        };
        if (Handwriting is not null)
        {
            ballot["handwriting"] = Handwriting;
        }

        return ballot;
    }

    /// <summary>The canonical bytes, JCS(ballot) (RFC 8785).</summary>
    public byte[] ToCanonicalJson() => Jcs.Canonicalize(ToJson());

    /// <summary>Reads a ballot from JSON, strictly: every field present, typed and ordered as above, nothing else.</summary>
    /// <exception cref="EventFormatException">The JSON is not a valid ballot of version 1.</exception>
    public static OwnerBallot FromJson(JsonNode? node, string path = "$") => Read(StrictJsonObject.From(node, path));

    internal static OwnerBallot Read(StrictJsonObject obj)
    {
        long v = obj.Integer("v");
        if (v != Version)
        {
            throw new EventFormatException($"{obj.Path}.v: ballot version {v} is not supported (this software reads version {Version}).");
        }

        var ballot = new OwnerBallot(
            obj.NonEmptyString("compound"),
            obj.NonEmptyString("vote"),
            obj.NonEmptyString("principal"),
            obj.StringArray("units"),
            obj.Array("answers", item =>
            {
                StrictJsonObject answer = item.Object();
                var parsed = new BallotAnswer(answer.NonEmptyString("question"), answer.Enum("choice", ParseChoice));
                answer.End();
                return parsed;
            }),
            obj.String("nonce"),
            obj.Time("issuedAt"),
            obj.Has("handwriting") ? obj.Sha256Hex("handwriting") : null);
        obj.End();
        ballot.Validate(message => new EventFormatException($"{obj.Path}: {message}"));
        return ballot;
    }

    /// <summary>The wire spelling of a choice: <c>yes</c>, <c>no</c>, <c>abstain</c>.</summary>
    public static string ChoiceText(Choice choice) => choice switch
    {
        Choice.Yes => "yes",
        Choice.No => "no",
        Choice.Abstain => "abstain",
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "Not a ballot choice."),
    };

    /// <summary>Reads a choice's wire spelling; null if it is not one.</summary>
    public static Choice? ParseChoice(string text) => text switch
    {
        "yes" => Choice.Yes,
        "no" => Choice.No,
        "abstain" => Choice.Abstain,
        _ => null,
    };

    private void Validate(Func<string, Exception> fail)
    {
        if (string.IsNullOrEmpty(Compound) || string.IsNullOrEmpty(Vote) || string.IsNullOrEmpty(Principal))
        {
            throw fail("compound, vote and principal must be non-empty.");
        }

        if (Units.Count == 0)
        {
            throw fail("a ballot covers at least one unit.");
        }

        for (int i = 1; i < Units.Count; i++)
        {
            if (string.CompareOrdinal(Units[i - 1], Units[i]) >= 0)
            {
                throw fail($"units must be sorted (ordinal) and unique; \"{Units[i - 1]}\" is not before \"{Units[i]}\".");
            }
        }

        if (Answers.Count == 0)
        {
            throw fail("a ballot answers at least one question.");
        }

        for (int i = 1; i < Answers.Count; i++)
        {
            if (string.CompareOrdinal(Answers[i - 1].Question, Answers[i].Question) >= 0)
            {
                throw fail($"answers must be sorted by question id and unique; \"{Answers[i - 1].Question}\" is not before \"{Answers[i].Question}\".");
            }
        }

        if (Answers.Any(a => a.Choice is not (Choice.Yes or Choice.No or Choice.Abstain)))
        {
            throw fail("a signed ballot answers yes, no or abstain; \"invalid\" is only a paper-ballot verdict.");
        }

        if (Handwriting is not null && !OwnerKey.IsHash(Handwriting))
        {
            throw fail("handwriting is a SHA-256 in 64 lowercase hex digits.");
        }

        if (!Base64UrlText.TryDecode(Nonce, out byte[] nonce) || nonce.Length < 16)
        {
            throw fail("nonce must be unpadded base64url of at least 16 bytes.");
        }
    }
}
