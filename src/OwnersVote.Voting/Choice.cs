namespace OwnersVote.Voting;

/// <summary>What a returned ballot says for one unit.</summary>
public enum Choice
{
    /// <summary>同意: in favour.</summary>
    Yes = 1,

    /// <summary>反对: against.</summary>
    No = 2,

    /// <summary>弃权: abstains — participates, is not yes.</summary>
    Abstain = 3,

    /// <summary>无效票: returned but invalid (blank, several marks, unsigned) — participates, is not yes.</summary>
    Invalid = 4,
}
