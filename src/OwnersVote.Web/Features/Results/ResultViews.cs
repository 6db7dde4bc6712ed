using OwnersVote.Web.Features.Votes;

namespace OwnersVote.Web.Features.Results;

/// <summary>An area and a headcount together, as JSON: area as an exact decimal string of square metres and in 0.01 m².</summary>
/// <param name="Area">Square metres with two decimals, e.g. <c>"212.40"</c>.</param>
/// <param name="AreaHundredths">The same area in 0.01 m².</param>
/// <param name="Heads">Headcount principals (JI art. 9).</param>
public sealed record CountView(string Area, long AreaHundredths, long Heads);

/// <summary>One threshold of art. 278 in both dimensions.</summary>
/// <param name="Have">What the count has.</param>
/// <param name="Required">The least that meets the threshold (over the current participation, for yes).</param>
/// <param name="AreaMet">Whether the area part is met (from the Voting tally).</param>
/// <param name="HeadsMet">Whether the headcount part is met (from the Voting tally).</param>
/// <param name="StillNeeds">Additional yes-voting owners and area needed (zero when met).</param>
public sealed record ThresholdView(CountView Have, CountView Required, bool AreaMet, bool HeadsMet, CountView StillNeeds);

/// <summary>One counted unit: unit number and area only, never a name.</summary>
/// <param name="Unit">The unit id, e.g. <c>57-101</c>.</param>
/// <param name="Area">Square metres with two decimals.</param>
/// <param name="Choice">yes, no, abstain or invalid.</param>
/// <param name="Channel">online or paper.</param>
public sealed record UnitBallotView(string Unit, string Area, string Choice, string Channel)
{
    /// <summary>The choice on every question of the matter, in the order of <see cref="VoteResult.Questions"/>; <see cref="Choice"/> is the first.</summary>
    public IReadOnlyList<string> Answers { get; init; } = [];
}

/// <summary>A reason of the tally, in both languages (from the Voting tally).</summary>
/// <param name="Code">Which test it is.</param>
/// <param name="Met">Whether it is met.</param>
/// <param name="Chinese">The sentence in Chinese.</param>
/// <param name="English">The sentence in English.</param>
public sealed record ReasonView(string Code, bool Met, string Chinese, string English);

/// <summary>The double count of one question (Civil Code art. 278) against its own threshold class.</summary>
/// <param name="Question">The question id.</param>
/// <param name="Text">The question as put to the owners.</param>
/// <param name="Threshold">The class applied: Ordinary (more than half) or Major (at least three quarters).</param>
/// <param name="OwnThreshold">The question has its own class, not the matter's.</param>
/// <param name="Total">Everyone in scope.</param>
/// <param name="Participating">Owners who returned a ballot, and non-voters counted as yes under a silent-majority clause.</param>
/// <param name="Yes">Yes.</param>
/// <param name="No">No.</param>
/// <param name="Abstain">Abstain.</param>
/// <param name="Invalid">Returned but invalid.</param>
/// <param name="NotYetVoted">In scope, not taking part.</param>
/// <param name="Quorum">The two-thirds participation quorum.</param>
/// <param name="YesThreshold">The question's yes threshold over the participation.</param>
/// <param name="StillNeeds">Additional yes-voting owners and area needed to pass; zero when passing.</param>
/// <param name="Reachable">Whether the owners not taking part could still supply <paramref name="StillNeeds"/>.</param>
/// <param name="QuorumMet">The quorum is met.</param>
/// <param name="Passing">The question passes as the count stands.</param>
/// <param name="Reasons">Each test with its outcome, in plain words (from the Voting tally).</param>
public sealed record QuestionResultView(
    string Question,
    string Text,
    string Threshold,
    bool OwnThreshold,
    CountView Total,
    CountView Participating,
    CountView Yes,
    CountView No,
    CountView Abstain,
    CountView Invalid,
    CountView NotYetVoted,
    ThresholdView Quorum,
    ThresholdView YesThreshold,
    CountView StillNeeds,
    bool Reachable,
    bool QuorumMet,
    bool Passing,
    IReadOnlyList<ReasonView> Reasons);

