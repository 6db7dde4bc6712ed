namespace OwnersVote.Web.Data;

/// <summary>
/// An owner's request, made at the desk, to revoke their credentials (a lost or stolen phone),
/// waiting for a second officer (DESIGN.md §3 two-person rule). Not derived from the log: the
/// approval reaches it as one <c>CredentialRevoked</c> per credential, naming both officers.
/// </summary>
public sealed class CredentialRevocationRow
{
    /// <summary>A random id, lowercase hex.</summary>
    public required string Id { get; set; }

    public required string CompoundId { get; set; }

    /// <summary>The unit whose owner was at the desk.</summary>
    public required string UnitId { get; set; }

    /// <summary>The owner's keyed hash, from the latest frozen roll.</summary>
    public required string OwnerHash { get; set; }

    /// <summary>The reason's code (<see cref="Features.Desk.CredentialRevocations.Reasons"/>), logged as is.</summary>
    public required string Reason { get; set; }

    /// <summary>The officer who checked identity and asked.</summary>
    public required string RequestedBy { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>The second officer, once approved.</summary>
    public string? ApprovedBy { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }
}
