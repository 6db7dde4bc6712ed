using OwnersVote.Voting.Events;

namespace OwnersVote.Web.Features.Money;

/// <summary>Where the vote a spending line names stands.</summary>
public enum SpendingAuthority
{
    /// <summary>The line names no vote (public income may be spent by a vote-free rule; fund spending never is).</summary>
    None,

    /// <summary>The vote passed and its result is published: the spending is authorised.</summary>
    Authorised,

    /// <summary>The vote is open or not yet counted: the spending is only planned.</summary>
    PendingVote,

    /// <summary>The vote failed: the spending is not authorised.</summary>
    Refused,

    /// <summary>The log holds no such vote of this compound.</summary>
    UnknownVote,
}

/// <summary>A vote as a spending line links to it.</summary>
/// <param name="Id">The vote id.</param>
/// <param name="Title">The matter's title.</param>
/// <param name="Opens">When voting opens.</param>
/// <param name="Closes">When voting closes (as published).</param>
/// <param name="ClosedAt">When it was closed, or null while open.</param>
/// <param name="ResultPublishedAt">When the result was published, or null.</param>
/// <param name="Passed">The published result, or null.</param>
/// <param name="Scope">The buildings that decide it; empty for the whole compound.</param>
/// <param name="Documents">The matter's attached documents (the quotation).</param>
public sealed record LinkedVote(
    string Id,
    string Title,
    DateTimeOffset Opens,
    DateTimeOffset Closes,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? ResultPublishedAt,
    bool? Passed,
    IReadOnlyList<string> Scope,
    IReadOnlyList<MatterDocument> Documents)
{
    /// <summary>Where a spending on this vote stands.</summary>
    public SpendingAuthority Authority => Passed switch
    {
        true => SpendingAuthority.Authorised,
        false => SpendingAuthority.Refused,
        null => SpendingAuthority.PendingVote,
    };
}

/// <summary>A statement line as the pages show it.</summary>
/// <param name="Number">1-based position.</param>
/// <param name="Date">The day.</param>
/// <param name="Kind">The kind.</param>
/// <param name="Amount">Fen, positive.</param>
/// <param name="Description">What for.</param>
/// <param name="Vote">The linked vote, or null (also when the named vote is unknown; see <paramref name="Authority"/>).</param>
/// <param name="VoteId">The vote id the line names, or null.</param>
/// <param name="Authority">Where the named vote stands.</param>
/// <param name="Document">SHA-256 of the supporting document, or null.</param>
public sealed record StatementLineView(
    int Number,
    DateOnly Date,
    StatementLineKind Kind,
    long Amount,
    string Description,
    LinkedVote? Vote,
    string? VoteId,
    SpendingAuthority Authority,
    string? Document);

