namespace OwnersVote.Voting.Signing;

/// <summary>An answer on a ballot: <c>yes</c>, <c>no</c> or <c>abstain</c> (abstaining still participates: Civil Code art. 278).</summary>
public enum BallotChoice
{
    /// <summary><c>yes</c> (同意).</summary>
    Yes,

    /// <summary><c>no</c> (反对).</summary>
    No,

    /// <summary><c>abstain</c> (弃权).</summary>
    Abstain,
}

/// <summary>One question's answer on a ballot.</summary>
/// <param name="Question">The question id from the matter (<c>MatterPublished</c>).</param>
/// <param name="Choice">The answer.</param>
public sealed record BallotAnswer(string Question, BallotChoice Choice);
