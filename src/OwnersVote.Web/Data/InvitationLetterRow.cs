namespace OwnersVote.Web.Data;

/// <summary>
/// A printed invitation letter (issue 6 §2) and its delivery: who printed it, and who handed it
/// out, when and how. The code itself is only on the paper; its SHA-256 is the invitation's key.
/// </summary>
public sealed class InvitationLetterRow
{
    /// <summary>A random id printed on the letter (not the code), lowercase hex.</summary>
    public required string Id { get; set; }

    public required string CompoundId { get; set; }

    /// <summary>The batch (one building's letters) it was printed in.</summary>
    public required string BatchId { get; set; }

    /// <summary>The invitation's code hash (<see cref="InvitationRow.CodeHash"/>).</summary>
    public required string CodeHash { get; set; }

    /// <summary>The owner (<see cref="RollOwnerRow.Id"/>) it is addressed to.</summary>
    public required string OwnerId { get; set; }

    /// <summary>The owner's units, sorted, one per line.</summary>
    public required string Units { get; set; }

    public DateTimeOffset PrintedAt { get; set; }

    /// <summary>The officer who handed it out, once delivered.</summary>
    public string? DeliveredBy { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>in-person, mailbox or post.</summary>
    public string? DeliveryMethod { get; set; }
}