/// <summary>
/// The silent-majority clause (未投票视为同意) of a vote that has one: DESIGN.md §1 counts a non-voter
/// as yes only with proof of delivery, and warns ((2022)沪02民初16号).
/// </summary>
/// <param name="CountedAsYes">Non-voters with proof of delivery, counted as yes on every question.</param>
/// <param name="Undelivered">Non-voters without proof of delivery: not counted; the result cannot be published while any remain.</param>
public sealed record SilentMajorityView(CountView CountedAsYes, CountView Undelivered);

/// <summary>The public count of a vote, at <c>GET /api/votes/{id}/result</c> and on its result page.</summary>
/// <param name="Vote">The vote.</param>
/// <param name="Total">Everyone in scope.</param>
/// <param name="Participating">Owners who returned a ballot (yes, no, abstain or invalid), on the first question.</param>
/// <param name="Yes">Yes.</param>
/// <param name="No">No.</param>
/// <param name="Abstain">Abstain.</param>
/// <param name="Invalid">Returned but invalid.</param>
/// <param name="NotYetVoted">In scope, no ballot yet.</param>
/// <param name="Quorum">The two-thirds participation quorum.</param>
/// <param name="YesThreshold">The yes threshold over the participation.</param>
/// <param name="StillNeeds">Additional yes-voting owners and area needed to pass (both thresholds); zero when passing.</param>
/// <param name="Reachable">Whether the owners who have not voted could still supply <paramref name="StillNeeds"/>.</param>
/// <param name="QuorumMet">The quorum is met.</param>
/// <param name="Passing">The count as it stands passes (final once the vote is closed).</param>
/// <param name="Reasons">Each test with its outcome, in plain words.</param>
/// <param name="Ballots">The counted units.</param>
/// <param name="PublishedAt">When the result was published (TallyPublished), or null.</param>
/// <param name="PublishedInLog">The log tree the published tally is part of (its entry is the last), or null.</param>
/// <param name="CountedAt">When this count was made.</param>
public sealed record VoteResult(
    VoteSummary Vote,
    CountView Total,
    CountView Participating,
    CountView Yes,
    CountView No,
    CountView Abstain,
    CountView Invalid,
    CountView NotYetVoted,
    ThresholdView Quorum,
    ThresholdView YesThreshold,
    CountView StillNeeds,
    bool Reachable,
    bool QuorumMet,
    bool Passing,
    IReadOnlyList<ReasonView> Reasons,
    IReadOnlyList<UnitBallotView> Ballots,
    DateTimeOffset? PublishedAt,
    LogPosition? PublishedInLog,
    DateTimeOffset CountedAt)
{
    /// <summary>Counted ballots (one per principal, JI art. 9) cast online.</summary>
    public int OnlineBallots { get; init; }

    /// <summary>Counted ballots recorded from paper (PaperBallotRecorded), merged into the same count.</summary>
    public int PaperBallots { get; init; }

    /// <summary>Counted ballots a proxy cast for the owner (Shanghai art. 18).</summary>
    public int ProxyBallots { get; init; }
    /// <summary>The log tree whose last entry made the result final, or null (issue 7: preliminary until then).</summary>
    public LogPosition? FinalInLog { get; init; }

    /// <summary>Where the vote stands in its lifecycle (see <c>LifecycleStage</c>).</summary>
    public string Stage { get; init; } = "";

    /// <summary>
    /// Every question's double count, in question order (Civil Code art. 278: each against its own
    /// class). The top-level figures are those of the first question.
    /// </summary>
    public IReadOnlyList<QuestionResultView> Questions { get; init; } = [];

    /// <summary>The silent-majority clause's effect, or null when the vote has none (the default).</summary>
    public SilentMajorityView? SilentMajority { get; init; }
}
