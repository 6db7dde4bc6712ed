namespace OwnersVote.Voting.Events;

/// <summary>What became of a cast ballot in a replay.</summary>
public enum BallotDisposition
{
    /// <summary>Counted in the tally.</summary>
    Counted,

    /// <summary>Failed a check (signature, credential, roll, answers); never counts.</summary>
    Rejected,

    /// <summary>Valid but not counted: replaced, superseded, a second ballot, or after the close.</summary>
    Ignored,
}

/// <summary>How a ballot reached the count.</summary>
public enum BallotChannel
{
    /// <summary>A signed <c>BallotCast</c>.</summary>
    Online,

    /// <summary>A <c>PaperBallotRecorded</c>: a scanned sheet confirmed by two officers.</summary>
    Paper,

    /// <summary>A <c>CustodialBallotCast</c>: entered at the desk in the owner's presence by one officer, confirmed by another.</summary>
    Custodial,
}

/// <summary>One <c>BallotCast</c> or <c>PaperBallotRecorded</c> of the replayed vote and its fate.</summary>
/// <param name="Position">The event's position in the replayed sequence (0-based).</param>
/// <param name="BallotId">The ballot's id (<see cref="BallotCast.BallotId"/>), or a paper ballot's serial.</param>
/// <param name="Principal">The headcount principal the ballot is for.</param>
/// <param name="Disposition">Counted, rejected or ignored.</param>
/// <param name="Reason">
/// Null when counted; otherwise a stable code: an assertion code (<c>bad-signature</c>,
/// <c>challenge-mismatch</c>, … see <see cref="Signing.AssertionResult.Rejected.Code"/>) or
/// <c>unknown-credential</c>, <c>credential-revoked</c>, <c>credential-not-active</c>,
/// <c>not-on-roll</c>, <c>wrong-principal</c>, <c>not-owner</c>, <c>out-of-scope</c>, <c>units-mismatch</c>,
/// <c>answers-mismatch</c>, <c>handwriting-missing</c>, <c>handwriting-not-allowed</c>, <c>outside-voting-period</c>, <c>duplicate-ballot</c>;
/// <c>after-close</c>, <c>replaced-by-later</c>, <c>already-voted</c>, <c>superseded:&lt;reason&gt;</c>;
/// for paper also <c>serial-not-issued</c>, <c>serial-voided</c>, <c>not-as-issued</c>,
/// <c>duplicate-serial</c>, <c>after-tally</c>, <c>superseded:online-wins-over-paper</c>;
/// for a proxy's ballot (Shanghai art. 18) also <c>proxy-not-in-scope</c> (the proxy's mandates
/// from the owner cover neither this vote nor this instant), <c>proxy-revoked</c> (revoked at or
/// before the ballot), <c>mandate-unknown-credential</c>, <c>mandate-credential-not-active</c>,
/// <c>mandate-bad-signature</c> (an online mandate whose signature does not verify against the
/// owner's credential), and, ignored, <c>owner-voted-in-person</c>; a signer with no mandate at all
/// from the unit's owner is <c>not-owner</c>.
/// </param>
/// <param name="Channel">Online, paper or custodial.</param>
/// <param name="Proxy">The id of the proxy mandate (<see cref="Signing.ProxyMandate.Id"/>) a proxy voted under, or null for the owner's own ballot.</param>
public sealed record ReplayedBallot(int Position, string BallotId, string Principal, BallotDisposition Disposition, string? Reason, BallotChannel Channel = BallotChannel.Online, string? Proxy = null);

/// <summary>One question's tally input and result.</summary>
/// <param name="Question">The question id.</param>
/// <param name="Ballots">The tally input: one ballot per unit of each counted owner ballot.</param>
/// <param name="Result">The double count (<see cref="Tally.Count"/>).</param>
public sealed record ReplayedQuestion(string Question, IReadOnlyList<Ballot> Ballots, TallyResult Result)
{
    /// <summary>The question's own threshold class, or null when the matter's applies.</summary>
    public ThresholdClass? Rule { get; init; }
}

/// <summary>An <see cref="Objection"/> and, once given, the committee's answer (<see cref="ObjectionResolved"/>).</summary>
/// <param name="Position">The objection's position in the replayed sequence.</param>
/// <param name="Id">The objection id.</param>
/// <param name="Owner">The filing owner's keyed hash.</param>
/// <param name="Text">The objection.</param>
/// <param name="At">When it was filed.</param>
/// <param name="Answer">The answer, or null while it is open.</param>
/// <param name="AnsweredAt">When it was answered.</param>
/// <param name="AnsweredBy">Who answered.</param>
public sealed record ReplayedObjection(int Position, string Id, string Owner, string Text, DateTimeOffset At, string? Answer, DateTimeOffset? AnsweredAt, string? AnsweredBy)
{
    /// <summary>The committee upheld it (<see cref="ObjectionResolved.Upheld"/>): the result had to be corrected.</summary>
    public bool Upheld { get; init; }
}

