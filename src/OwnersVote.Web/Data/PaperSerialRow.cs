namespace OwnersVote.Web.Data;

/// <summary>
/// A paper ballot sheet issued for a principal (PaperBallotIssued). A later sheet for the same
/// principal voids the earlier ones, as in VoteReplay.
/// </summary>
public sealed class PaperSerialRow
{
    /// <summary>The sheet's serial, as in its QR code.</summary>
    public required string Serial { get; set; }

    public required string MatterId { get; set; }

    /// <summary>The headcount principal the sheet is for.</summary>
    public required string OwnerId { get; set; }

    /// <summary>The units the sheet names, sorted, one per line.</summary>
    public required string Units { get; set; }

    /// <summary>A later sheet was issued for the same principal.</summary>
    public bool Voided { get; set; }

    public DateTimeOffset IssuedAt { get; set; }
}
