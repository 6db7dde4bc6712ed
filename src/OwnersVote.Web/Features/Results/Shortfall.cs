using OwnersVote.Voting;

namespace OwnersVote.Web.Features.Results;

/// <summary>
/// How far a live count is from passing, in the integers the law counts in: additional owners
/// (heads) and additional area (0.01 m²), assuming each additional ballot comes from an owner in
/// scope who has not voted and votes yes — so it raises participation and yes together. The
/// inequalities are those of Civil Code art. 278 para. 2 that <see cref="Tally"/> applies,
/// solved for the smallest addition x (exact: no floating point).
/// </summary>
public static class Shortfall
{
    /// <summary>Smallest x with 3(part + x) ≥ 2·total: the two-thirds participation quorum (以上 includes the boundary).</summary>
    public static long ToQuorum(long participating, long total) =>
        Math.Max(0, CeilingDivide(checked((2 * total) - (3 * participating)), 3));

    /// <summary>
    /// Smallest x that makes yes pass over the participation it raises. Ordinary: 2(yes + x) &gt;
    /// part + x (过半数 excludes exactly half), so x = part − 2·yes + 1. Major: 4(yes + x) ≥
    /// 3(part + x) (四分之三以上 includes the boundary), so x = 3·part − 4·yes.
    /// </summary>
    public static long ToYes(ThresholdClass rule, long yes, long participating) => rule switch
    {
        ThresholdClass.Ordinary => Math.Max(0, checked(participating - (2 * yes) + 1)),
        ThresholdClass.Major => Math.Max(0, checked((3 * participating) - (4 * yes))),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown threshold class"),
    };

    /// <summary>Smallest participation that meets the quorum: ⌈2·total / 3⌉.</summary>
    public static long QuorumRequired(long total) => CeilingDivide(checked(2 * total), 3);

    /// <summary>Smallest yes that passes over this participation: ⌊part / 2⌋ + 1 (ordinary) or ⌈3·part / 4⌉ (major).</summary>
    public static long YesRequired(ThresholdClass rule, long participating) => rule switch
    {
        ThresholdClass.Ordinary => (participating / 2) + 1,
        ThresholdClass.Major => CeilingDivide(checked(3 * participating), 4),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown threshold class"),
    };

    // Ceiling of a / b for b > 0 and any sign of a.
    private static long CeilingDivide(long a, long b) => a >= 0 ? (a + b - 1) / b : -(-a / b);
}
