namespace OwnersVote.Web.Features.Paper;

/// <summary>Where a scanned page is in the review queue (<c>paper_scans.State</c>).</summary>
public static class PaperScanStates
{
    /// <summary>Waiting for a first officer to confirm or correct the reading.</summary>
    public const string Pending = "pending";

    /// <summary>Confirmed by one officer; waiting for a second, different officer to approve.</summary>
    public const string Confirmed = "confirmed";

    /// <summary>Approved; its <c>PaperBallotRecorded</c> is being appended (a crash here leaves the serial claimed, never recorded twice).</summary>
    public const string Recording = "recording";

    /// <summary>Recorded in the log.</summary>
    public const string Recorded = "recorded";

    /// <summary>Its serial was recorded from another sheet (the same ballot scanned twice): recorded once.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>Can never be recorded: a forged or altered QR code, another vote's code, no code, or a void serial.</summary>
    public const string Refused = "refused";
}
