namespace OwnersVote.Voting;

/// <summary>Which test of Civil Code art. 278 a <see cref="TallyReason"/> reports on.</summary>
public enum TallyReasonCode
{
    /// <summary>Participating area ≥ 2/3 of the total area.</summary>
    QuorumArea = 1,

    /// <summary>Participating headcount ≥ 2/3 of the total headcount.</summary>
    QuorumHeads,

    /// <summary>Yes area &gt; 1/2 (ordinary) or ≥ 3/4 (major) of the participating area.</summary>
    YesArea,

    /// <summary>Yes headcount &gt; 1/2 (ordinary) or ≥ 3/4 (major) of the participating headcount.</summary>
    YesHeads,

    /// <summary>The conclusion: passed, not passed, or not passed for want of a quorum.</summary>
    Result,
}
