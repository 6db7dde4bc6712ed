namespace OwnersVote.Web.Data;

/// <summary>
/// A request to print the invitation letters of every owner of a building: asked by one officer,
/// printed only when a second, different officer approves (DESIGN.md §3: two-person rule for
/// enrolment), so the passkeys set up with the letters name two officers.
/// </summary>
public sealed class LetterBatchRow
{
    /// <summary>A random id, lowercase hex.</summary>
    public required string Id { get; set; }

    public required string CompoundId { get; set; }

    public required string BuildingId { get; set; }

    public required string RequestedBy { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public string? ApprovedBy { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }
}
