namespace OwnersVote.Web.Features.Lifecycle;

/// <summary>How the vote lifecycle service runs (section <c>Lifecycle</c>).</summary>
public sealed class LifecycleOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Lifecycle";

    /// <summary>How often votes are checked for opening, closing and reminders.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most reminders handed to the notifier per vote and tick, so one tick stays short; the rest follow on the next.</summary>
    public int MaxRemindersPerTick { get; set; } = 200;

    /// <summary>The longest one tick may take before it is abandoned (and retried on the next).</summary>
    public TimeSpan TickTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