/// <summary>Where a vote stands by its log alone (issue 7 part 1); drafts are not in the log.</summary>
public enum VoteStage
{
    /// <summary><c>MatterPublished</c>: announced, not yet open.</summary>
    Announced,

    /// <summary><c>VoteOpened</c>: ballots are accepted.</summary>
    Open,

    /// <summary><c>VoteClosed</c>: no more ballots count; no result yet.</summary>
    Closed,

    /// <summary><c>TallyPublished</c> of a matter with an objection period: the preliminary result, open to objections.</summary>
    Preliminary,

    /// <summary><c>ResultFinalised</c>, or <c>TallyPublished</c> of a matter without an objection period.</summary>
    Final,
}

/// <summary>The outcome of <see cref="VoteReplay"/>.</summary>
/// <param name="Roll">The frozen roll.</param>
/// <param name="Matter">The published matter.</param>
/// <param name="Questions">Per question, sorted by id: tally input and result.</param>
/// <param name="Ballots">Every cast ballot in log order, with its disposition.</param>
/// <param name="Closed">Whether the log contains <c>VoteClosed</c>.</param>
/// <param name="Published">The latest <c>TallyPublished</c> found in the log, if any (a corrected result replaces an earlier one).</param>
public sealed record VoteReplayResult(
    RollFrozen Roll,
    MatterPublished Matter,
    IReadOnlyList<ReplayedQuestion> Questions,
    IReadOnlyList<ReplayedBallot> Ballots,
    bool Closed,
    TallyPublished? Published)
{
    /// <summary>The <c>VoteOpened</c> entry, if logged (logs from before it existed have none).</summary>
    public VoteOpened? Opened { get; init; }

    /// <summary>The <c>ResultFinalised</c> entry, if logged.</summary>
    public ResultFinalised? Finalised { get; init; }

    /// <summary>Every objection in log order, with its answer when given.</summary>
    public IReadOnlyList<ReplayedObjection> Objections { get; init; } = [];

    /// <summary>
    /// Earlier <c>TallyPublished</c> entries that a corrected preliminary result replaced after an
    /// upheld objection, in log order; <see cref="VoteReplayResult.Published"/> is the latest.
    /// </summary>
    public IReadOnlyList<TallyPublished> CorrectedTallies { get; init; } = [];

    /// <summary>The upheld objection still awaiting a corrected result, or null: the vote cannot become final meanwhile.</summary>
    public string? CorrectionDue { get; init; }

    /// <summary>The deliveries recorded per headcount principal.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<BallotDelivered>> Deliveries { get; init; } = new Dictionary<string, IReadOnlyList<BallotDelivered>>();

    /// <summary>The reminders sent, in log order.</summary>
    public IReadOnlyList<ReminderSent> Reminders { get; init; } = [];

    /// <summary>The principals in scope with no counted ballot, sorted.</summary>
    public IReadOnlyList<string> NonVoters { get; init; } = [];

    /// <summary>The non-voters with no recorded delivery, sorted: a silent-majority result cannot be published while any remain.</summary>
    public IReadOnlyList<string> Undelivered { get; init; } = [];

    /// <summary>Where the vote stands by its log.</summary>
    public VoteStage Stage =>
        Finalised is not null ? VoteStage.Final
        : Published is not null ? (Matter.ObjectionHours is null ? VoteStage.Final : VoteStage.Preliminary)
        : Closed ? VoteStage.Closed
        : Opened is not null ? VoteStage.Open
        : VoteStage.Announced;

    /// <summary>When the objection period ends, once the preliminary result is published; null otherwise.</summary>
    public DateTimeOffset? ObjectionPeriodEnds => Published is not null && Matter.ObjectionHours is { } hours ? Published.At.AddHours(hours) : null;

    /// <summary>The recomputed result as a <c>TallyPublished</c> event, ready to log or to compare.</summary>
    public TallyPublished ToTallyPublished(DateTimeOffset at, string actor) =>
        new(Matter.Compound, Matter.Vote, at, actor, Matter.Threshold, [.. Questions.Select(q => QuestionTally.From(q.Question, q.Result, q.Rule))]);

    /// <summary>
    /// Whether the published tally's figures and outcomes equal the recomputed ones (DESIGN.md §2:
    /// "a mismatch is a failed audit"). False when nothing was published.
    /// </summary>
    public bool MatchesPublished()
    {
        if (Published is null)
        {
            return false;
        }

        TallyPublished recomputed = ToTallyPublished(Published.At, Published.Actor);
        return EventCodec.Encode(recomputed).AsSpan().SequenceEqual(EventCodec.Encode(Published));
    }
}
