namespace OwnersVote.Web.Features.Votes;

/// <summary>A vote as listed on the home page and at <c>GET /api/votes</c>.</summary>
/// <param name="Id">The vote id.</param>
/// <param name="CompoundId">The compound it belongs to.</param>
/// <param name="Title">The matter's title.</param>
/// <param name="ScopeBuildings">The buildings whose owners decide; empty for the whole compound.</param>
/// <param name="Threshold">Ordinary or Major (Civil Code art. 278 para. 2).</param>
/// <param name="OpensAt">When ballots start to count.</param>
/// <param name="ClosesAt">When ballots stop being accepted.</param>
/// <param name="Status">Where the vote stands.</param>
/// <param name="Passed">The published result, or null before it is published.</param>
public sealed record VoteSummary(
    string Id,
    string CompoundId,
    string Title,
    IReadOnlyList<string> ScopeBuildings,
    string Threshold,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    VoteStatus Status,
    bool? Passed);

/// <summary>A vote with its full text, at <c>GET /api/votes/{id}</c>.</summary>
/// <param name="Summary">The listed fields.</param>
/// <param name="Text">The matter's full text.</param>
/// <param name="ClosedAt">When the vote was closed, or null.</param>
/// <param name="ResultPublishedAt">When the result was published, or null.</param>
/// <param name="PublishedInLog">The log tree whose last entry is the published tally, or null.</param>
public sealed record VoteDetail(VoteSummary Summary, string Text, DateTimeOffset? ClosedAt, DateTimeOffset? ResultPublishedAt, LogPosition? PublishedInLog)
{
    /// <summary>The log tree whose last entry made the result final (ResultFinalised), or null (issue 7).</summary>
    public LogPosition? FinalInLog { get; init; }

    /// <summary>Where the vote stands in its lifecycle (Announced, Open, Closed, ObjectionPeriod, AwaitingFinal, Final).</summary>
    public string Stage { get; init; } = "";
}

/// <summary>
/// A tree of the log (c2sp.org/tlog-checkpoint): its size and RFC 9162 root hash. Any later
/// checkpoint of the log proves consistency with it, so it pins the record the result was computed from.
/// </summary>
/// <param name="TreeSize">The number of entries.</param>
/// <param name="RootHash">The root hash, base64 as in a checkpoint.</param>
public sealed record LogPosition(long TreeSize, string RootHash);
