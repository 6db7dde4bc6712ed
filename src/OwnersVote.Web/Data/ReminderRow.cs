namespace OwnersVote.Web.Data;

/// <summary>A reminder to vote handed to the notifier (ReminderSent).</summary>
public sealed class ReminderRow
{
    /// <summary>The entry's index in the log.</summary>
    public long LogIndex { get; set; }

    public required string MatterId { get; set; }

    /// <summary>The headcount principal reminded.</summary>
    public required string OwnerId { get; set; }

    /// <summary>The round: hours before the close.</summary>
    public int Round { get; set; }

    public DateTimeOffset At { get; set; }
}
