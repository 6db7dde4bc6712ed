using System.Text;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Voting.Tests.Signing;

namespace OwnersVote.Voting.Tests.Events;

/// <summary>Issue 11 in the replay: device-key ballots, handwriting policy, and their wire forms.</summary>
public sealed class DeviceKeyReplayTests : IDisposable
{
    private const string Compound = EventSamples.Compound;
    private const string Vote = EventSamples.Vote;
    private const string Principal = "p-57-0101";
    private static readonly DateTimeOffset s_at = EventSamples.At;
    private static readonly string s_owner = EventSamples.Owner("310000000000000001");
    private static readonly string s_image = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("png"u8));

    private readonly WebCryptoDeviceKey _key = new();

    public void Dispose() => _key.Dispose();

    [Fact]
    public void A_device_key_ballot_verifies_and_counts_from_the_log_alone()
    {
        List<LedgerEvent> log = Log(HandwritingPolicy.Off, Cast(handwriting: null));

        VoteReplayResult result = VoteReplay.Replay(RoundTrip(log), BallotFixtures.RelyingParty);

        Assert.Equal(BallotDisposition.Counted, Assert.Single(result.Ballots).Disposition);
    }

    [Fact]
    public void A_device_key_ballot_cast_after_its_key_was_revoked_by_re_enrolment_is_refused()
    {
        List<LedgerEvent> log = Log(HandwritingPolicy.Off);
        log.Add(new CredentialRevoked(Compound, s_at.AddDays(1), "owner:" + s_owner, s_owner, _key.CredentialId, ["officer:wang", "officer:zhao"], "device-key-re-enrolled"));
        log.Add(Cast(handwriting: null));

        VoteReplayResult result = VoteReplay.Replay(log, BallotFixtures.RelyingParty);

        Assert.Equal("credential-revoked", Assert.Single(result.Ballots).Reason);
    }

    [Theory]
    [InlineData(HandwritingPolicy.Required, false, "handwriting-missing")]
    [InlineData(HandwritingPolicy.Off, true, "handwriting-not-allowed")]
    [InlineData(HandwritingPolicy.Optional, false, null)]
    [InlineData(HandwritingPolicy.Optional, true, null)]
    [InlineData(HandwritingPolicy.Required, true, null)]
    public void The_votes_handwriting_policy_decides_whether_a_ballot_carries_a_signature_image(HandwritingPolicy policy, bool withImage, string? reason)
    {
        List<LedgerEvent> log = Log(policy, Cast(withImage ? s_image : null));

        ReplayedBallot ballot = Assert.Single(VoteReplay.Replay(RoundTrip(log), BallotFixtures.RelyingParty).Ballots);

        Assert.Equal(reason, ballot.Reason);
    }

    [Fact]
    public void A_ballot_without_handwriting_keeps_its_version_1_bytes_and_one_with_it_adds_one_member()
    {
        OwnerBallot plain = BallotFixtures.OwnerBallot();
        OwnerBallot signed = plain with { Handwriting = s_image };

        // The canonical form of the fixture, as it was before the field existed.
        Assert.Equal(
            """{"answers":[{"choice":"yes","question":"q1"}],"compound":"jingcheng-pinyayuan","issuedAt":"2025-03-01T08:30:00.123Z","nonce":"AAECAwQFBgcICQoLDA0ODw","principal":"p-57-0101","units":["57-0101","57-0102"],"v":1,"vote":"b57-lift-2025"}""",
            Encoding.UTF8.GetString(plain.ToCanonicalJson()));
        Assert.Contains($"\"handwriting\":\"{s_image}\",\"issuedAt\"", Encoding.UTF8.GetString(signed.ToCanonicalJson()), StringComparison.Ordinal);
        Assert.Equal(signed, OwnerBallot.FromJson(signed.ToJson()) with { Units = signed.Units, Answers = signed.Answers });
        Assert.NotEqual(BallotChallenge.Compute(plain), BallotChallenge.Compute(signed));
        Assert.Throws<ArgumentException>(() => (plain with { Handwriting = "PNG" }).ToJson());
    }

    [Fact]
    public void A_matter_without_handwriting_omits_the_field_and_reads_back_as_off()
    {
        MatterPublished off = EventSamples.Matter();
        MatterPublished required = off with { Handwriting = HandwritingPolicy.Required };

        Assert.DoesNotContain("handwriting", Encoding.UTF8.GetString(EventCodec.Encode(off)), StringComparison.Ordinal);
        Assert.Contains("\"handwriting\":\"required\"", Encoding.UTF8.GetString(EventCodec.Encode(required)), StringComparison.Ordinal);
        Assert.Equal(HandwritingPolicy.Off, Assert.IsType<MatterPublished>(EventCodec.Decode(EventCodec.Encode(off))).Handwriting);
        Assert.Equal(HandwritingPolicy.Required, Assert.IsType<MatterPublished>(EventCodec.Decode(EventCodec.Encode(required))).Handwriting);
        byte[] spelledOff = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(EventCodec.Encode(required)).Replace("\"required\"", "\"off\"", StringComparison.Ordinal));
        Assert.Throws<EventFormatException>(() => EventCodec.Decode(spelledOff));
    }

    private List<LedgerEvent> Log(HandwritingPolicy policy, params LedgerEvent[] more) =>
    [
        new RollFrozen(Compound, Vote, s_at, "officer:wang", [
            new RollEntry(new UnitId("57-0101"), new BuildingId("57"), Area.FromHundredths(9_000), AreaSource.Registry, s_owner, new OwnerId(Principal)),
            new RollEntry(new UnitId("57-0102"), new BuildingId("57"), Area.FromHundredths(9_000), AreaSource.Registry, EventSamples.Owner("B"), new OwnerId("p2")),
        ]),
        EventSamples.Matter() with { Handwriting = policy },
        new CredentialEnrolled(Compound, s_at, "owner:" + s_owner, s_owner, _key.CredentialId, _key.PublicKey, CredentialKind.DeviceKey, ["officer:wang", "officer:zhao"], s_at, OwnerNotified: true),
        .. more,
    ];

    private BallotCast Cast(string? handwriting)
    {
        DateTimeOffset at = s_at.AddDays(2);
        var ballot = new OwnerBallot(Compound, Vote, Principal, ["57-0101"], [new BallotAnswer("q1", Choice.Yes)], "AAECAwQFBgcICQoLDA0ODw", at.AddMinutes(-1), handwriting);
        return new BallotCast(Compound, Vote, at, "owner:" + s_owner, ballot, _key.Sign(BallotChallenge.Compute(ballot)));
    }

    // Through the wire and back, as ov verify reads a downloaded log.
    private static List<LedgerEvent> RoundTrip(List<LedgerEvent> log) => [.. log.Select(e => EventCodec.Decode(EventCodec.Encode(e)))];
}
