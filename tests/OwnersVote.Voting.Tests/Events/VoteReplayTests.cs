using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Voting.Tests.Signing;

namespace OwnersVote.Voting.Tests.Events;

public sealed class VoteReplayTests : IDisposable
{
    private const string Compound = EventSamples.Compound;
    private const string Vote = EventSamples.Vote;

    private static readonly DateTimeOffset s_at = EventSamples.At;

    // Building 57 (in scope): p1 owns two units; the developer's two unsold units count as one
    // head (JI art. 9). Building 58 is outside the lift vote's scope (Shanghai art. 69).
    private static readonly (string Unit, string Building, long Area, string Owner, string Principal)[] s_units =
    [
        ("57-0101", "57", 9_000, "A", "p1"),
        ("57-0102", "57", 10_000, "A", "p1"),
        ("57-0201", "57", 8_500, "B", "p2"),
        ("57-0202", "57", 8_500, "C", "p3"),
        ("57-0301", "57", 9_500, "D", "p4"),
        ("57-0302", "57", 9_500, "E", "p5"),
        ("57-0401", "57", 8_000, "DEV", OwnerId.DeveloperValue),
        ("57-0402", "57", 8_000, "DEV", OwnerId.DeveloperValue),
        ("58-0101", "58", 12_000, "F", "p6"),
    ];

    private readonly Dictionary<string, SoftwareAuthenticator> _authenticators = new(StringComparer.Ordinal);
    private readonly List<LedgerEvent> _log = [];
    private int _minute;

    public VoteReplayTests()
    {
        foreach (string owner in s_units.Select(u => u.Owner).Distinct())
        {
            _authenticators[owner] = SoftwareAuthenticator.MakeCredential(BallotFixtures.RpId);
        }
    }

