namespace OwnersVote.Voting;

/// <summary>
/// The two figures Civil Code art. 278 counts together: exclusive area (JI art. 8) and
/// headcount (JI art. 9). "双过半" means both must clear the bar, so they travel as a pair.
/// </summary>
/// <param name="Area">The exclusive area, in 0.01 m².</param>
/// <param name="Heads">The headcount principals.</param>
public readonly record struct DoubleCount(Area Area, Headcount Heads)
{
    /// <summary>No area and no one.</summary>
    public static DoubleCount Zero => default;

    /// <summary>Both figures added (checked).</summary>
    public static DoubleCount operator +(DoubleCount left, DoubleCount right) =>
        new(left.Area + right.Area, left.Heads + right.Heads);

    /// <summary>Both figures added (checked).</summary>
    public static DoubleCount Add(DoubleCount left, DoubleCount right) => left + right;
}
