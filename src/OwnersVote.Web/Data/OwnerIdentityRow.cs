namespace OwnersVote.Web.Data;

/// <summary>
/// What the roll holds to recognise an owner at sign-in, beyond the keyed-hash id: the keyed hash of
/// the resident ID number (for sign-in through the city's identity provider) and the phone number
/// (the invitation's second factor). Not derived from the log, which names owners by hash only; a
/// rebuild carries it over like the invitations. PIPL: never the ID number itself.
/// </summary>
public sealed class OwnerIdentityRow
{
    public required string CompoundId { get; set; }

    /// <summary>The owner's keyed hash (OwnerKey.Hash): how the log and the session know them.</summary>
    public required string OwnerHash { get; set; }

    /// <summary>
    /// HMAC-SHA256 of the normalised resident ID number under the deployment's key
    /// (<c>Features/Privacy/IdNumberHash</c>), or null when none is on file.
    /// </summary>
    public string? IdNumberHash { get; set; }

    /// <summary>The owner's phone number as on the roll, or null when none is on file.</summary>
    public string? Phone { get; set; }

    /// <summary>The officer (staff id) who recorded these particulars: the roll's side of an enrolment through the identity provider.</summary>
    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