    public void Dispose()
    {
        foreach (SoftwareAuthenticator authenticator in _authenticators.Values)
        {
            authenticator.Dispose();
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_whole_vote_replayed_gives_the_expected_double_count(bool rollInParts)
    {
        // A roll logged in parts (as one larger than a log entry is) counts as the same roll.
        Open(allowChange: true, inParts: rollInParts);
        Cast("A", "p1", Choice.No);
        Cast("A", "p1", Choice.Yes);
        Cast("B", "p2", Choice.Yes);
        Cast("C", "p3", Choice.No);
        Cast("D", "p4", Choice.Abstain);
        Cast("DEV", OwnerId.DeveloperValue, Choice.Yes);
        _log.Add(new VoteClosed(Compound, Vote, s_at.AddDays(7), "system"));
        Cast("C", "p3", Choice.Yes, at: s_at.AddDays(7).AddMinutes(1));

        VoteReplayResult result = VoteReplay.Replay(_log, BallotFixtures.RelyingParty);

        Assert.Equal(EventCodec.Encode(WholeRoll()), EventCodec.Encode(result.Roll));
        TallyResult tally = Assert.Single(result.Questions).Result;
        Assert.Equal(EventSamples.Count(71_000, 6), tally.Total);
        Assert.Equal(EventSamples.Count(61_500, 5), tally.Participating);
        Assert.Equal(EventSamples.Count(43_500, 3), tally.Yes);
        Assert.Equal(EventSamples.Count(8_500, 1), tally.No);
        Assert.Equal(EventSamples.Count(9_500, 1), tally.Abstain);
        Assert.True(tally.QuorumMet);
        Assert.True(tally.Passed);
        Assert.True(result.Closed);
        Assert.Equal(
            [
                (BallotDisposition.Ignored, "replaced-by-later"),
                (BallotDisposition.Counted, null),
                (BallotDisposition.Counted, null),
                (BallotDisposition.Counted, null),
                (BallotDisposition.Counted, null),
                (BallotDisposition.Counted, null),
                (BallotDisposition.Ignored, "after-close"),
            ],
            result.Ballots.Select(b => (b.Disposition, b.Reason)));
    }

    [Fact]
    public void A_roll_whose_parts_are_broken_up_or_incomplete_is_refused()
    {
        IReadOnlyList<RollFrozen> parts = RollInParts();

        List<LedgerEvent> between = [EventSamples.Registered(), parts[0], EventSamples.Matter(), .. parts.Skip(1)];
        Assert.Contains("MatterPublished) comes after part 1 of the roll's", Assert.Throws<VoteReplayException>(() => VoteReplay.Replay(between, Vote)).Message, StringComparison.Ordinal);

        List<LedgerEvent> missing = [EventSamples.Registered(), .. parts.SkipLast(1)];
        Assert.Contains($"only {parts.Count - 1} of the {parts.Count} parts", Assert.Throws<VoteReplayException>(() => VoteReplay.Replay(missing, Vote)).Message, StringComparison.Ordinal);

        List<LedgerEvent> swapped = [EventSamples.Registered(), parts[0], parts[2], parts[1], .. parts.Skip(3), EventSamples.Matter()];
        Assert.Contains("Event 2: part 3", Assert.Throws<VoteReplayException>(() => VoteReplay.Replay(swapped, Vote)).Message, StringComparison.Ordinal);

        List<LedgerEvent> twice = [EventSamples.Registered(), .. parts, parts[0], EventSamples.Matter()];
        Assert.Contains("a second RollFrozen", Assert.Throws<VoteReplayException>(() => VoteReplay.Replay(twice, Vote)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_change_allowed_the_first_ballot_counts()
    {
        Open(allowChange: false);
        Cast("A", "p1", Choice.No);
        Cast("A", "p1", Choice.Yes);
        Cast("B", "p2", Choice.Yes);
        Cast("C", "p3", Choice.No);
        Cast("DEV", OwnerId.DeveloperValue, Choice.Yes);

        VoteReplayResult result = VoteReplay.Replay(_log, BallotFixtures.RelyingParty);

        TallyResult tally = result.Questions[0].Result;
        Assert.Equal(EventSamples.Count(24_500, 2), tally.Yes);
        Assert.Equal(EventSamples.Count(27_500, 2), tally.No);
        Assert.Equal((BallotDisposition.Ignored, "already-voted"), (result.Ballots[1].Disposition, result.Ballots[1].Reason));
    }

    [Fact]
    public void A_tampered_ballot_cast_is_reported_and_not_counted()
    {
        Open(allowChange: true);
        Cast("B", "p2", Choice.Yes);
        BallotCast genuine = Cast("E", "p5", Choice.No);
        // The server (or anyone) turns the owner's "no" into a "yes" after it was signed.
        _log[^1] = genuine with { Ballot = genuine.Ballot with { Answers = [new BallotAnswer("q1", Choice.Yes)] } };
        BallotCast forged = Cast("D", "p4", Choice.No);
        byte[] signature = forged.Assertion.Signature.ToArray();
        signature[10] ^= 0x40;
        _log[^1] = forged with { Assertion = forged.Assertion with { Signature = signature } };

        VoteReplayResult result = VoteReplay.Replay(_log, BallotFixtures.RelyingParty);

        Assert.Equal(
            [(BallotDisposition.Counted, null), (BallotDisposition.Rejected, "challenge-mismatch"), (BallotDisposition.Rejected, "bad-signature")],
            result.Ballots.Select(b => (b.Disposition, b.Reason)));
        Assert.Equal(EventSamples.Count(8_500, 1), result.Questions[0].Result.Yes);
        Assert.Equal(EventSamples.Count(8_500, 1), result.Questions[0].Result.Participating);
    }

    [Fact]
    public void Signing_for_someone_elses_units_or_outside_the_scope_is_rejected()
    {
        Open(allowChange: true);
        Cast("B", "p3", Choice.Yes, units: ["57-0202"]);
        Cast("F", "p6", Choice.Yes, units: ["58-0101"]);
        Cast("A", "p1", Choice.Yes, units: ["57-0101"]);
        Cast("A", "p1", Choice.Yes, units: ["57-0101", "57-0102", "57-0201"]);
        Cast("A", "p1", Choice.Yes, units: ["57-0101", "57-0102", "57-9999"]);

        VoteReplayResult result = VoteReplay.Replay(_log, BallotFixtures.RelyingParty);

        Assert.Equal(["not-owner", "out-of-scope", "units-mismatch", "wrong-principal", "not-on-roll"], result.Ballots.Select(b => b.Reason));
        Assert.Empty(result.Questions[0].Ballots);
    }

    [Fact]
    public void Unknown_revoked_and_replayed_credentials_are_rejected()
    {
        Open(allowChange: true);
        using SoftwareAuthenticator stranger = SoftwareAuthenticator.MakeCredential(BallotFixtures.RpId);
        _log.Add(Signed(stranger, "p2", Choice.Yes, ["57-0201"], s_at.AddDays(2)));
        _log.Add(new CredentialRevoked(Compound, s_at.AddDays(2), "officer:wang", EventSamples.Owner("C"), _authenticators["C"].CredentialId, ["officer:wang", "officer:zhao"], "lost-device"));
        Cast("C", "p3", Choice.No);
        BallotCast first = Cast("D", "p4", Choice.No);
        _log.Add(first with { At = first.At.AddMinutes(1) });

        VoteReplayResult result = VoteReplay.Replay(_log, BallotFixtures.RelyingParty);

        Assert.Equal(["unknown-credential", "credential-revoked", null, "duplicate-ballot"], result.Ballots.Select(b => b.Reason));
    }

    [Fact]
    public void Ballots_outside_the_voting_period_or_answering_other_questions_are_rejected()
    {
        Open(allowChange: true);
        Cast("A", "p1", Choice.Yes, at: s_at.AddHours(12));
        BallotCast cast = Signed(_authenticators["B"], "p2", Choice.Yes, ["57-0201"], s_at.AddDays(2), question: "q2");
        _log.Add(cast);

        VoteReplayResult result = VoteReplay.Replay(_log, BallotFixtures.RelyingParty);

        Assert.Equal(["outside-voting-period", "answers-mismatch"], result.Ballots.Select(b => b.Reason));
    }

    [Fact]
    public void An_explicit_supersession_takes_a_ballot_out_of_the_count()
    {
        Open(allowChange: true);
        BallotCast cast = Cast("B", "p2", Choice.Yes);
        _log.Add(new BallotSuperseded(Compound, Vote, s_at.AddDays(3), "officer:wang", cast.BallotId, "owner-withdrew"));

        VoteReplayResult result = VoteReplay.Replay(_log, BallotFixtures.RelyingParty);

        Assert.Equal((BallotDisposition.Ignored, "superseded:owner-withdrew"), (result.Ballots[0].Disposition, result.Ballots[0].Reason));
        Assert.Equal(DoubleCount.Zero, result.Questions[0].Result.Participating);
    }

    [Fact]
    public void The_log_round_trips_through_the_codec_and_the_published_tally_is_checked()
    {
        Open(allowChange: true);
        Cast("A", "p1", Choice.Yes);
        Cast("B", "p2", Choice.Yes);
        Cast("C", "p3", Choice.Yes);
        Cast("D", "p4", Choice.No);
        _log.Add(new VoteClosed(Compound, Vote, s_at.AddDays(7), "system"));
        TallyPublished published = VoteReplay.Replay(_log, BallotFixtures.RelyingParty).ToTallyPublished(s_at.AddDays(7).AddMinutes(1), "system");
        _log.Add(published);

        List<LedgerEvent> downloaded = [.. _log.Select(e => EventCodec.Decode(EventCodec.Encode(e)))];
        VoteReplayResult result = VoteReplay.Replay(downloaded, BallotFixtures.RelyingParty);

        Assert.True(result.MatchesPublished());
        QuestionTally q = published.Questions[0];
        downloaded[^1] = published with { Questions = [q with { Yes = EventSamples.Count(q.Yes.Area.Hundredths + 1, q.Yes.Heads.Value) }] };
        Assert.False(VoteReplay.Replay(downloaded, BallotFixtures.RelyingParty).MatchesPublished());
    }

    [Fact]
    public void A_vote_is_recounted_from_the_compounds_whole_log_with_the_relying_party_it_registered()
    {
        Open(allowChange: true);
        Cast("A", "p1", Choice.Yes);
        Cast("B", "p2", Choice.No);
        List<LedgerEvent> log = [EventSamples.Registered()];
        foreach (LedgerEvent e in _log)
        {
            log.Add(e);
            if (e is BallotCast)
            {
                log.Add(new VoteClosed(Compound, "an-earlier-vote", e.At, "system"));
            }
        }

        VoteReplayResult fromLog = VoteReplay.Replay(log, Vote);
        VoteReplayResult fromVote = VoteReplay.Replay(_log, BallotFixtures.RelyingParty);

        Assert.Equal(fromVote.Questions[0].Result with { Reasons = [] }, fromLog.Questions[0].Result with { Reasons = [] });
        Assert.Equal(EventSamples.Count(19_000, 1), fromLog.Questions[0].Result.Yes);
        Assert.False(fromLog.Closed);
        Assert.Throws<VoteReplayException>(() => VoteReplay.Replay(_log, Vote));
    }

    [Fact]
    public void The_order_of_different_owners_ballots_does_not_change_the_count()
    {
        Open(allowChange: true);
        int header = _log.Count;
        Cast("A", "p1", Choice.Yes);
        Cast("B", "p2", Choice.No);
        Cast("C", "p3", Choice.Abstain);
        Cast("D", "p4", Choice.Yes);
        Cast("DEV", OwnerId.DeveloperValue, Choice.No);
        TallyResult forward = VoteReplay.Replay(_log, BallotFixtures.RelyingParty).Questions[0].Result;

        List<LedgerEvent> reversed = [.. _log.Take(header), .. _log.Skip(header).Reverse()];
        TallyResult backward = VoteReplay.Replay(reversed, BallotFixtures.RelyingParty).Questions[0].Result;

        Assert.Equal(forward with { Reasons = [] }, backward with { Reasons = [] });
    }

    [Fact]
    public void A_log_without_a_roll_or_with_another_votes_events_is_an_error()
    {
        Assert.Throws<VoteReplayException>(() => VoteReplay.Replay([EventSamples.Matter()], BallotFixtures.RelyingParty));
        Open(allowChange: true);
        _log.Add(new VoteClosed(Compound, "another-vote", s_at.AddDays(7), "system"));
        Assert.Throws<VoteReplayException>(() => VoteReplay.Replay(_log, BallotFixtures.RelyingParty));
    }

    [Fact]
    public void Recorded_paper_ballots_merge_into_the_double_count_and_the_online_ballot_stands()
    {
        Open(allowChange: true);
        Cast("A", "p1", Choice.Yes);
        Issue("p1", "S-P1");
        Issue("p2", "S-P2");
        Issue("p3", "S-P3");
        Issue(OwnerId.DeveloperValue, "S-DEV");
        Record("S-P1", "p1", Choice.No);
        Record("S-P2", "p2", Choice.Yes);
        Record("S-P3", "p3", Choice.Invalid);
        Record("S-DEV", OwnerId.DeveloperValue, Choice.No);
        _log.Add(new VoteClosed(Compound, Vote, s_at.AddDays(7), "system"));

        VoteReplayResult result = VoteReplay.Replay(_log, BallotFixtures.RelyingParty);

        TallyResult tally = result.Questions[0].Result;
        // p1 online yes (19 000) + p2 paper yes (8 500); the developer's paper no (16 000, one head);
        // p3's blank sheet takes part as invalid (DESIGN.md "Invalid ballot rules": participating).
        Assert.Equal(EventSamples.Count(27_500, 2), tally.Yes);
        Assert.Equal(EventSamples.Count(16_000, 1), tally.No);
        Assert.Equal(EventSamples.Count(8_500, 1), tally.Invalid);
        Assert.Equal(EventSamples.Count(52_000, 4), tally.Participating);
        Assert.Equal(
            [
                (BallotChannel.Online, BallotDisposition.Counted, null),
                (BallotChannel.Paper, BallotDisposition.Ignored, "superseded:online-wins-over-paper"),
                (BallotChannel.Paper, BallotDisposition.Counted, null),
                (BallotChannel.Paper, BallotDisposition.Counted, null),
                (BallotChannel.Paper, BallotDisposition.Counted, null),
            ],
            result.Ballots.Select(b => (b.Channel, b.Disposition, b.Reason)));
        Assert.Equal("S-P2", result.Ballots[2].BallotId);
    }

    [Fact]
    public void An_online_ballot_cast_after_the_paper_one_was_recorded_still_stands()
    {
        Open(allowChange: true);
        Issue("p2", "S-P2");
        Record("S-P2", "p2", Choice.No);
        Cast("B", "p2", Choice.Yes);

        VoteReplayResult result = VoteReplay.Replay(_log, BallotFixtures.RelyingParty);

        Assert.Equal(EventSamples.Count(8_500, 1), result.Questions[0].Result.Yes);
        Assert.Equal(DoubleCount.Zero, result.Questions[0].Result.No);
        Assert.Equal("superseded:online-wins-over-paper", result.Ballots[0].Reason);
    }

    [Fact]
    public void A_serial_recorded_twice_counts_once_and_unissued_or_voided_serials_are_rejected()
    {
        Open(allowChange: true);
        Issue("p2", "S-P2");
        Issue("p3", "S-P3-OLD");
        Issue("p3", "S-P3-NEW");
        Issue("p4", "S-P4");
        Record("S-P2", "p2", Choice.Yes);
        Record("S-P2", "p2", Choice.Yes);
        Record("S-P3-OLD", "p3", Choice.No);
        Record("S-FORGED", "p5", Choice.No, units: ["57-0302"]);
        Record("S-P4", "p5", Choice.No, units: ["57-0302"]);
        Record("S-P3-NEW", "p3", Choice.Abstain, counts: false);

        VoteReplayResult result = VoteReplay.Replay(_log, BallotFixtures.RelyingParty);

        Assert.Equal(
            [null, "duplicate-serial", "serial-voided", "serial-not-issued", "not-as-issued", "superseded:online-wins-over-paper"],
            result.Ballots.Select(b => b.Reason));
        TallyResult tally = result.Questions[0].Result;
        Assert.Equal(EventSamples.Count(8_500, 1), tally.Yes);
        Assert.Equal(EventSamples.Count(8_500, 1), tally.Participating);
    }

    [Fact]
    public void A_paper_ballot_for_units_not_matching_the_principals_roll_entry_is_rejected()
    {
        Open(allowChange: true);
        _log.Add(new PaperBallotIssued(Compound, Vote, s_at.AddDays(1), "officer:wang", "p1", ["57-0101"], "S-HALF"));
        _log.Add(new PaperBallotIssued(Compound, Vote, s_at.AddDays(1), "officer:wang", "p6", ["58-0101"], "S-OUT"));
        Record("S-HALF", "p1", Choice.Yes, units: ["57-0101"]);
        Record("S-OUT", "p6", Choice.Yes, units: ["58-0101"]);

        VoteReplayResult result = VoteReplay.Replay(_log, BallotFixtures.RelyingParty);

        Assert.Equal(["units-mismatch", "out-of-scope"], result.Ballots.Select(b => b.Reason));
        Assert.Throws<VoteReplayException>(() => VoteReplay.Replay([.. _log, _log[^4]], BallotFixtures.RelyingParty));
    }

    private void Issue(string principal, string serial) =>
        _log.Add(new PaperBallotIssued(Compound, Vote, s_at.AddDays(1), "officer:wang", principal, [.. s_units.Where(u => u.Principal == principal).Select(u => u.Unit)], serial));

    private void Record(string serial, string principal, Choice choice, string[]? units = null, bool counts = true) =>
        _log.Add(new PaperBallotRecorded(
            Compound,
            Vote,
            s_at.AddDays(7).AddMinutes(++_minute),
            "officer:zhao",
            principal,
            units ?? [.. s_units.Where(u => u.Principal == principal).Select(u => u.Unit)],
            serial,
            [new BallotAnswer("q1", choice)],
            new string('c', 64),
            ["officer:wang", "officer:zhao"],
            counts));

    private static RollFrozen WholeRoll() => new(Compound, Vote, s_at, "officer:wang", [.. s_units.Select(u => new RollEntry(
        new UnitId(u.Unit), new BuildingId(u.Building), Area.FromHundredths(u.Area), AreaSource.Registry, EventSamples.Owner(u.Owner), new OwnerId(u.Principal)))]);

    // The roll in three or more parts, as a roll larger than one log entry is logged.
    private static IReadOnlyList<RollFrozen> RollInParts()
    {
        RollFrozen whole = WholeRoll();
        IReadOnlyList<RollFrozen> parts = whole.Split(EventCodec.Encode(whole).Length / 3);
        Assert.True(parts.Count >= 3);
        return parts;
    }

    private void Open(bool allowChange, bool inParts = false)
    {
        _log.AddRange(inParts ? RollInParts() : [WholeRoll()]);
        _log.Add(EventSamples.Matter(allowChange));
        foreach ((string owner, SoftwareAuthenticator authenticator) in _authenticators)
        {
            _log.Add(new CredentialEnrolled(Compound, s_at, "officer:wang", EventSamples.Owner(owner), authenticator.CredentialId, CoseKey.Parse(authenticator.CosePublicKey), CredentialKind.Passkey, ["officer:wang", "officer:zhao"], s_at, OwnerNotified: true));
        }
    }

    private BallotCast Cast(string owner, string principal, Choice choice, DateTimeOffset? at = null, string[]? units = null)
    {
        units ??= [.. s_units.Where(u => u.Principal == principal).Select(u => u.Unit)];
        BallotCast cast = Signed(_authenticators[owner], principal, choice, units, at ?? s_at.AddDays(2).AddMinutes(++_minute));
        _log.Add(cast);
        return cast;
    }

    private BallotCast Signed(SoftwareAuthenticator authenticator, string principal, Choice choice, string[] units, DateTimeOffset at, string question = "q1")
    {
        byte[] nonce = new byte[16];
        BitConverter.TryWriteBytes(nonce, ++_minute * 7919);
        var ballot = new OwnerBallot(Compound, Vote, principal, units, [new BallotAnswer(question, choice)], Base64UrlText.Encode(nonce), at.AddMinutes(-1));
        WebAuthnAssertion assertion = authenticator.GetAssertion(BallotChallenge.Compute(ballot), BallotFixtures.Origin);
        return new BallotCast(Compound, Vote, at, "owner", ballot, assertion);
    }
}
