namespace OwnersVote.Web.Data;

/// <summary>One line of a published statement, in the statement's order.</summary>
public sealed class StatementLineRow
{
    public required string CompoundId { get; set; }

    public required string StatementId { get; set; }

    /// <summary>1-based position in the statement.</summary>
    public int Number { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>The wire kind: deposit, interest, parking, advertising, venue, spending, planned.</summary>
    public required string Kind { get; set; }

    /// <summary>Amount in fen, positive.</summary>
    public long Amount { get; set; }

    public required string Description { get; set; }

    /// <summary>The vote that authorised (or that a planned spending awaits), or null.</summary>
    public string? VoteId { get; set; }

    /// <summary>SHA-256 of the supporting document, or null.</summary>
    public string? Document { get; set; }
}
