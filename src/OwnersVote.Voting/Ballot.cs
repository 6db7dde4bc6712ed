namespace OwnersVote.Voting;

/// <summary>The choice counted for one unit. A unit without a ballot did not take part.</summary>
/// <param name="Unit">The unit voted for.</param>
/// <param name="Choice">The choice counted.</param>
public readonly record struct Ballot(UnitId Unit, Choice Choice);
