namespace OwnersVote.Web.Data;

/// <summary>A published statement: a building's maintenance fund (FundStatementPublished) or the compound's public income (PublicIncomePublished).</summary>
public sealed class StatementRow
{
    /// <summary>The <see cref="Kind"/> of a maintenance-fund statement.</summary>
    public const string Fund = "fund";

    /// <summary>The <see cref="Kind"/> of a public-income statement.</summary>
    public const string Income = "income";

    public required string CompoundId { get; set; }

    public required string Id { get; set; }

    /// <summary><see cref="Fund"/> or <see cref="Income"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>The building of a fund statement; empty for public income.</summary>
    public required string BuildingId { get; set; }

    public DateOnly From { get; set; }

    public DateOnly To { get; set; }

    /// <summary>Opening balance in fen.</summary>
    public long Opening { get; set; }

    /// <summary>Closing balance in fen.</summary>
    public long Closing { get; set; }

    /// <summary>The attachments, a JSON array of <c>{"name","sha256"}</c>.</summary>
    public required string Attachments { get; set; }

    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>The log entry that published it.</summary>
    public long LogIndex { get; set; }
}
