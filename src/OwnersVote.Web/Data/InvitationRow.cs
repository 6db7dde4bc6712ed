namespace OwnersVote.Web.Data;

/// <summary>A one-time invitation code (stored as its SHA-256 only) from an owner's printed letter or a staff enrolment.</summary>
public sealed class InvitationRow
{
    /// <summary>Lowercase hex SHA-256 of the normalised code.</summary>
    public required string CodeHash { get; set; }

    public required string CompoundId { get; set; }

    /// <summary>owner, committee or officer.</summary>
    public required string Role { get; set; }

    /// <summary>The owner it belongs to (owners and committee members), or null for staff.</summary>
    public string? OwnerId { get; set; }

    /// <summary>The staff member's id (e.g. <c>officer:demo-1</c>) for staff invitations, or null for owners.</summary>
    public string? StaffId { get; set; }

    /// <summary>
    /// The officers who checked identity and ownership and issued the letter, sorted, one per line
    /// (DESIGN.md §3: two-person rule for enrolment); a passkey set up with this code names them.
    /// </summary>
    public required string IssuedBy { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}
