namespace OwnersVote.Web.Features.Enrolment;

/// <summary>The <c>Enrolment</c> settings.</summary>
public sealed class EnrolmentOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Enrolment";

    /// <summary>
    /// How long a new credential waits before it may sign a ballot in an open vote (issue 6 §2:
    /// default 24 hours). Someone who enrolled a passkey for an owner behind their back cannot vote
    /// with it before the owner, notified at once, has had time to object and have it revoked.
    /// </summary>
    public TimeSpan CoolingOff { get; set; } = TimeSpan.FromHours(24);
}
