namespace OwnersVote.Voting;

/// <summary>
/// Says when a matter's words look like a major matter (Civil Code art. 278 para. 1 items 5, 7, 8:
/// raising or replenishing the maintenance fund, rebuilding or reconstructing buildings and their
/// facilities, changing the use of common parts or using them for business; para. 2: three
/// quarters). Advice only: the committee chooses the class, the page warns when the words and the
/// choice disagree. Using the fund (item 6) is ordinary, so "维修资金" alone is not a hint.
/// </summary>
public static class ThresholdAdvice
{
    // Phrases of art. 278 items 5, 7 and 8 and their everyday forms, Chinese and English.
    private static readonly string[] s_majorTerms =
    [
        "筹集", "续筹", "补缴", "补建", "改建", "重建", "拆除重建", "改变共有部分用途", "改变用途", "改作", "经营活动", "用于经营", "出租共有",
        "raise the fund", "raising the fund", "replenish", "rebuild", "reconstruct", "change of use", "change the use", "commercial use", "for business",
    ];

    /// <summary>The major-matter phrases found in <paramref name="text"/> (case-insensitive), in the order listed; empty when none.</summary>
    public static IReadOnlyList<string> MajorHints(string? text) =>
        string.IsNullOrEmpty(text) ? [] : [.. s_majorTerms.Where(t => text.Contains(t, StringComparison.OrdinalIgnoreCase))];
}
