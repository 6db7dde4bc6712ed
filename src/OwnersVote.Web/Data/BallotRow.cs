namespace OwnersVote.Web.Data;

/// <summary>The ballot that currently counts for one owner in one vote (earlier ones are superseded).</summary>
public sealed class BallotRow
{
    public required string MatterId { get; set; }

    public required string OwnerId { get; set; }

    /// <summary>yes, no, abstain or invalid.</summary>
    public required string Choice { get; set; }

    /// <summary>online or paper.</summary>
    public required string Channel { get; set; }

    public DateTimeOffset CastAt { get; set; }
}
