namespace OwnersVote.Web.Features.Votes;

/// <summary>Where a vote stands.</summary>
public enum VoteStatus
{
    /// <summary>Published, not yet open for ballots.</summary>
    NotYetOpen,

    /// <summary>Ballots are accepted.</summary>
    Open,

    /// <summary>VoteClosed is in the log; no more ballots count.</summary>
    Closed,
}
