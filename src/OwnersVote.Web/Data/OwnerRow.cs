namespace OwnersVote.Web.Data;

/// <summary>An owner, known only by a keyed-hash id (never a name or ID number).</summary>
public sealed class OwnerRow
{
    public required string CompoundId { get; set; }

    public required string Id { get; set; }
}
