namespace OwnersVote.Voting;

/// <summary>A matter put to the owners: what is decided, by which bar, and by whom.</summary>
public sealed record Matter
{
    /// <summary>Creates a matter.</summary>
    /// <exception cref="ArgumentException">The title is empty or the threshold class is undefined.</exception>
    public Matter(string title, ThresholdClass threshold, Scope scope)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(scope);
        if (!Enum.IsDefined(threshold))
        {
            throw new ArgumentException($"Unknown threshold class {(int)threshold}.", nameof(threshold));
        }

        Title = title;
        Threshold = threshold;
        Scope = scope;
    }

    /// <summary>What is decided, e.g. "57号楼电梯维修使用专项维修资金".</summary>
    public string Title { get; }

    /// <summary>The bar: ordinary (过半数) or major (四分之三以上), Civil Code art. 278.</summary>
    public ThresholdClass Threshold { get; }

    /// <summary>Who decides: the whole compound or some buildings (Shanghai art. 69).</summary>
    public Scope Scope { get; }
}
