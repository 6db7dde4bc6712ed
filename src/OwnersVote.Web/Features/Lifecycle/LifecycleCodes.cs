using OwnersVote.Voting;

namespace OwnersVote.Web.Features.Lifecycle;

/// <summary>The stable codes of a refused lifecycle step; pages show each in words (UiText.LifecycleRefused).</summary>
public static class LifecycleCodes
{
    /// <summary>No such vote or draft in the session's compound.</summary>
    public const string NotFound = "not-found";

    /// <summary>The step does not belong to the vote's current stage.</summary>
    public const string WrongStage = "wrong-stage";

    /// <summary>The step's time has not come (closing before the closing time, finalising during the objection period).</summary>
    public const string NotDue = "not-due";

    /// <summary>An objection is still unanswered.</summary>
    public const string ObjectionsOpen = "objections-open";

    /// <summary>Silent majority: a non-voter has no proof of delivery.</summary>
    public const string Undelivered = "undelivered";

    /// <summary>The owner or principal is not on the vote's roll in scope.</summary>
    public const string NotOnRoll = "not-on-roll";

    /// <summary>Objections are taken only during the objection period.</summary>
    public const string NotInObjectionPeriod = "not-in-objection-period";

    /// <summary>A text is empty or too long.</summary>
    public const string BadText = "bad-text";

    /// <summary>
    /// A draft's text is longer than <see cref="VoteLifecycle.MaxMatterTextLength"/> characters (or its
    /// title than 200, a question than 500): the announcement must fit in one log entry.
    /// </summary>
    public const string TextTooLong = "text-too-long";

    /// <summary>The vote id is not 1–64 lowercase letters, digits or '-'.</summary>
    public const string BadId = "bad-id";

    /// <summary>The vote id is in use.</summary>
    public const string IdTaken = "id-taken";

    /// <summary>Not a delivery channel.</summary>
    public const string BadChannel = "bad-channel";

    /// <summary>The compound has no roll to freeze.</summary>
    public const string NoRoll = "no-roll";


    /// <summary>The scope names a building that is not on the roll.</summary>
    public const string UnknownBuilding = "unknown-building";

    /// <summary>The log would not replay with the step (VoteReplay refused it).</summary>
    public const string LogRefused = "log-refused";

    /// <summary>An upheld objection awaits a corrected preliminary result.</summary>
    public const string CorrectionDue = "correction-due";

    /// <summary>A unit named to set aside has no counted ballot in the vote.</summary>
    public const string NoBallotToSetAside = "no-ballot-to-set-aside";

    /// <summary>A schedule problem, e.g. <c>schedule:PeriodTooShort</c>.</summary>
    public static string Schedule(ScheduleProblem problem) => "schedule:" + problem;
}
