namespace OwnersVote.Voting.Signing;

/// <summary>One question's answer on a signed ballot.</summary>
/// <param name="Question">The question id from the matter (<c>MatterPublished</c>).</param>
/// <param name="Choice">Yes, no or abstain. <see cref="Choice.Invalid"/> is a paper-ballot verdict, never signed.</param>
public sealed record BallotAnswer(string Question, Choice Choice);
