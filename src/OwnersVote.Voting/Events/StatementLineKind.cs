namespace OwnersVote.Voting.Events;

/// <summary>What a statement line records; the kind decides whether it adds to, takes from or leaves the balance.</summary>
public enum StatementLineKind
{
    /// <summary>Money paid into the maintenance fund (首期缴存、续筹): adds.</summary>
    Deposit,

    /// <summary>Interest earned: adds.</summary>
    Interest,

    /// <summary>Public income from parking on common parts (停车收益): adds.</summary>
    Parking,

    /// <summary>Public income from advertising on common parts (广告收益): adds.</summary>
    Advertising,

    /// <summary>Public income from renting out common venues (场地租赁收益): adds.</summary>
    Venue,

    /// <summary>Money paid out: takes from the balance.</summary>
    Spending,

    /// <summary>
    /// Spending proposed to a vote that has not authorised it yet (计划支出): shown, never counted in
    /// the balance. Once the vote passes and the money is paid, a later statement records it as
    /// <see cref="Spending"/>.
    /// </summary>
    Planned,
}
