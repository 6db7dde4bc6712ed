using OwnersVote.Web.Data;

namespace OwnersVote.Web.Features.Lifecycle;

/// <summary>
/// Where a vote stands in its lifecycle (issue 7 part 1): draft → announced → open → closed →
/// preliminary result (in its objection period) → final. Each step after the draft is a log entry.
/// </summary>
public enum LifecycleStage
{
    /// <summary>Being prepared; private, not in the log.</summary>
    Draft,

    /// <summary>MatterPublished: announced, not yet open.</summary>
    Announced,

    /// <summary>Open for ballots.</summary>
    Open,

    /// <summary>VoteClosed: the count can be published.</summary>
    Closed,

    /// <summary>TallyPublished: the preliminary result, open to objections (询异期).</summary>
    ObjectionPeriod,

    /// <summary>The objection period is over; the final result waits for the committee (and for answers).</summary>
    AwaitingFinal,

    /// <summary>The committee upheld an objection: the result waits for a corrected preliminary result, which restarts the objection period.</summary>
    AwaitingCorrection,

    /// <summary>ResultFinalised, or a published result without an objection period.</summary>
    Final,
}

/// <summary>Computes the stage of a projected matter.</summary>
public static class LifecycleStages
{
    /// <summary>The stage of <paramref name="matter"/> at <paramref name="now"/>.</summary>
    public static LifecycleStage Of(MatterRow matter, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(matter);
        if (matter.FinalisedAt is not null)
        {
            return LifecycleStage.Final;
        }

        if (matter.CorrectionDue is not null)
        {
            return LifecycleStage.AwaitingCorrection;
        }

        if (matter.ResultPublishedAt is { } published)
        {
            return matter.ObjectionHours is not { } hours ? LifecycleStage.Final
                : now < published.AddHours(hours) ? LifecycleStage.ObjectionPeriod
                : LifecycleStage.AwaitingFinal;
        }

        return matter.ClosedAt is not null ? LifecycleStage.Closed
            : matter.OpenedAt is not null || now >= matter.OpensAt ? LifecycleStage.Open
            : LifecycleStage.Announced;
    }

    /// <summary>When the objection period ends, or null before the preliminary result or without one.</summary>
    public static DateTimeOffset? ObjectionPeriodEnds(MatterRow matter)
    {
        ArgumentNullException.ThrowIfNull(matter);
        return matter.ResultPublishedAt is { } published && matter.ObjectionHours is { } hours ? published.AddHours(hours) : null;
    }
}
