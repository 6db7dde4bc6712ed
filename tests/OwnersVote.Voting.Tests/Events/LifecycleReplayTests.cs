using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Voting.Tests.Signing;

namespace OwnersVote.Voting.Tests.Events;

/// <summary>
/// Issue 7 part 1: the lifecycle announced → open → closed → preliminary result → objection period
/// → final, as <see cref="VoteReplay"/> enforces it from the log alone; per-question threshold
/// classes (Civil Code art. 278) and the silent-majority clause with delivery proof.
/// </summary>
public sealed class LifecycleReplayTests : IDisposable
{
    private const string Compound = EventSamples.Compound;
    private const string Vote = EventSamples.Vote;

    private static readonly DateTimeOffset s_at = EventSamples.At;
    private static readonly DateTimeOffset s_opens = s_at.AddDays(1);
    private static readonly DateTimeOffset s_closes = s_at.AddDays(8);
    private static readonly DateTimeOffset s_published = s_closes.AddHours(2);

    // Four owners of building 57, one unit each, equal area.
    private static readonly string[] s_owners = ["A", "B", "C", "D"];

    private readonly Dictionary<string, SoftwareAuthenticator> _authenticators = new(StringComparer.Ordinal);
    private readonly List<LedgerEvent> _log = [];
    private int _nonce;

