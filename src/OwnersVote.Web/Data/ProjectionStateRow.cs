namespace OwnersVote.Web.Data;

/// <summary>How far the projections follow the log: one row, written in the same transaction as the events it counts.</summary>
public sealed class ProjectionStateRow
{
    /// <summary>The row's key; always <see cref="SingletonId"/>.</summary>
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>The number of log entries applied: the next entry to apply has this index.</summary>
    public long AppliedSize { get; set; }
}
