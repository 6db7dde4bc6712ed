using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Voting.Tests.Signing;

namespace OwnersVote.Voting.Tests.Events;

/// <summary>
/// <see cref="CompoundReplay"/> replays all of a compound's votes in one pass over its log, as
/// ov verify streams it; each vote must come out as a replay of that vote's own events with the
/// compound's (<see cref="VoteReplay.Replay(IEnumerable{LedgerEvent}, RelyingParty)"/>) says.
/// </summary>
public sealed class CompoundReplayTests : IDisposable
{
    private const string Compound = EventSamples.Compound;
    private const string Lift = EventSamples.Vote;
    private const string Roof = "b57-roof-2025";

    private static readonly DateTimeOffset s_at = EventSamples.At;

    private static readonly (string Unit, string Owner)[] s_units =
    [
        ("57-0101", "A"),
        ("57-0201", "B"),
        ("57-0301", "C"),
        ("57-0401", "D"),
    ];

    private readonly Dictionary<string, SoftwareAuthenticator> _authenticators = new(StringComparer.Ordinal);
    private int _nonce;

    public CompoundReplayTests()
    {
        foreach ((_, string owner) in s_units)
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

    [Fact]
    public void Votes_replayed_together_in_one_pass_each_count_as_their_own_events_do()
    {
        List<LedgerEvent> log = TwoVotes();
        var together = new CompoundReplay();
        for (int i = 0; i < log.Count; i++)
        {
            together.Apply(log[i], i);
        }

        Assert.Equal([Lift, Roof], together.Votes);
        foreach (string vote in new[] { Lift, Roof })
        {
            // The reference: the compound's own events and this vote's, filtered first, replayed alone.
            List<int> kept = [.. Enumerable.Range(0, log.Count).Where(i => log[i] is not VoteEvent ve || ve.Vote == vote)];
            VoteReplayResult alone = VoteReplay.Replay(kept.Select(i => log[i]), BallotFixtures.RelyingParty);
            VoteReplayResult streamed = together.Finish(vote);

            Assert.Equal(alone.Questions.Select(q => q.Result with { Reasons = [] }), streamed.Questions.Select(q => q.Result with { Reasons = [] }));
            // Positions: the reference's are among the filtered events; the stream's are the log's.
            Assert.Equal(
                alone.Ballots.Select(b => (kept[b.Position], b.BallotId, b.Disposition, b.Reason)),
                streamed.Ballots.Select(b => (b.Position, b.BallotId, b.Disposition, b.Reason)));
            Assert.Equal(alone.Closed, streamed.Closed);
        }

        // What the log holds, so the comparison above is not between two empty results.
        VoteReplayResult lift = together.Finish(Lift);
        Assert.Equal(["replaced-by-later", null, null, "credential-not-active"], lift.Ballots.Select(b => b.Reason));
        Assert.Equal(EventSamples.Count(18_000, 2), lift.Questions[0].Result.Yes);
        VoteReplayResult roof = together.Finish(Roof);
        Assert.Equal([null, "credential-revoked", null], roof.Ballots.Select(b => b.Reason));
        Assert.True(roof.Closed);
        Assert.False(lift.Closed);
    }

    [Fact]
    public void A_vote_whose_log_breaks_stops_alone_and_says_where()
    {
        List<LedgerEvent> log = TwoVotes();
        int second = log.Count;
        log.Add(Matter(Lift));
        var together = new CompoundReplay();
        for (int i = 0; i < log.Count; i++)
        {
            together.Apply(log[i], i);
        }

        VoteReplayException broken = Assert.Throws<VoteReplayException>(() => together.Finish(Lift));
        Assert.StartsWith($"Event {second}: a second MatterPublished", broken.Message, StringComparison.Ordinal);
        Assert.Equal(broken.Message, Assert.Throws<VoteReplayException>(() => VoteReplay.Replay(log, Lift)).Message);
        Assert.True(together.Finish(Roof).Closed);
    }

    [Fact]
    public void An_event_before_the_registration_stops_every_vote_as_reading_from_the_start_would()
    {
        List<LedgerEvent> log = TwoVotes();
        log.Insert(0, log.OfType<CredentialEnrolled>().First());
        var together = new CompoundReplay();
        for (int i = 0; i < log.Count; i++)
        {
            together.Apply(log[i], i);
        }

        foreach (string vote in new[] { Lift, Roof })
        {
            string message = Assert.Throws<VoteReplayException>(() => together.Finish(vote)).Message;
            Assert.Equal("Event 0 (CredentialEnrolled) comes before CompoundRegistered, which fixes the relying party.", message);
            Assert.Equal(message, Assert.Throws<VoteReplayException>(() => VoteReplay.Replay(log, vote)).Message);
        }

        var none = new CompoundReplay();
        Assert.Equal("The log has no CompoundRegistered.", Assert.Throws<VoteReplayException>(() => none.Finish(Lift)).Message);
    }

    [Fact]
    public void A_vote_announced_later_checks_each_mandate_against_the_credentials_of_its_moment()
    {
        // C signs a mandate for D before C's passkey is enrolled: it never held. A's mandate for
        // B, signed after A's enrolment, does. The roof vote appears after both, so its replay
        // starts late, against the one credential book of the compound.
        List<LedgerEvent> log = [EventSamples.Registered()];
        log.AddRange(new[] { "A", "B", "D" }.Select(owner => Enrol(owner, s_at)));
        log.Add(Granted("C", "D"));
        log.Add(Enrol("C", s_at.AddHours(1)));
        log.Add(Granted("A", "B"));
        log.Add(Roll(Roof));
        log.Add(Matter(Roof));
        log.Add(Ballot("D", Roof, Choice.Yes, s_at.AddDays(2), forOwner: "C"));
        log.Add(Ballot("B", Roof, Choice.No, s_at.AddDays(2).AddHours(1), forOwner: "A"));
        var together = new CompoundReplay();
        for (int i = 0; i < log.Count; i++)
        {
            together.Apply(log[i], i);
        }

        VoteReplayResult streamed = together.Finish(Roof);
        VoteReplayResult alone = VoteReplay.Replay(log, BallotFixtures.RelyingParty);

        Assert.Equal(["mandate-unknown-credential", null], streamed.Ballots.Select(b => b.Reason));
        Assert.Equal(alone.Ballots.Select(b => (b.Position, b.Disposition, b.Reason, b.Proxy)), streamed.Ballots.Select(b => (b.Position, b.Disposition, b.Reason, b.Proxy)));
    }

    [Fact]
    public void Replaying_one_vote_skips_the_others_events()
    {
        List<LedgerEvent> log = TwoVotes();
        var one = new CompoundReplay(Roof);
        for (int i = 0; i < log.Count; i++)
        {
            one.Apply(log[i], i);
        }

        Assert.Equal([Roof], one.Votes);
        Assert.Equal(3, one.Finish(Roof).Ballots.Count);
    }

    // Two votes of one compound, interleaved: the lift vote starts first; C's passkey is enrolled
    // between the two announcements (active a day later); B's is revoked while the roof vote runs.
    private List<LedgerEvent> TwoVotes()
    {
        List<LedgerEvent> log = [EventSamples.Registered(), EventSamples.Notice()];
        log.AddRange(new[] { "A", "B", "D" }.Select(owner => Enrol(owner, s_at)));
        log.Add(Roll(Lift));
        log.Add(Matter(Lift));
        log.Add(Ballot("A", Lift, Choice.No, s_at.AddDays(1).AddHours(1)));
        log.Add(Enrol("C", s_at.AddDays(1).AddHours(2), activeFrom: s_at.AddDays(2).AddHours(2)));
        log.Add(Roll(Roof));
        log.Add(Matter(Roof));
        log.Add(Ballot("B", Lift, Choice.Yes, s_at.AddDays(1).AddHours(3)));
        log.Add(Ballot("C", Roof, Choice.Yes, s_at.AddDays(3)));
        log.Add(new CredentialRevoked(Compound, s_at.AddDays(3).AddHours(1), "officer:wang", EventSamples.Owner("B"), _authenticators["B"].CredentialId, ["officer:wang", "officer:zhao"], "lost-device"));
        log.Add(Ballot("B", Roof, Choice.No, s_at.AddDays(3).AddHours(2)));
        log.Add(Ballot("A", Lift, Choice.Yes, s_at.AddDays(3).AddHours(3)));
        log.Add(Ballot("D", Roof, Choice.Abstain, s_at.AddDays(3).AddHours(4)));
        log.Add(Ballot("C", Lift, Choice.Yes, s_at.AddDays(1).AddHours(4)));
        log.Add(new VoteClosed(Compound, Roof, s_at.AddDays(7), "system"));
        return log;
    }

    private CredentialEnrolled Enrol(string owner, DateTimeOffset at, DateTimeOffset? activeFrom = null)
    {
        SoftwareAuthenticator authenticator = _authenticators[owner];
        return new CredentialEnrolled(Compound, at, "officer:wang", EventSamples.Owner(owner), authenticator.CredentialId, CoseKey.Parse(authenticator.CosePublicKey), CredentialKind.Passkey, ["officer:wang", "officer:zhao"], activeFrom ?? at, OwnerNotified: true);
    }

    private static RollFrozen Roll(string vote) => new(Compound, vote, s_at, "officer:wang", [.. s_units.Select(u => new RollEntry(
        new UnitId(u.Unit), new BuildingId("57"), Area.FromHundredths(9_000), AreaSource.Registry, EventSamples.Owner(u.Owner), new OwnerId("p-" + u.Unit)))]);

    private static MatterPublished Matter(string vote) => EventSamples.Matter(allowChange: true) with { Vote = vote };

    // An online mandate for the whole spring, signed by the owner with their passkey (Shanghai art. 18).
    private ProxyGranted Granted(string owner, string proxy)
    {
        byte[] nonce = new byte[16];
        BitConverter.TryWriteBytes(nonce, ++_nonce * 104_729);
        var mandate = new ProxyMandate(Compound, EventSamples.Owner(owner), EventSamples.Owner(proxy), null, s_at, s_at.AddDays(30), Base64UrlText.Encode(nonce), s_at);
        WebAuthnAssertion assertion = _authenticators[owner].GetAssertion(mandate.Challenge(), BallotFixtures.Origin);
        return new ProxyGranted(Compound, s_at.AddHours(_nonce), "owner:" + EventSamples.Owner(owner), mandate, null, null, assertion);
    }

    private BallotCast Ballot(string owner, string vote, Choice choice, DateTimeOffset at, string? forOwner = null)
    {
        string unit = s_units.Single(u => u.Owner == (forOwner ?? owner)).Unit;
        byte[] nonce = new byte[16];
        BitConverter.TryWriteBytes(nonce, ++_nonce * 7919);
        var ballot = new OwnerBallot(Compound, vote, "p-" + unit, [unit], [new BallotAnswer("q1", choice)], Base64UrlText.Encode(nonce), at.AddMinutes(-1));
        WebAuthnAssertion assertion = _authenticators[owner].GetAssertion(BallotChallenge.Compute(ballot), BallotFixtures.Origin);
        return new BallotCast(Compound, vote, at, "owner", ballot, assertion);
    }
}
