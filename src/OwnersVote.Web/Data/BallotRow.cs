namespace OwnersVote.Web.Data;

/// <summary>
/// A ballot cast in a vote (BallotCast) or a recorded paper ballot (PaperBallotRecorded). Every cast stays, as in the log; <see cref="Counts"/>
/// marks the one ballot per principal that counts (JI art. 9).
/// </summary>
public sealed class BallotRow
{
    /// <summary>The ballot's id: its WebAuthn challenge in lowercase hex (BallotCast.BallotId), or a paper sheet's serial.</summary>
    public required string BallotId { get; set; }

    public required string MatterId { get; set; }

    /// <summary>The headcount principal who cast it.</summary>
    public required string OwnerId { get; set; }

    /// <summary>yes, no or abstain, for the matter's first question; invalid if the ballot does not answer it.</summary>
    public required string Choice { get; set; }

    /// <summary>
    /// The choice on every question of the matter (yes, no, abstain or invalid), one per line in the
    /// order of <see cref="MatterRow.Questions"/>; the first line equals <see cref="Choice"/>.
    /// </summary>
    public string Answers { get; set; } = "";

    /// <summary>online (signed with the owner's or a proxy's passkey), paper (scanned, confirmed by two officers) or custodial (entered at the desk by two officers).</summary>
    public required string Channel { get; set; }

    public DateTimeOffset CastAt { get; set; }

    /// <summary>The entry's index in the log.</summary>
    public long LogIndex { get; set; }

    /// <summary>
    /// Why the ballot never counts, with VoteReplay's code (<c>bad-signature</c>, <c>not-owner</c>,
    /// <c>after-close</c>, …), or null when it passed every check.
    /// </summary>
    public string? Rejection { get; set; }

    /// <summary>Superseded by a BallotSuperseded entry; never counts.</summary>
    public bool Superseded { get; set; }

    /// <summary>This is the principal's ballot that counts.</summary>
    public bool Counts { get; set; }

    /// <summary>The proxy mandate (ProxyMandate.Id) a proxy voted under, or null for the owner's own ballot.</summary>
    public string? Proxy { get; set; }
    /// <summary>SHA-256 (hex) of a paper ballot's scanned image (PaperBallotRecorded.Scan); null for online ballots. Retention removes the image, never this.</summary>
    public string? Scan { get; set; }

    /// <summary>SHA-256 (hex) of the ballot's handwritten signature image, as signed in the ballot; null without one.</summary>
    public string? Handwriting { get; set; }
}
