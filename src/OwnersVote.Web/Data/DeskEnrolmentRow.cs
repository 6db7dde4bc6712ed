namespace OwnersVote.Web.Data;

/// <summary>
/// An enrolment at the officers' desk (issue 6 §2, DESIGN.md §3 two-person rule): one officer
/// checked the owner's identity and ownership with the owner present and asked; a second officer
/// approves, and only then is the owner's one-time invitation issued. Not derived from the log:
/// the <c>CredentialEnrolled</c> the invitation leads to names both officers.
/// </summary>
public sealed class DeskEnrolmentRow
{
    /// <summary>A random id, lowercase hex.</summary>
    public required string Id { get; set; }

    public required string CompoundId { get; set; }

    /// <summary>The unit whose owner was at the desk, e.g. "57-101".</summary>
    public required string UnitId { get; set; }

    /// <summary>The owner's keyed hash, from the latest frozen roll.</summary>
    public required string OwnerHash { get; set; }

    /// <summary>The officer who checked identity and asked.</summary>
    public required string RequestedBy { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>The second officer, once approved.</summary>
    public string? ApprovedBy { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }
}