/// <summary>A published statement as the pages show it.</summary>
/// <param name="Id">The statement id.</param>
/// <param name="Building">The building of a fund statement; empty for public income.</param>
/// <param name="From">First day.</param>
/// <param name="To">Last day.</param>
/// <param name="Opening">Opening balance, fen.</param>
/// <param name="Closing">Closing balance, fen.</param>
/// <param name="Lines">The lines.</param>
/// <param name="Attachments">Attached documents.</param>
/// <param name="PublishedAt">When published.</param>
/// <param name="LogIndex">The log entry that published it.</param>
public sealed record StatementView(
    string Id,
    string Building,
    DateOnly From,
    DateOnly To,
    long Opening,
    long Closing,
    IReadOnlyList<StatementLineView> Lines,
    IReadOnlyList<MatterDocument> Attachments,
    DateTimeOffset PublishedAt,
    long LogIndex)
{
    /// <summary>Money in, fen.</summary>
    public long Inflow => Sum(l => l.Kind is not (StatementLineKind.Spending or StatementLineKind.Planned));

    /// <summary>Money out, fen.</summary>
    public long Outflow => Sum(l => l.Kind == StatementLineKind.Spending);

    /// <summary>Planned spending awaiting votes, fen (not in the balance).</summary>
    public long Planned => Sum(l => l.Kind == StatementLineKind.Planned);

    /// <summary>Money in of one kind, fen.</summary>
    public long Of(StatementLineKind kind) => Sum(l => l.Kind == kind);

    /// <summary>
    /// Statements with more lines than this (a fund's first statement lists every unit's deposit)
    /// show a total per kind of money in, and each spending line, with every line one tap away:
    /// an owner on a phone should not scroll past two thousand deposits to reach the spending.
    /// </summary>
    public const int ShownLines = 40;

    /// <summary>Whether the page shows the totals per kind first and the lines folded.</summary>
    public bool Folded => Lines.Count > ShownLines;

    /// <summary>Money in per kind, in the order of the kinds, with how many lines each: the folded view's rows.</summary>
    public IEnumerable<(StatementLineKind Kind, int Count, long Total)> InflowByKind =>
        Lines.Where(l => l.Kind is not (StatementLineKind.Spending or StatementLineKind.Planned))
            .GroupBy(l => l.Kind)
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, g.Count(), g.Aggregate(0L, (sum, l) => checked(sum + l.Amount))));

    private long Sum(Func<StatementLineView, bool> which) => Lines.Where(which).Aggregate(0L, (sum, l) => checked(sum + l.Amount));
}

/// <summary>One step of a vote → spending timeline.</summary>
/// <param name="When">The day (or instant) of the step; null for a step still to come.</param>
/// <param name="Step">Which step.</param>
/// <param name="Done">Whether it has happened.</param>
/// <param name="Amount">The amount of a spending step, fen, or null.</param>
/// <param name="StatementId">The statement a spending step is on, or null.</param>
public sealed record TimelineStep(DateTimeOffset? When, TimelineStepKind Step, bool Done, long? Amount = null, string? StatementId = null);

/// <summary>The steps from a vote to the money it moves.</summary>
public enum TimelineStepKind
{
    /// <summary>The matter and its quotation are published.</summary>
    MatterPublished,

    /// <summary>Voting opens.</summary>
    VotingOpens,

    /// <summary>Voting closes (or is due to close).</summary>
    VotingCloses,

    /// <summary>The result is published: passed.</summary>
    Passed,

    /// <summary>The result is published: not passed.</summary>
    NotPassed,

    /// <summary>A statement shows the spending as planned, pending the vote.</summary>
    Planned,

    /// <summary>A statement shows the spending as paid.</summary>
    Paid,

    /// <summary>No payment yet: after the vote passes, a later statement records it.</summary>
    PaymentAwaitsVote,
}

/// <summary>A vote and the money it moved, in order.</summary>
/// <param name="Vote">The vote.</param>
/// <param name="Steps">The steps in date order, what is still to come last.</param>
public sealed record VoteTimeline(LinkedVote Vote, IReadOnlyList<TimelineStep> Steps);

/// <summary>A building's maintenance fund as its page shows it.</summary>
/// <param name="CompoundId">The compound.</param>
/// <param name="CompoundName">Its name.</param>
/// <param name="Building">The building.</param>
/// <param name="Statements">Its statements, oldest first.</param>
/// <param name="Timelines">One timeline per vote its spending lines name.</param>
public sealed record FundView(string CompoundId, string CompoundName, string Building, IReadOnlyList<StatementView> Statements, IReadOnlyList<VoteTimeline> Timelines);

/// <summary>The compound's public income as its page shows it.</summary>
/// <param name="CompoundId">The compound.</param>
/// <param name="CompoundName">Its name.</param>
/// <param name="Statements">Quarterly statements, oldest first.</param>
/// <param name="FundBuildings">The buildings with a published fund statement (for links).</param>
public sealed record IncomeView(string CompoundId, string CompoundName, IReadOnlyList<StatementView> Statements, IReadOnlyList<string> FundBuildings);
