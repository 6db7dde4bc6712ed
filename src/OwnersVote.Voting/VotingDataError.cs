namespace OwnersVote.Voting;

/// <summary>
/// Why voting data was refused. Stable codes a user interface can translate; the exception
/// message carries the English detail.
/// </summary>
public enum VotingDataError
{
    /// <summary>An area is not square metres with at most two decimals.</summary>
    MalformedArea = 1,

    /// <summary>An area is negative.</summary>
    NegativeArea,

    /// <summary>A unit on the roll has no area (a unit with 0.00 m² cannot be weighed).</summary>
    ZeroArea,

    /// <summary>An area source is not registry, survey or contract.</summary>
    UnknownAreaSource,

    /// <summary>A unit, building or owner id is empty or has surrounding spaces or control characters.</summary>
    MalformedId,

    /// <summary>A unit appears twice on the roll.</summary>
    DuplicateUnit,

    /// <summary>A unit has more than one ballot.</summary>
    DuplicateBallot,

    /// <summary>A ballot names a unit that is not on the roll.</summary>
    UnknownUnit,

    /// <summary>A scope names a building that has no unit on the roll.</summary>
    UnknownBuilding,

    /// <summary>A ballot is for a unit outside the matter's scope (Shanghai art. 69).</summary>
    OutOfScope,

    /// <summary>The matter's scope holds no unit.</summary>
    EmptyScope,

    /// <summary>A choice is not yes, no, abstain or invalid.</summary>
    UnknownChoice,

    /// <summary>One headcount principal's units carry different choices (JI art. 9).</summary>
    MixedChoices,

    /// <summary>A CSV text breaks RFC 4180 (quotes, encoding).</summary>
    MalformedCsv,

    /// <summary>A CSV header row is not the expected one.</summary>
    WrongHeader,

    /// <summary>A CSV record has the wrong number of fields.</summary>
    WrongColumnCount,
}