    public LifecycleReplayTests()
    {
        foreach (string owner in s_owners)
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
    public void A_vote_walks_every_stage_and_the_final_result_follows_the_answered_objection()
    {
        Announce();
        Assert.Equal(VoteStage.Announced, Replay().Stage);
        _log.Add(new VoteOpened(Compound, Vote, s_opens, "system"));
        Assert.Equal(VoteStage.Open, Replay().Stage);
        Cast("A", Choice.Yes, Choice.Yes);
        Cast("B", Choice.Yes, Choice.No);
        Cast("C", Choice.Yes, Choice.Yes);
        _log.Add(new ReminderSent(Compound, Vote, s_closes.AddHours(-48), "system", "pD", 48));
        _log.Add(new VoteClosed(Compound, Vote, s_closes, "system"));
        Assert.Equal(VoteStage.Closed, Replay().Stage);
        _log.Add(Replay().ToTallyPublished(s_published, "committee:chen"));
        VoteReplayResult preliminary = Replay();
        Assert.Equal(VoteStage.Preliminary, preliminary.Stage);
        Assert.Equal(s_published.AddHours(72), preliminary.ObjectionPeriodEnds);
        Assert.True(preliminary.MatchesPublished());
        _log.Add(new Objection(Compound, Vote, s_published.AddHours(5), "owner:" + EventSamples.Owner("D"), "obj-1", EventSamples.Owner("D"), "我没有收到表决票。"));
        _log.Add(new ObjectionResolved(Compound, Vote, s_published.AddHours(30), "committee:chen", "obj-1", "经核对，表决票已于开票当日送达。"));
        _log.Add(new ResultFinalised(Compound, Vote, s_published.AddHours(72), "committee:chen"));

        VoteReplayResult final = Replay();
        Assert.Equal(VoteStage.Final, final.Stage);
        ReplayedObjection objection = Assert.Single(final.Objections);
        Assert.Equal("经核对，表决票已于开票当日送达。", objection.Answer);
        Assert.Equal(["pD"], final.NonVoters);
        Assert.Equal("pD", Assert.Single(final.Reminders).Principal);
        // q1 is ordinary: 3 of 3 participating say yes. q2 is major: 2 of 3 is below three quarters.
        Assert.True(final.Questions.Single(q => q.Question == "q1").Result.Passed);
        TallyResult major = final.Questions.Single(q => q.Question == "q2").Result;
        Assert.Equal(ThresholdClass.Major, major.Rule);
        Assert.False(major.Passed);
        Assert.True(major.QuorumMet);
    }

    [Fact]
    public void The_final_result_cannot_come_while_an_objection_is_unanswered()
    {
        ClosedAndPublished();
        _log.Add(new Objection(Compound, Vote, s_published.AddHours(5), "owner:" + EventSamples.Owner("D"), "obj-1", EventSamples.Owner("D"), "计票有误。"));
        _log.Add(new ResultFinalised(Compound, Vote, s_published.AddHours(80), "committee:chen"));

        VoteReplayException e = Assert.Throws<VoteReplayException>(Replay);
        Assert.Contains("objection obj-1 is unanswered", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_final_result_cannot_come_before_the_objection_period_ends()
    {
        ClosedAndPublished();
        // One millisecond before the end of the 72 hours.
        _log.Add(new ResultFinalised(Compound, Vote, s_published.AddHours(72).AddMilliseconds(-1), "committee:chen"));
        Assert.Throws<VoteReplayException>(Replay);

        _log[^1] = new ResultFinalised(Compound, Vote, s_published.AddHours(72), "committee:chen");
        Assert.Equal(VoteStage.Final, Replay().Stage);
    }

    [Fact]
    public void An_objection_after_the_period_or_before_the_preliminary_result_is_refused()
    {
        Announce();
        _log.Add(new VoteOpened(Compound, Vote, s_opens, "system"));
        _log.Add(new Objection(Compound, Vote, s_opens.AddHours(1), "owner:" + EventSamples.Owner("D"), "obj-1", EventSamples.Owner("D"), "太早了。"));
        Assert.Throws<VoteReplayException>(Replay);

        _log.Clear();
        ClosedAndPublished();
        _log.Add(new Objection(Compound, Vote, s_published.AddHours(72), "owner:" + EventSamples.Owner("D"), "obj-1", EventSamples.Owner("D"), "太晚了。"));
        VoteReplayException e = Assert.Throws<VoteReplayException>(Replay);
        Assert.Contains("after the objection period ended", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_an_owner_on_the_roll_may_object()
    {
        ClosedAndPublished();
        _log.Add(new Objection(Compound, Vote, s_published.AddHours(1), "owner:x", "obj-1", EventSamples.Owner("Z"), "我不是业主。"));
        Assert.Throws<VoteReplayException>(Replay);
    }

    [Fact]
    public void The_vote_cannot_open_before_its_published_time_nor_be_tallied_before_it_closes()
    {
        Announce();
        _log.Add(new VoteOpened(Compound, Vote, s_opens.AddMilliseconds(-1), "system"));
        Assert.Throws<VoteReplayException>(Replay);

        _log[^1] = new VoteOpened(Compound, Vote, s_opens, "system");
        Cast("A", Choice.Yes, Choice.Yes);
        _log.Add(Replay().ToTallyPublished(s_closes, "committee:chen"));
        Assert.Throws<VoteReplayException>(Replay);
    }

    [Fact]
    public void A_second_close_or_a_second_tally_breaks_the_log()
    {
        ClosedAndPublished();
        _log.Add(Replay().ToTallyPublished(s_published.AddHours(1), "committee:chen"));
        Assert.Throws<VoteReplayException>(Replay);
    }

    [Fact]
    public void Without_an_objection_period_the_published_tally_is_final()
    {
        Announce(objectionHours: null);
        Cast("A", Choice.Yes, Choice.Yes);
        _log.Add(new VoteClosed(Compound, Vote, s_closes, "system"));
        _log.Add(Replay().ToTallyPublished(s_published, "committee:chen"));
        Assert.Equal(VoteStage.Final, Replay().Stage);

        _log.Add(new ResultFinalised(Compound, Vote, s_published.AddDays(4), "committee:chen"));
        Assert.Throws<VoteReplayException>(Replay);
    }

    [Fact]
    public void Silent_majority_counts_only_non_voters_whose_ballot_was_delivered()
    {
        Announce(silentMajority: true);
        _log.Add(new BallotDelivered(Compound, Vote, s_opens.AddHours(1), "officer:wang", "pC", DeliveryChannel.Door));
        Cast("A", Choice.Yes, Choice.Yes);
        Cast("B", Choice.No, Choice.No);
        _log.Add(new VoteClosed(Compound, Vote, s_closes, "system"));

        VoteReplayResult result = Replay();
        Assert.Equal(["pC", "pD"], result.NonVoters);
        Assert.Equal(["pD"], result.Undelivered);
        // A, B voted; C counts as yes by the clause (delivered); D, undelivered, did not take part.
        TallyResult q1 = result.Questions.Single(q => q.Question == "q1").Result;
        Assert.Equal(3, q1.Participating.Heads.Value);
        Assert.Equal(2, q1.Yes.Heads.Value);
    }

    [Fact]
    public void Silent_majority_is_off_unless_the_matter_says_so()
    {
        Announce();
        _log.Add(new BallotDelivered(Compound, Vote, s_opens.AddHours(1), "officer:wang", "pC", DeliveryChannel.Letter));
        Cast("A", Choice.Yes, Choice.Yes);
        TallyResult q1 = Replay().Questions.Single(q => q.Question == "q1").Result;
        Assert.Equal(1, q1.Participating.Heads.Value);
    }

    [Fact]
    public void A_log_written_before_the_lifecycle_events_still_replays_as_final()
    {
        // No VoteOpened, no objection period: the old meaning of TallyPublished.
        Announce(objectionHours: null, reminders: []);
        Cast("A", Choice.Yes, Choice.Yes);
        _log.Add(new VoteClosed(Compound, Vote, s_closes, "system"));
        _log.Add(Replay().ToTallyPublished(s_published, "officer:demo"));
        VoteReplayResult result = Replay();
        Assert.Equal(VoteStage.Final, result.Stage);
        Assert.Null(result.Opened);
        Assert.True(result.MatchesPublished());
    }

    [Fact]
    public void A_reminder_after_the_close_or_of_an_unset_round_breaks_the_log()
    {
        Announce();
        _log.Add(new ReminderSent(Compound, Vote, s_closes.AddHours(-24), "system", "pD", 24));
        Assert.Throws<VoteReplayException>(Replay);
    }

    [Fact]
    public void Per_question_thresholds_and_the_lifecycle_fields_round_trip_and_old_matters_keep_their_bytes()
    {
        MatterPublished matter = Matter(72, silentMajority: true, reminders: [24, 48]);
        byte[] encoded = EventCodec.Encode(matter);
        MatterPublished decoded = Assert.IsType<MatterPublished>(EventCodec.Decode(encoded));
        Assert.Equal(encoded, EventCodec.Encode(decoded));
        Assert.Equal(ThresholdClass.Major, decoded.Questions[1].Threshold);
        Assert.Equal(72, decoded.ObjectionHours);
        Assert.True(decoded.SilentMajority);
        Assert.Equal([24, 48], decoded.ReminderRounds);

        string old = System.Text.Encoding.UTF8.GetString(EventCodec.Encode(EventSamples.Matter()));
        Assert.DoesNotContain("objectionHours", old, StringComparison.Ordinal);
        Assert.DoesNotContain("silentMajority", old, StringComparison.Ordinal);
        Assert.DoesNotContain("reminders", old, StringComparison.Ordinal);
        Assert.DoesNotContain("\"threshold\":\"ordinary\",\"text\"", old, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsorted_reminders_are_refused()
    {
        Assert.Throws<ArgumentException>(() => EventCodec.Encode(Matter(72, silentMajority: false, reminders: [48, 24])));
    }

    [Fact]
    public void A_schedule_is_five_to_sixty_days_and_opens_after_it_is_announced()
    {
        Assert.Empty(VoteSchedule.Check(s_at, s_opens, s_opens.AddDays(5), 72, [48]));
        Assert.Empty(VoteSchedule.Check(s_at, s_opens, s_opens.AddDays(60), null, []));
        Assert.Equal([ScheduleProblem.PeriodTooShort], VoteSchedule.Check(s_at, s_opens, s_opens.AddDays(5).AddMilliseconds(-1), 72, []));
        Assert.Equal([ScheduleProblem.PeriodTooLong], VoteSchedule.Check(s_at, s_opens, s_opens.AddDays(60).AddMilliseconds(1), 72, []));
        Assert.Equal([ScheduleProblem.OpensBeforeAnnouncement], VoteSchedule.Check(s_opens.AddMilliseconds(1), s_opens, s_opens.AddDays(7), 72, []));
        Assert.Equal([ScheduleProblem.ObjectionPeriodOutOfRange], VoteSchedule.Check(s_at, s_opens, s_opens.AddDays(7), 0, []));
        Assert.Equal([ScheduleProblem.ReminderOutsidePeriod], VoteSchedule.Check(s_at, s_opens, s_opens.AddDays(7), 72, [7 * 24]));
    }

    [Fact]
    public void Words_of_a_major_matter_raise_a_hint_and_using_the_fund_does_not()
    {
        Assert.Contains("续筹", ThresholdAdvice.MajorHints("关于续筹专项维修资金的方案"));
        Assert.Contains("改变共有部分用途", ThresholdAdvice.MajorHints("将架空层改变共有部分用途用于快递柜"));
        Assert.Contains("rebuild", ThresholdAdvice.MajorHints("Rebuild the bicycle shed"));
        Assert.Empty(ThresholdAdvice.MajorHints("57号楼电梯维修使用专项维修资金"));
    }

    [Fact]
    public void An_upheld_objection_keeps_the_result_from_becoming_final_until_a_corrected_result_restarts_the_period()
    {
        ClosedAndPublished();
        TallyPublished first = Replay().Published!;
        _log.Add(new Objection(Compound, Vote, s_published.AddHours(5), "owner:" + EventSamples.Owner("D"), "obj-1", EventSamples.Owner("D"), "57-0201 的表决票是代签的。"));
        _log.Add(new ObjectionResolved(Compound, Vote, s_published.AddHours(30), "committee:chen", "obj-1", "经核实属实，该票不予计入，更正后重新公示。", Upheld: true));
        Assert.Equal("obj-1", Replay().CorrectionDue);
        Assert.True(Assert.Single(Replay().Objections).Upheld);

        // Not final while the upheld objection awaits its correction, even after the period.
        _log.Add(new ResultFinalised(Compound, Vote, s_published.AddHours(72), "committee:chen"));
        VoteReplayException e = Assert.Throws<VoteReplayException>(Replay);
        Assert.Contains("objection obj-1 is upheld and no corrected result was published", e.Message, StringComparison.Ordinal);
        _log.RemoveAt(_log.Count - 1);

        // The correction: B's ballot is set aside and the corrected preliminary result published.
        string ballotOfB = _log.OfType<BallotCast>().Single(c => c.Ballot.Principal == "pB").BallotId;
        DateTimeOffset corrected = s_published.AddHours(31);
        _log.Add(new BallotSuperseded(Compound, Vote, corrected, "committee:chen", ballotOfB, "objection-upheld:obj-1"));
        _log.Add(Replay().ToTallyPublished(corrected, "committee:chen"));
        VoteReplayResult replay = Replay();
        Assert.Null(replay.CorrectionDue);
        Assert.Equal([first], replay.CorrectedTallies);
        Assert.True(replay.MatchesPublished());
        // A and C took part (2 of 4 owners: below two thirds), so nothing passes any more.
        Assert.Equal(2, replay.Published!.Questions[0].Participating.Heads.Value);
        Assert.False(replay.Published.Questions[0].QuorumMet);
        Assert.Equal(VoteStage.Preliminary, replay.Stage);
        Assert.Equal(corrected.AddHours(72), replay.ObjectionPeriodEnds);

        // The objection period starts again from the corrected result.
        _log.Add(new ResultFinalised(Compound, Vote, corrected.AddHours(72).AddMilliseconds(-1), "committee:chen"));
        Assert.Throws<VoteReplayException>(Replay);
        _log[^1] = new ResultFinalised(Compound, Vote, corrected.AddHours(72), "committee:chen");
        Assert.Equal(VoteStage.Final, Replay().Stage);
    }

    [Fact]
    public void Without_an_upheld_objection_a_published_result_is_neither_recounted_nor_published_again()
    {
        ClosedAndPublished();
        _log.Add(new Objection(Compound, Vote, s_published.AddHours(5), "owner:" + EventSamples.Owner("D"), "obj-1", EventSamples.Owner("D"), "计票有误。"));
        _log.Add(new ObjectionResolved(Compound, Vote, s_published.AddHours(30), "committee:chen", "obj-1", "经核对，计票无误。"));
        string ballotOfB = _log.OfType<BallotCast>().Single(c => c.Ballot.Principal == "pB").BallotId;

        _log.Add(new BallotSuperseded(Compound, Vote, s_published.AddHours(31), "committee:chen", ballotOfB, "owner-withdrew"));
        VoteReplayException e = Assert.Throws<VoteReplayException>(Replay);
        Assert.Contains("no upheld objection to correct", e.Message, StringComparison.Ordinal);

        _log.RemoveAt(_log.Count - 1);
        _log.Add(Replay().ToTallyPublished(s_published.AddHours(31), "committee:chen"));
        e = Assert.Throws<VoteReplayException>(Replay);
        Assert.Contains("a second one with no upheld objection to correct", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_that_does_not_uphold_keeps_the_bytes_of_entries_from_before_upheld_existed()
    {
        var answered = new ObjectionResolved(Compound, Vote, s_published, "committee:chen", "obj-1", "已核对。");
        string wire = System.Text.Encoding.UTF8.GetString(EventCodec.Encode(answered));
        Assert.DoesNotContain("upheld", wire, StringComparison.Ordinal);
        Assert.Equal(answered, EventCodec.Decode(EventCodec.Encode(answered)));

        var upheld = answered with { Upheld = true };
        Assert.Contains("\"upheld\":true", System.Text.Encoding.UTF8.GetString(EventCodec.Encode(upheld)), StringComparison.Ordinal);
        Assert.Equal(upheld, EventCodec.Decode(EventCodec.Encode(upheld)));
        // One encoding per event: "not upheld" is the absent field, never false.
        byte[] explicitFalse = System.Text.Encoding.UTF8.GetBytes(wire.Replace("\"objection\":\"obj-1\"}", "\"objection\":\"obj-1\",\"upheld\":false}", StringComparison.Ordinal));
        Assert.NotEqual(wire, System.Text.Encoding.UTF8.GetString(explicitFalse));
        EventFormatException e = Assert.Throws<EventFormatException>(() => EventCodec.Decode(explicitFalse));
        Assert.Contains("not upheld is written by omitting the field", e.Message, StringComparison.Ordinal);
    }

    private VoteReplayResult Replay() => VoteReplay.Replay(_log, BallotFixtures.RelyingParty);

    private void ClosedAndPublished()
    {
        Announce();
        _log.Add(new VoteOpened(Compound, Vote, s_opens, "system"));
        Cast("A", Choice.Yes, Choice.Yes);
        Cast("B", Choice.Yes, Choice.Yes);
        Cast("C", Choice.No, Choice.No);
        _log.Add(new VoteClosed(Compound, Vote, s_closes, "system"));
        _log.Add(Replay().ToTallyPublished(s_published, "committee:chen"));
    }

    private void Announce(int? objectionHours = 72, bool silentMajority = false, int[]? reminders = null)
    {
        _log.Add(EventSamples.Registered());
        _log.Add(new RollFrozen(Compound, Vote, s_at, "officer:wang", [.. s_owners.Select(o => new RollEntry(
            new UnitId("57-0" + (Array.IndexOf(s_owners, o) + 1) + "01"), new BuildingId("57"), Area.FromHundredths(9_000), AreaSource.Registry, EventSamples.Owner(o), new OwnerId("p" + o)))]));
        _log.Add(Matter(objectionHours, silentMajority, reminders ?? [48]));
        foreach ((string owner, SoftwareAuthenticator authenticator) in _authenticators)
        {
            _log.Add(new CredentialEnrolled(Compound, s_at, "officer:wang", EventSamples.Owner(owner), authenticator.CredentialId, CoseKey.Parse(authenticator.CosePublicKey), CredentialKind.Passkey, ["officer:wang", "officer:zhao"], s_at, OwnerNotified: true));
        }
    }

    private static MatterPublished Matter(int? objectionHours, bool silentMajority, int[] reminders) => new(
        Compound,
        Vote,
        s_at,
        "committee:chen",
        "57号楼电梯维修与外墙改建",
        "两个问题：电梯维修（普通事项）与外墙改建（重大事项）。",
        [new MatterQuestion("q1", "是否同意使用专项维修资金维修电梯？"), new MatterQuestion("q2", "是否同意改建外墙？", ThresholdClass.Major)],
        [Choice.Yes, Choice.No, Choice.Abstain],
        [new BuildingId("57")],
        ThresholdClass.Ordinary,
        s_opens,
        s_closes,
        AllowChange: false,
        InvalidBallotRule.Participating,
        [],
        HandwritingPolicy.Off,
        objectionHours,
        silentMajority,
        reminders);

    private void Cast(string owner, Choice q1, Choice q2)
    {
        string unit = "57-0" + (Array.IndexOf(s_owners, owner) + 1) + "01";
        byte[] nonce = new byte[16];
        BitConverter.TryWriteBytes(nonce, ++_nonce * 7919);
        DateTimeOffset at = s_opens.AddHours(_nonce);
        var ballot = new OwnerBallot(Compound, Vote, "p" + owner, [unit], [new BallotAnswer("q1", q1), new BallotAnswer("q2", q2)], Base64UrlText.Encode(nonce), at.AddMinutes(-1));
        WebAuthnAssertion assertion = _authenticators[owner].GetAssertion(BallotChallenge.Compute(ballot), BallotFixtures.Origin);
        _log.Add(new BallotCast(Compound, Vote, at, "owner:" + EventSamples.Owner(owner), ballot, assertion));
    }
}
