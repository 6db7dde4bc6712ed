using System.Text;
using System.Text.Json.Nodes;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Voting.Tests.Events;
using OwnersVote.Voting.Tests.Signing;

namespace OwnersVote.Voting.Tests.Fuzzing;

/// <summary>
/// Mutated JSON (RFC 8785 JCS), ledger events and owner ballots: only JcsException and
/// EventFormatException escape, canonical form is a fixed point, and a decoded event re-encodes to
/// exactly the bytes it was decoded from.
/// </summary>
public sealed class JsonFuzzTests
{
    private static readonly string[] s_jsonTokens =
    [
        "null", "true", "false", "{}", "[]", "\"\"", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "\\udc00", "\\u00e9", "é", "😀", "\u2028",
        "-0", "1e21", "1E+2", "5e-324", "1.7976931348623157e308", "0.1", "[[[[[[[[", "]]]]", " ", "\t", "\"v\":", "\"type\":",
    ];

    internal static List<byte[]> Events()
    {
        using SoftwareAuthenticator passkey = FixedPasskey.Authenticator();
        OwnerBallot ballot = BallotFixtures.OwnerBallot() with { Compound = EventSamples.Compound, Vote = EventSamples.Vote };
        var cast = new BallotCast(EventSamples.Compound, EventSamples.Vote, EventSamples.At.AddDays(2), "owner:" + EventSamples.Owner("310000000000000001"), ballot, FixedPasskey.Assertion);
        LedgerEvent[] events =
        [
            EventSamples.Registered(),
            new RollFrozen(EventSamples.Compound, EventSamples.Vote, EventSamples.At, "officer:wang", [
                new RollEntry(new UnitId("57-0101"), new BuildingId("57"), Area.FromHundredths(8_912), AreaSource.Registry, EventSamples.Owner("310000000000000001"), new OwnerId("p-57-0101")),
                new RollEntry(new UnitId("57-0201"), new BuildingId("57"), Area.FromHundredths(9_000), AreaSource.Contract, EventSamples.Owner("DEVELOPER"), OwnerId.Developer),
            ]),
            // Part 2 of 3 of a roll too large for one entry (RollFrozen.Split).
            new RollFrozen(EventSamples.Compound, EventSamples.Vote, EventSamples.At, "officer:wang", [
                new RollEntry(new UnitId("58-0101"), new BuildingId("58"), Area.FromHundredths(7_500), AreaSource.Survey, EventSamples.Owner("310000000000000002"), new OwnerId("p-58-0101")),
            ]) { Part = 2, Parts = 3 },
            EventSamples.Matter(),
            // The middle part of a statement logged in parts: its lines alone do not balance.
            EventSamples.Fund() with { Lines = EventSamples.Fund().Lines.Take(2).ToList(), Part = 2, Parts = 3 },
            new CredentialEnrolled(EventSamples.Compound, EventSamples.At, "officer:wang", EventSamples.Owner("310000000000000001"), passkey.CredentialId, CoseKey.Parse(passkey.CosePublicKey), CredentialKind.Passkey, ["officer:wang", "officer:zhao"], EventSamples.At.AddDays(1), OwnerNotified: true),
            new CredentialRevoked(EventSamples.Compound, EventSamples.At.AddDays(3), "officer:wang", EventSamples.Owner("310000000000000001"), passkey.CredentialId, ["officer:wang", "officer:zhao"], "lost-device"),
            cast,
            new BallotSuperseded(EventSamples.Compound, EventSamples.Vote, EventSamples.At.AddDays(2).AddMinutes(5), "officer:wang", cast.BallotId, "online-wins-over-paper"),
            new VoteClosed(EventSamples.Compound, EventSamples.Vote, EventSamples.At.AddDays(7), "system"),
            new TallyPublished(EventSamples.Compound, EventSamples.Vote, EventSamples.At.AddDays(7).AddMinutes(1), "system", ThresholdClass.Ordinary, [
                new QuestionTally("q1", EventSamples.Count(28_162, 2), EventSamples.Count(19_162, 1), EventSamples.Count(9_000, 1), DoubleCount.Zero, DoubleCount.Zero, DoubleCount.Zero, QuorumMet: false, Passed: false),
            ]),
        ];
        return [.. events.Select(EventCodec.Encode)];
    }

