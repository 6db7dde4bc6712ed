namespace OwnersVote.Web.Data;

/// <summary>How a vote's notice and ballot reached a principal (BallotDelivered), one row per entry.</summary>
public sealed class DeliveryRow
{
    /// <summary>The entry's index in the log.</summary>
    public long LogIndex { get; set; }

    public required string MatterId { get; set; }

    /// <summary>The headcount principal.</summary>
    public required string OwnerId { get; set; }

    /// <summary><c>app</c>, <c>sms</c>, <c>letter</c>, <c>posted</c> or <c>door</c>.</summary>
    public required string Channel { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The officer who recorded it (the entry's actor).</summary>
    public required string Officer { get; set; }
}
