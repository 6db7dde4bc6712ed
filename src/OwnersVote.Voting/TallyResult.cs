namespace OwnersVote.Voting;

/// <summary>
/// The double count of one matter (Civil Code art. 278): every figure by area and by headcount,
/// whether the participation quorum is met, whether the matter passed, and why.
/// </summary>
public sealed record TallyResult
{
    /// <summary>The bar applied.</summary>
    public required ThresholdClass Rule { get; init; }

    /// <summary>All units in scope: the denominators of the quorum.</summary>
    public required DoubleCount Total { get; init; }

    /// <summary>Units with a returned ballot, whatever it says (yes, no, abstain, invalid).</summary>
    public required DoubleCount Participating { get; init; }

    /// <summary>Yes ballots.</summary>
    public required DoubleCount Yes { get; init; }

    /// <summary>No ballots.</summary>
    public required DoubleCount No { get; init; }

    /// <summary>Abstentions: participating, not yes.</summary>
    public required DoubleCount Abstain { get; init; }

    /// <summary>Returned but invalid ballots: participating, not yes.</summary>
    public required DoubleCount Invalid { get; init; }

    /// <summary>Owners holding at least 2/3 of the area and at least 2/3 of the headcount took part.</summary>
    public required bool QuorumMet { get; init; }

    /// <summary>The matter passed; always false when <see cref="QuorumMet"/> is false.</summary>
    public required bool Passed { get; init; }

    /// <summary>One line per test and a conclusion, in Chinese and English.</summary>
    public required IReadOnlyList<TallyReason> Reasons { get; init; }
}