    [Fact]
    public async Task Mutated_json_is_rejected_with_a_jcs_exception_or_canonicalizes_to_a_fixed_point()
    {
        List<byte[]> seeds =
        [
            .. Events(),
            BallotFixtures.OwnerBallot().ToCanonicalJson(),
            """{ "b": [1, 2.50, -0, 1e21, 1E-7, 9007199254740992], "a": "\u00e9\ud83d\ude00\n", "c": {"z": null, "y": true} }"""u8.ToArray(),
            """[0.1, 123456789012345680000, "\u001f", {}, [], "景城"]"""u8.ToArray(),
        ];
        FuzzReport report = await Fuzzer.RunAsync("Jcs.Canonicalize", new Mutator(seeds, s_jsonTokens), seeds, input =>
        {
            JsonNode? node;
            try
            {
                node = Jcs.Parse(input);
            }
            catch (JcsException)
            {
                Assert.False(Jcs.IsCanonical(input));
                return "invalid";
            }

            byte[] canonical;
            try
            {
                canonical = Jcs.Canonicalize(node);
            }
            catch (JcsException)
            {
                // A value JCS cannot represent (an integer beyond 2^53, an overflowing number).
                Assert.Throws<JcsException>(() => Jcs.Canonicalize(input));
                Assert.False(Jcs.IsCanonical(input));
                return "not canonicalizable";
            }

            Assert.Equal(canonical, Jcs.Canonicalize(input));
            Assert.Equal(canonical, Jcs.Canonicalize(canonical));
            // EventCodec.Decode's one-pass check judges every mutant as the tree does.
            Assert.Equal(canonical.AsSpan().SequenceEqual(input), Jcs.IsCanonical(input));
            Assert.True(Jcs.IsCanonical(canonical));
            return canonical.AsSpan().SequenceEqual(input) ? "canonical" : "canonicalized";
        });

        report.AssertReached(r => r.Count("canonical") >= seeds.Count - 2 && r.Count("canonicalized") > 0 && r.Count("invalid") > 0);
    }

    [Fact]
    public async Task A_mutated_event_is_rejected_or_decodes_to_an_event_that_reencodes_to_the_same_bytes()
    {
        List<byte[]> seeds = Events();
        FuzzReport report = await Fuzzer.RunAsync("EventCodec.Decode", new Mutator(seeds, s_jsonTokens), seeds, input =>
        {
            LedgerEvent decoded;
            try
            {
                decoded = EventCodec.Decode(input);
            }
            catch (EventFormatException)
            {
                return "rejected";
            }

            Assert.Equal(Encoding.UTF8.GetString(input), Encoding.UTF8.GetString(EventCodec.Encode(decoded)));
            return "decoded";
        });

        report.AssertReached(r => r.Count("decoded") > seeds.Count && r.Count("rejected") > 0);
    }

    [Fact]
    public async Task A_mutated_owner_ballot_is_rejected_or_reads_back_to_a_stable_canonical_ballot()
    {
        List<byte[]> seeds =
        [
            BallotFixtures.OwnerBallot().ToCanonicalJson(),
            BallotFixtures.OwnerBallot("DEVELOPER", Choice.Abstain, Base64UrlText.Encode([.. Enumerable.Repeat((byte)0xA5, 16)])).ToCanonicalJson(),
            (BallotFixtures.OwnerBallot() with { Units = ["57-0101"], Answers = [new BallotAnswer("q1", Choice.No), new BallotAnswer("q2", Choice.Yes)] }).ToCanonicalJson(),
        ];
        FuzzReport report = await Fuzzer.RunAsync("OwnerBallot.FromJson", new Mutator(seeds, s_jsonTokens), seeds, input =>
        {
            JsonNode? node;
            try
            {
                node = Jcs.Parse(input);
            }
            catch (JcsException)
            {
                return "invalid json";
            }

            OwnerBallot ballot;
            try
            {
                ballot = OwnerBallot.FromJson(node);
            }
            catch (EventFormatException)
            {
                return "rejected";
            }

            byte[] canonical = ballot.ToCanonicalJson();
            Assert.Equal(canonical, OwnerBallot.FromJson(Jcs.Parse(canonical)).ToCanonicalJson());
            // The signed challenge is over the canonical bytes, so two spellings of one ballot share it.
            Assert.Equal(BallotChallenge.Compute(canonical), BallotChallenge.Compute(ballot));
            return "read";
        });

        report.AssertReached(r => r.Count("read") > seeds.Count && r.Count("rejected") > 0);
    }
}
