namespace OwnersVote.Web.Data;

/// <summary>
/// An owner on the compound's editable roll (issue 6 §1). Not derived from the log: the log names
/// owners only by <see cref="OwnerHash"/>. Personal particulars live here and nowhere else
/// (PIPL: minimum data); the ID number is kept only as a keyed hash.
/// </summary>
/// <remarks>
/// Shape (table <c>roll_owners</c>, key (<see cref="CompoundId"/>, <see cref="Id"/>)): <c>compound_id</c>,
/// <c>id</c> (the owner code of the roll, e.g. <c>OW-1002</c>, or <c>DEVELOPER</c>),
/// <c>owner_hash</c> (OwnerKey.Hash of <c>"owner|" + id</c>: the id in the log, sessions, credentials
/// and invitations), <c>name</c>, <c>phone</c>, <c>id_number_hash</c> (OwnerKey.Hash of
/// <c>"id|" + normalised ID number</c>), <c>updated_at</c>, <c>updated_by</c>.
/// </remarks>
public sealed class RollOwnerRow
{
    public required string CompoundId { get; set; }

    /// <summary>The owner code as on the roll (the import's 业主编号), or <c>DEVELOPER</c>.</summary>
    public required string Id { get; set; }

    /// <summary>The owner's keyed hash (OwnerKey.Hash under the compound key): how the log knows them.</summary>
    public required string OwnerHash { get; set; }

    /// <summary>The owner's name (姓名), or null when not given.</summary>
    public string? Name { get; set; }

    /// <summary>The owner's phone number, or null.</summary>
    public string? Phone { get; set; }

    /// <summary>HMAC-SHA256 of the normalised resident ID number under the compound key, or null: never the number itself.</summary>
    public string? IdNumberHash { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The officer (staff id) who last changed this row.</summary>
    public required string UpdatedBy { get; set; }
}
