namespace OwnersVote.Voting;

/// <summary>What is wrong with a proposed vote schedule.</summary>
public enum ScheduleProblem
{
    /// <summary>Voting opens before the announcement.</summary>
    OpensBeforeAnnouncement,

    /// <summary>The voting period is shorter than <see cref="VoteSchedule.MinimumPeriod"/>.</summary>
    PeriodTooShort,

    /// <summary>The voting period is longer than <see cref="VoteSchedule.MaximumPeriod"/>.</summary>
    PeriodTooLong,

    /// <summary>The objection period is outside 1 hour to 30 days.</summary>
    ObjectionPeriodOutOfRange,

    /// <summary>A reminder is not within the voting period.</summary>
    ReminderOutsidePeriod,
}

/// <summary>
/// The time rules of a vote (issue 7 part 1): it opens no earlier than it is announced, the voting
/// period is 5 to 60 days (both included), the objection period after the preliminary result 1
/// hour to 30 days, and reminders fall inside the voting period.
/// </summary>
public static class VoteSchedule
{
    /// <summary>The shortest voting period.</summary>
    public static readonly TimeSpan MinimumPeriod = TimeSpan.FromDays(5);

    /// <summary>The longest voting period.</summary>
    public static readonly TimeSpan MaximumPeriod = TimeSpan.FromDays(60);

    /// <summary>The problems of a schedule; empty when it may be announced at <paramref name="announcedAt"/>.</summary>
    public static IReadOnlyList<ScheduleProblem> Check(DateTimeOffset announcedAt, DateTimeOffset opens, DateTimeOffset closes, int? objectionHours, IReadOnlyList<int> reminderHours)
    {
        ArgumentNullException.ThrowIfNull(reminderHours);
        var problems = new List<ScheduleProblem>();
        if (opens < announcedAt)
        {
            problems.Add(ScheduleProblem.OpensBeforeAnnouncement);
        }

        TimeSpan period = closes - opens;
        if (period < MinimumPeriod)
        {
            problems.Add(ScheduleProblem.PeriodTooShort);
        }
        else if (period > MaximumPeriod)
        {
            problems.Add(ScheduleProblem.PeriodTooLong);
        }

        if (objectionHours is { } hours && hours is < 1 or > Events.MatterPublished.MaxObjectionHours)
        {
            problems.Add(ScheduleProblem.ObjectionPeriodOutOfRange);
        }

        if (reminderHours.Any(h => h <= 0 || TimeSpan.FromHours(h) >= period))
        {
            problems.Add(ScheduleProblem.ReminderOutsidePeriod);
        }

        return problems;
    }
}
