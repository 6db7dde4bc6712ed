namespace OwnersVote.Voting.Events;

/// <summary>
/// How a vote treats returned ballots that are invalid (blank, several choices, unsigned). The
/// rule is set per vote (DESIGN.md §1, "Invalid ballot rules"); invalid ballots are always listed for review.
/// </summary>
public enum InvalidBallotRule
{
    /// <summary><c>participating</c> (the default): the owner took part; the ballot is not a yes.</summary>
    Participating = 1,

    /// <summary><c>excluded</c>: the ballot is set aside and the owner does not count as taking part.</summary>
    Excluded = 2,
}
