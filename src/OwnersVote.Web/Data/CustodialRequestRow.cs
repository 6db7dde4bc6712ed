namespace OwnersVote.Web.Data;

/// <summary>
/// A custodial ballot entered at the desk, waiting for a second officer (DESIGN.md §3 two-person
/// rule). Not derived from the log: only the confirmed ballot is, as <c>CustodialBallotCast</c>
/// naming both officers.
/// </summary>
public sealed class CustodialRequestRow
{
    /// <summary>A random id, lowercase hex.</summary>
    public required string Id { get; set; }

    public required string CompoundId { get; set; }

    public required string VoteId { get; set; }

    /// <summary>The unit the owner at the desk named.</summary>
    public required string UnitId { get; set; }

    /// <summary>The owner's keyed hash, from the vote's roll.</summary>
    public required string OwnerHash { get; set; }

    /// <summary>The headcount principal (JI art. 9).</summary>
    public required string Principal { get; set; }

    /// <summary>The principal's units in scope, sorted, one per line.</summary>
    public required string Units { get; set; }

    /// <summary>The owner's answers as <c>question=choice</c>, sorted by question, one per line.</summary>
    public required string Answers { get; set; }

    /// <summary>The officer who entered the owner's choice.</summary>
    public required string EnteredBy { get; set; }

    public DateTimeOffset EnteredAt { get; set; }

    /// <summary>The second officer, once confirmed.</summary>
    public string? ConfirmedBy { get; set; }

    /// <summary>The log index of the <c>CustodialBallotCast</c>, once confirmed.</summary>
    public long? LogIndex { get; set; }
}
