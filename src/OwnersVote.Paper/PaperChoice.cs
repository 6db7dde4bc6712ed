namespace OwnersVote.Paper;

/// <summary>The answer boxes of a question row, in printed order.</summary>
public enum PaperChoice
{
    /// <summary>同意.</summary>
    Yes,

    /// <summary>反对.</summary>
    No,

    /// <summary>弃权.</summary>
    Abstain,
}
