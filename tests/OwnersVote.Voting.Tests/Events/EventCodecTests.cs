using System.Text;
using System.Text.Json.Nodes;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Voting.Tests.Events;

public sealed class EventCodecTests
{
    public static TheoryData<string> Types => [.. EventCodec.KnownTypes];

    [Fact]
    public void Every_known_type_has_a_sample()
    {
        Assert.Equal(EventCodec.KnownTypes.Order(StringComparer.Ordinal), EventSamples.All().Select(e => e.Type).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Each_type_round_trips_to_the_same_bytes(string type)
    {
        LedgerEvent original = Sample(type);

        byte[] entry = EventCodec.Encode(original);
        LedgerEvent decoded = EventCodec.Decode(entry);

        Assert.IsType(original.GetType(), decoded);
        Assert.Equal(entry, EventCodec.Encode(decoded));
        Assert.Equal(entry, Jcs.Canonicalize(entry));
        Assert.Equal(original.At, decoded.At);
        Assert.Equal(original.Compound, decoded.Compound);
    }

    [Fact]
    public void The_envelope_has_the_common_fields_and_vote_only_for_vote_events()
    {
        JsonObject roll = Json(EventCodec.Encode(Sample(nameof(RollFrozen))));
        JsonObject enrolled = Json(EventCodec.Encode(Sample(nameof(CredentialEnrolled))));

        Assert.Equal(["actor", "at", "compound", "payload", "type", "v", "vote"], roll.Select(m => m.Key));
        Assert.Equal(["actor", "at", "compound", "payload", "type", "v"], enrolled.Select(m => m.Key));
        Assert.Equal(1, (int)roll["v"]!);
        Assert.Equal("2025-03-01T08:00:00.000Z", (string)roll["at"]!);
    }

    [Fact]
    public void A_roll_carries_areas_as_integers_with_their_source_and_owners_only_as_hashes()
    {
        string entry = Encoding.UTF8.GetString(EventCodec.Encode(Sample(nameof(RollFrozen))));

        Assert.Contains("\"area\":8912,\"areaSource\":\"registry\"", entry, StringComparison.Ordinal);
        Assert.DoesNotContain("310000000000000001", entry, StringComparison.Ordinal);
        Assert.Contains(EventSamples.Owner("310000000000000001"), entry, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ballot_cast_keeps_the_canonical_ballot_and_the_assertion_in_base64url()
    {
        var cast = (BallotCast)Sample(nameof(BallotCast));
        JsonObject payload = Json(EventCodec.Encode(cast))["payload"]!.AsObject();

        Assert.Equal(cast.Ballot.ToCanonicalJson(), Jcs.Canonicalize(payload["ballot"]));
        Assert.Equal(Base64UrlText.Encode(cast.Assertion.Signature.Span), (string)payload["assertion"]!["signature"]!);
        var decoded = (BallotCast)EventCodec.Decode(EventCodec.Encode(cast));
        Assert.Equal(cast.Assertion.ClientDataJson.ToArray(), decoded.Assertion.ClientDataJson.ToArray());
        Assert.Equal(cast.BallotId, decoded.BallotId);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void An_unknown_extra_field_is_rejected(string type)
    {
        JsonObject json = Json(EventCodec.Encode(Sample(type)));
        json["payload"]!.AsObject()["note"] = "x";

        EventFormatException e = Assert.Throws<EventFormatException>(() => EventCodec.Decode(Jcs.Canonicalize(json)));
        Assert.Contains("unexpected field \"note\"", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Each_missing_field_is_rejected(string type)
    {
        JsonObject original = Json(EventCodec.Encode(Sample(type)));
        var paths = new List<string[]>();
        Collect(original, [], paths);
        Assert.NotEmpty(paths);

        foreach (string[] path in paths)
        {
            JsonObject json = Json(Jcs.Canonicalize(original));
            JsonObject parent = json;
            foreach (string step in path[..^1])
            {
                parent = parent[step]!.AsObject();
            }

            parent.Remove(path[^1]);
            Assert.Throws<EventFormatException>(() => EventCodec.Decode(Jcs.Canonicalize(json)));
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void A_newer_version_is_a_clear_error(string type)
    {
        JsonObject json = Json(EventCodec.Encode(Sample(type)));
        json["v"] = 2;

        EventFormatException e = Assert.Throws<EventFormatException>(() => EventCodec.Decode(Jcs.Canonicalize(json)));
        Assert.Contains("version 2 is newer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_type_is_a_clear_error()
    {
        JsonObject json = Json(EventCodec.Encode(Sample(nameof(VoteClosed))));
        json["type"] = "VoteReopened";

        EventFormatException e = Assert.Throws<EventFormatException>(() => EventCodec.Decode(Jcs.Canonicalize(json)));
        Assert.Contains("Unknown event type \"VoteReopened\"", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8912.5")]
    [InlineData("\"8912\"")]
    [InlineData("-1")]
    [InlineData("1e21")]
    public void An_area_that_is_not_a_non_negative_integer_is_rejected(string area)
    {
        string entry = Encoding.UTF8.GetString(EventCodec.Encode(Sample(nameof(RollFrozen)))).Replace("\"area\":8912", $"\"area\":{area}", StringComparison.Ordinal);

        Assert.Throws<EventFormatException>(() => EventCodec.Decode(Jcs.Canonicalize(Encoding.UTF8.GetBytes(entry))));
    }

    [Fact]
    public void Non_canonical_bytes_are_rejected_even_when_the_JSON_is_the_same()
    {
        byte[] entry = EventCodec.Encode(Sample(nameof(VoteClosed)));
        string pretty = Json(entry).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });

        EventFormatException e = Assert.Throws<EventFormatException>(() => EventCodec.Decode(Encoding.UTF8.GetBytes(pretty)));
        Assert.Contains("canonical", e.Message, StringComparison.Ordinal);
        Assert.Throws<EventFormatException>(() => EventCodec.Decode([.. entry, (byte)'\n']));
    }

    [Theory]
    [InlineData("{\"type\":\"VoteClosed\",\"type\":\"VoteClosed\"}")]
    [InlineData("[]")]
    [InlineData("not json")]
    [InlineData("")]
    public void Garbage_and_duplicate_keys_are_format_errors(string entry)
    {
        Assert.Throws<EventFormatException>(() => EventCodec.Decode(Encoding.UTF8.GetBytes(entry)));
    }

    [Fact]
    public void A_vote_event_without_its_vote_or_a_compound_event_with_one_is_rejected()
    {
        JsonObject closed = Json(EventCodec.Encode(Sample(nameof(VoteClosed))));
        closed.Remove("vote");
        JsonObject enrolled = Json(EventCodec.Encode(Sample(nameof(CredentialEnrolled))));
        enrolled["vote"] = EventSamples.Vote;

        Assert.Throws<EventFormatException>(() => EventCodec.Decode(Jcs.Canonicalize(closed)));
        Assert.Throws<EventFormatException>(() => EventCodec.Decode(Jcs.Canonicalize(enrolled)));
    }

    [Fact]
    public void A_name_or_ID_number_where_an_owner_hash_belongs_is_refused_both_ways()
    {
        var roll = (RollFrozen)Sample(nameof(RollFrozen));
        RollFrozen leaking = roll with { Units = [roll.Units[0] with { Owner = "张三" }, .. roll.Units.Skip(1)] };

        Assert.Throws<ArgumentException>(() => EventCodec.Encode(leaking));
        string entry = Encoding.UTF8.GetString(EventCodec.Encode(roll)).Replace(EventSamples.Owner("310000000000000001"), "310000000000000001", StringComparison.Ordinal);
        Assert.Throws<EventFormatException>(() => EventCodec.Decode(Encoding.UTF8.GetBytes(entry)));
    }

    [Fact]
    public void Enrolment_needs_two_officers_and_a_valid_COSE_key()
    {
        var enrolled = (CredentialEnrolled)Sample(nameof(CredentialEnrolled));

        Assert.Throws<ArgumentException>(() => EventCodec.Encode(enrolled with { Officers = ["officer:wang"] }));
        Assert.Throws<ArgumentException>(() => EventCodec.Encode(enrolled with { Officers = ["officer:wang", "officer:wang"] }));
        JsonObject json = Json(EventCodec.Encode(enrolled));
        json["payload"]!["publicKey"] = Base64UrlText.Encode([0xA0]);
        EventFormatException e = Assert.Throws<EventFormatException>(() => EventCodec.Decode(Jcs.Canonicalize(json)));
        Assert.Contains("COSE_Key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsorted_roll_units_are_refused()
    {
        var roll = (RollFrozen)Sample(nameof(RollFrozen));

        Assert.Throws<ArgumentException>(() => EventCodec.Encode(roll with { Units = [.. roll.Units.Reverse()] }));
    }

    [Fact]
    public void A_matter_that_closes_before_it_opens_or_offers_invalid_is_refused()
    {
        MatterPublished matter = EventSamples.Matter();

        Assert.Throws<ArgumentException>(() => EventCodec.Encode(matter with { Closes = matter.Opens }));
        Assert.Throws<ArgumentException>(() => EventCodec.Encode(matter with { Options = [Choice.Yes, Choice.No, Choice.Invalid] }));
        Assert.Throws<ArgumentException>(() => EventCodec.Encode(matter with { Questions = [] }));
    }

    [Fact]
    public void A_ballot_for_another_vote_than_its_event_is_refused()
    {
        var cast = (BallotCast)Sample(nameof(BallotCast));

        Assert.Throws<ArgumentException>(() => EventCodec.Encode(cast with { Vote = "other-vote" }));
    }

    [Fact]
    public void A_paper_ballot_needs_two_officers_a_scan_hash_and_paper_answers()
    {
        var recorded = (PaperBallotRecorded)Sample(nameof(PaperBallotRecorded));
        JsonObject payload = Json(EventCodec.Encode(recorded))["payload"]!.AsObject();

        Assert.Equal("invalid", (string)payload["answers"]![0]!["choice"]!);
        Assert.True((bool)payload["counts"]!);
        Assert.Throws<ArgumentException>(() => EventCodec.Encode(recorded with { Officers = ["officer:wang"] }));
        Assert.Throws<ArgumentException>(() => EventCodec.Encode(recorded with { Scan = "not-a-hash" }));
        Assert.Throws<ArgumentException>(() => EventCodec.Encode(recorded with { Serial = "A|B" }));
        Assert.Throws<ArgumentException>(() => EventCodec.Encode(recorded with { Units = ["57-0102", "57-0101"] }));
        payload["answers"]![0]!["choice"] = "maybe";
        JsonObject json = Json(EventCodec.Encode(recorded));
        json["payload"] = payload.DeepClone();
        Assert.Throws<EventFormatException>(() => EventCodec.Decode(Jcs.Canonicalize(json)));
    }

    [Fact]
    public void A_tally_that_passes_without_quorum_is_refused()
    {
        var tally = (TallyPublished)Sample(nameof(TallyPublished));

        Assert.Throws<ArgumentException>(() => EventCodec.Encode(tally with { Questions = [tally.Questions[0] with { Passed = true }] }));
        Assert.Contains("\"result\":\"no-quorum\"", Encoding.UTF8.GetString(EventCodec.Encode(tally)), StringComparison.Ordinal);
    }

    [Fact]
    public void Sub_millisecond_times_must_be_truncated_first()
    {
        var closed = (VoteClosed)Sample(nameof(VoteClosed));
        DateTimeOffset precise = closed.At.AddTicks(1);

        Assert.Throws<ArgumentException>(() => EventCodec.Encode(closed with { At = precise }));
        Assert.Equal(closed.At, EventCodec.Decode(EventCodec.Encode(closed with { At = EventTime.Truncate(precise) })).At);
    }

    [Fact]
    public void Owner_hashes_are_keyed_HMAC_SHA256_in_hex()
    {
        string hash = OwnerKey.Hash(EventSamples.CompoundKey, "310000000000000001");

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(EventSamples.CompoundKey, "310000000000000001"u8)), hash);
        Assert.NotEqual(hash, OwnerKey.Hash([.. EventSamples.CompoundKey.Reverse()], "310000000000000001"));
        Assert.Throws<ArgumentException>(() => OwnerKey.Hash(new byte[16], "310000000000000001"));
    }

    private static LedgerEvent Sample(string type) => EventSamples.All().Single(e => e.Type == type);

    private static JsonObject Json(byte[] entry) => Jcs.Parse(entry)!.AsObject();

    // Every object member path, so each can be removed in turn (array items excluded).
    private static void Collect(JsonObject obj, string[] prefix, List<string[]> paths)
    {
        foreach (KeyValuePair<string, JsonNode?> member in obj)
        {
            string[] path = [.. prefix, member.Key];
            paths.Add(path);
            if (member.Value is JsonObject child)
            {
                Collect(child, path, paths);
            }
        }
    }
}
