namespace OwnersVote.Voting.Events;

/// <summary>Whether a vote's online ballots carry a handwritten signature (签名) (issue 11).</summary>
public enum HandwritingPolicy
{
    /// <summary>No signature pad; a ballot carrying a handwriting hash is rejected. The wire omits the field.</summary>
    Off = 0,

    /// <summary><c>optional</c>: the pad is offered; a ballot may carry a handwriting hash or not.</summary>
    Optional = 1,

    /// <summary><c>required</c>: every online ballot carries a handwriting hash.</summary>
    Required = 2,
}
