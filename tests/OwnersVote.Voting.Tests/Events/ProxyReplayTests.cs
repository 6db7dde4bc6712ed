using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Voting.Tests.Signing;

namespace OwnersVote.Voting.Tests.Events;

/// <summary>
/// Proxies (Shanghai 住宅物业管理规定 art. 18) and custodial ballots in the recount: which ballot
/// counts for a principal when a proxy, the owner in person and the desk all take part
/// (docs/proxies.md states the rules these tests pin).
/// </summary>
public sealed class ProxyReplayTests : IDisposable
{
    private const string Compound = EventSamples.Compound;
    private const string Vote = EventSamples.Vote;

    private static readonly DateTimeOffset s_at = EventSamples.At;

    // Owner B holds 57-0201 (principal p2); X is not an owner: B's proxy. C owns 57-0202 (p3).
    private static readonly (string Unit, string Owner, string Principal)[] s_units =
    [
        ("57-0201", "B", "p2"),
        ("57-0202", "C", "p3"),
    ];

    private readonly Dictionary<string, SoftwareAuthenticator> _authenticators = new(StringComparer.Ordinal);
    private readonly List<LedgerEvent> _log = [];
    private int _minute;

    public ProxyReplayTests()
    {
        foreach (string person in new[] { "B", "C", "X" })
        {
            _authenticators[person] = SoftwareAuthenticator.MakeCredential(BallotFixtures.RpId);
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
    public void A_proxy_ballot_counts_for_the_owners_principal_with_the_proxys_own_signature()
    {
        Open(allowChange: true);
        ProxyMandate mandate = GrantScanned("B", "X", ForVote(Vote));
        Cast("X", "p2", Choice.Yes);
        Cast("C", "p3", Choice.No);

        VoteReplayResult result = Replay();

        Assert.Equal([(BallotDisposition.Counted, (string?)null, mandate.Id), (BallotDisposition.Counted, null, null)], result.Ballots.Select(b => (b.Disposition, b.Reason, b.Proxy)));
        Assert.Equal(EventSamples.Count(8_500, 1), result.Questions[0].Result.Yes);
    }

    [Fact]
    public void A_person_without_a_mandate_from_the_owner_cannot_vote_for_them()
    {
        Open(allowChange: true);
        GrantScanned("C", "X", ForVote(Vote));
        Cast("X", "p2", Choice.Yes);

        Assert.Equal("not-owner", Assert.Single(Replay().Ballots).Reason);
    }

    [Fact]
    public void After_the_revocation_the_proxys_ballot_is_refused_but_a_ballot_cast_before_stands()
    {
        Open(allowChange: true);
        ProxyMandate mandate = GrantScanned("B", "X", ForVote(Vote));
        Cast("X", "p2", Choice.Yes);
        _log.Add(new ProxyRevoked(Compound, Next(), "owner:" + EventSamples.Owner("B"), mandate.Id, EventSamples.Owner("B"), null));
        Cast("X", "p2", Choice.No);

        VoteReplayResult result = Replay();

        Assert.Equal([(BallotDisposition.Counted, (string?)null), (BallotDisposition.Rejected, "proxy-revoked")], result.Ballots.Select(b => (b.Disposition, b.Reason)));
        Assert.Equal(EventSamples.Count(8_500, 1), result.Questions[0].Result.Yes);
    }

    [Fact]
    public void Revoking_a_mandate_that_was_never_granted_or_by_another_owner_is_an_inconsistent_log()
    {
        Open(allowChange: true);
        ProxyMandate mandate = GrantScanned("B", "X", ForVote(Vote));
        _log.Add(new ProxyRevoked(Compound, Next(), "owner:" + EventSamples.Owner("C"), mandate.Id, EventSamples.Owner("C"), null));

        Assert.Throws<VoteReplayException>(Replay);
    }

    [Fact]
    public void A_mandate_for_one_vote_does_not_cover_another()
    {
        Open(allowChange: true);
        GrantScanned("B", "X", ForVote("another-vote"));
        Cast("X", "p2", Choice.Yes);

        Assert.Equal("proxy-not-in-scope", Assert.Single(Replay().Ballots).Reason);
    }

    [Fact]
    public void A_mandate_for_a_period_covers_ballots_cast_within_it_only()
    {
        Open(allowChange: true);
        DateTimeOffset inside = s_at.AddDays(2);
        GrantScanned("B", "X", (null, inside.AddHours(-1), inside.AddHours(1)));
        Cast("X", "p2", Choice.Yes, at: inside);
        Cast("X", "p2", Choice.No, at: inside.AddHours(1));

        VoteReplayResult result = Replay();

        Assert.Equal([(BallotDisposition.Counted, (string?)null), (BallotDisposition.Rejected, "proxy-not-in-scope")], result.Ballots.Select(b => (b.Disposition, b.Reason)));
    }

    [Fact]
    public void An_owner_who_votes_after_the_proxy_replaces_the_proxys_ballot_where_the_vote_allows_changes()
    {
        Open(allowChange: true);
        GrantScanned("B", "X", ForVote(Vote));
        Cast("X", "p2", Choice.Yes);
        Cast("B", "p2", Choice.No);

        VoteReplayResult result = Replay();

        Assert.Equal([(BallotDisposition.Ignored, "replaced-by-later"), (BallotDisposition.Counted, (string?)null)], result.Ballots.Select(b => (b.Disposition, b.Reason)));
        Assert.Equal(EventSamples.Count(8_500, 1), result.Questions[0].Result.No);
    }

    [Fact]
    public void Without_changes_allowed_the_proxys_earlier_ballot_stands_over_the_owners()
    {
        Open(allowChange: false);
        GrantScanned("B", "X", ForVote(Vote));
        Cast("X", "p2", Choice.Yes);
        Cast("B", "p2", Choice.No);

        VoteReplayResult result = Replay();

        Assert.Equal([(BallotDisposition.Counted, (string?)null), (BallotDisposition.Ignored, "already-voted")], result.Ballots.Select(b => (b.Disposition, b.Reason)));
        Assert.Equal(EventSamples.Count(8_500, 1), result.Questions[0].Result.Yes);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Once_the_owner_voted_in_person_the_proxys_ballot_is_set_aside(bool allowChange)
    {
        Open(allowChange);
        GrantScanned("B", "X", ForVote(Vote));
        Cast("B", "p2", Choice.No);
        Cast("X", "p2", Choice.Yes);

        VoteReplayResult result = Replay();

        Assert.Equal([(BallotDisposition.Counted, (string?)null), (BallotDisposition.Ignored, "owner-voted-in-person")], result.Ballots.Select(b => (b.Disposition, b.Reason)));
        Assert.Equal(EventSamples.Count(8_500, 1), result.Questions[0].Result.No);
    }

    [Fact]
    public void A_mandate_signed_online_by_the_owner_verifies_and_an_altered_one_does_not()
    {
        Open(allowChange: true);
        ProxyMandate signed = Mandate("B", "X", ForVote(Vote));
        WebAuthnAssertion assertion = _authenticators["B"].GetAssertion(signed.Challenge(), BallotFixtures.Origin);
        _log.Add(new ProxyGranted(Compound, Next(), "owner:" + EventSamples.Owner("B"), signed, null, null, assertion));
        Cast("X", "p2", Choice.Yes);
        Assert.Equal(BallotDisposition.Counted, Assert.Single(Replay().Ballots).Disposition);

        // The server swaps the proxy named in the mandate the owner signed.
        _log.RemoveRange(_log.Count - 2, 2);
        ProxyMandate altered = signed with { Proxy = EventSamples.Owner("C") };
        _log.Add(new ProxyGranted(Compound, Next(), "owner:" + EventSamples.Owner("B"), altered, null, null, assertion));
        Cast("C", "p2", Choice.Yes);
        Assert.Equal("mandate-bad-signature", Assert.Single(Replay().Ballots).Reason);
    }

    [Fact]
    public void A_mandate_signed_with_a_credential_of_another_owner_does_not_hold()
    {
        Open(allowChange: true);
        ProxyMandate mandate = Mandate("B", "X", ForVote(Vote));
        WebAuthnAssertion assertion = _authenticators["C"].GetAssertion(mandate.Challenge(), BallotFixtures.Origin);
        _log.Add(new ProxyGranted(Compound, Next(), "owner:" + EventSamples.Owner("B"), mandate, null, null, assertion));
        Cast("X", "p2", Choice.Yes);

        Assert.Equal("mandate-unknown-credential", Assert.Single(Replay().Ballots).Reason);
    }

    [Fact]
    public void A_custodial_ballot_counts_as_the_owners_own_and_a_later_online_change_replaces_it()
    {
        Open(allowChange: true);
        Custodial("B", "p2", Choice.Yes);
        Custodial("B", "p3", Choice.Yes);
        Cast("B", "p2", Choice.No);

        VoteReplayResult result = Replay();

        Assert.Equal(
            [
                (BallotChannel.Custodial, BallotDisposition.Ignored, "replaced-by-later"),
                (BallotChannel.Custodial, BallotDisposition.Rejected, "not-owner"),
                (BallotChannel.Online, BallotDisposition.Counted, (string?)null),
            ],
            result.Ballots.Select(b => (b.Channel, b.Disposition, b.Reason)));
    }

    [Fact]
    public void A_proxy_cannot_vote_over_a_custodial_ballot_the_owner_gave_in_person()
    {
        Open(allowChange: true);
        GrantScanned("B", "X", ForVote(Vote));
        Custodial("B", "p2", Choice.No);
        Cast("X", "p2", Choice.Yes);

        VoteReplayResult result = Replay();

        Assert.Equal("owner-voted-in-person", result.Ballots[1].Reason);
        Assert.Equal(EventSamples.Count(8_500, 1), result.Questions[0].Result.No);
    }

    [Fact]
    public void Events_refuse_one_officer_confirming_their_own_entry_and_an_owner_mandating_themselves()
    {
        Assert.Throws<ArgumentException>(() => EventCodec.Encode(new CustodialBallotCast(
            Compound, Vote, s_at, "officer:wang", EventSamples.Owner("B"), "p2", ["57-0201"], [new BallotAnswer("q1", Choice.Yes)], "officer:wang", "officer:wang")));
        Assert.Throws<ArgumentException>(() => Mandate("B", "B", ForVote(Vote)).ToJson());
        Assert.Throws<ArgumentException>(() => (Mandate("B", "X", ForVote(Vote)) with { From = s_at, Until = s_at.AddDays(1) }).ToJson());
        Assert.Throws<ArgumentException>(() => EventCodec.Encode(new ProxyGranted(Compound, s_at, "officer:wang", Mandate("B", "X", ForVote(Vote)), new string('d', 64), "王小明", null)));
    }

    private static (string? Vote, DateTimeOffset? From, DateTimeOffset? Until) ForVote(string vote) => (vote, null, null);

    private VoteReplayResult Replay() => VoteReplay.Replay(_log, BallotFixtures.RelyingParty);

    private DateTimeOffset Next() => s_at.AddDays(1).AddMinutes(++_minute);

    private ProxyMandate Mandate(string owner, string proxy, (string? Vote, DateTimeOffset? From, DateTimeOffset? Until) scope)
    {
        byte[] nonce = new byte[16];
        BitConverter.TryWriteBytes(nonce, ++_minute * 104_729);
        return new ProxyMandate(Compound, EventSamples.Owner(owner), EventSamples.Owner(proxy), scope.Vote, scope.From, scope.Until, Base64UrlText.Encode(nonce), s_at);
    }

    private ProxyMandate GrantScanned(string owner, string proxy, (string? Vote, DateTimeOffset? From, DateTimeOffset? Until) scope)
    {
        ProxyMandate mandate = Mandate(owner, proxy, scope);
        _log.Add(new ProxyGranted(Compound, s_at.AddMinutes(30), "officer:wang", mandate, new string('d', 64), "officer:wang", null));
        return mandate;
    }

    private void Custodial(string owner, string principal, Choice choice) =>
        _log.Add(new CustodialBallotCast(
            Compound, Vote, s_at.AddDays(2).AddMinutes(++_minute), "officer:zhao", EventSamples.Owner(owner), principal,
            [.. s_units.Where(u => u.Principal == principal).Select(u => u.Unit)], [new BallotAnswer("q1", choice)], "officer:wang", "officer:zhao"));

    private void Open(bool allowChange)
    {
        _log.Add(new RollFrozen(Compound, Vote, s_at, "officer:wang", [.. s_units.Select(u => new RollEntry(
            new UnitId(u.Unit), new BuildingId("57"), Area.FromHundredths(8_500), AreaSource.Registry, EventSamples.Owner(u.Owner), new OwnerId(u.Principal)))]));
        _log.Add(EventSamples.Matter(allowChange));
        foreach ((string person, SoftwareAuthenticator authenticator) in _authenticators)
        {
            _log.Add(new CredentialEnrolled(Compound, s_at, "officer:wang", EventSamples.Owner(person), authenticator.CredentialId, CoseKey.Parse(authenticator.CosePublicKey), CredentialKind.Passkey, ["officer:wang", "officer:zhao"], s_at, OwnerNotified: true));
        }
    }

    private void Cast(string signer, string principal, Choice choice, DateTimeOffset? at = null)
    {
        DateTimeOffset when = at ?? s_at.AddDays(2).AddMinutes(++_minute);
        byte[] nonce = new byte[16];
        BitConverter.TryWriteBytes(nonce, ++_minute * 7919);
        var ballot = new OwnerBallot(Compound, Vote, principal, [.. s_units.Where(u => u.Principal == principal).Select(u => u.Unit)], [new BallotAnswer("q1", choice)], Base64UrlText.Encode(nonce), when.AddMinutes(-1));
        WebAuthnAssertion assertion = _authenticators[signer].GetAssertion(BallotChallenge.Compute(ballot), BallotFixtures.Origin);
        _log.Add(new BallotCast(Compound, Vote, when, "owner:" + EventSamples.Owner(signer), ballot, assertion));
    }
}
