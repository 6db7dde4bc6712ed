namespace OwnersVote.Voting;

/// <summary>Which bar a matter must clear (Civil Code art. 278, para. 2).</summary>
public enum ThresholdClass
{
    /// <summary>
    /// Ordinary matters — using the maintenance fund (使用专项维修资金), rules, the owners'
    /// committee, the property company: more than half (过半数) of the participating area and of
    /// the participating headcount.
    /// </summary>
    Ordinary = 1,

    /// <summary>
    /// Major matters — raising or replenishing the fund, rebuilding, changing the use of common
    /// parts or using them for business: at least three quarters (四分之三以上) of the
    /// participating area and of the participating headcount.
    /// </summary>
    Major = 2,
}
