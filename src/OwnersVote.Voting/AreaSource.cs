namespace OwnersVote.Voting;

/// <summary>
/// Where an exclusive area figure comes from. JI art. 8 takes them in this order: the area in the
/// real-estate register (不动产登记簿); if none, the surveyed area (实测面积); if none, the area in
/// the sale contract (合同面积). The source is kept beside each figure so the order can be checked.
/// </summary>
public enum AreaSource
{
    /// <summary>不动产登记簿: the registered area (first choice, JI art. 8).</summary>
    Registry = 1,

    /// <summary>实测面积: the surveyed area, when nothing is registered.</summary>
    Survey = 2,

    /// <summary>合同面积: the contract (pre-sale) area, when neither of the above exists.</summary>
    Contract = 3,
}
