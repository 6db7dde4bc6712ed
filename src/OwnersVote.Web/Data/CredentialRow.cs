namespace OwnersVote.Web.Data;

/// <summary>An owner's enrolled passkey (CredentialEnrolled), revoked by CredentialRevoked.</summary>
public sealed class CredentialRow
{
    /// <summary>The credential id, unpadded base64url.</summary>
    public required string Id { get; set; }

    public required string CompoundId { get; set; }

    /// <summary>The owner's keyed hash (OwnerKey.Hash).</summary>
    public required string OwnerHash { get; set; }

    /// <summary>The credential public key as a COSE_Key.</summary>
    public required byte[] PublicKey { get; set; }

    /// <summary>When the credential was enrolled (CredentialEnrolled's time).</summary>
    public DateTimeOffset? EnrolledAt { get; set; }

    /// <summary>When the credential may first sign (end of the cooling-off period).</summary>
    public DateTimeOffset ActiveFrom { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>The credential's kind as enrolled, <c>passkey</c> or <c>device-key</c>; it picks the signature rule.</summary>
    public string Kind { get; set; } = "passkey";

    /// <summary>The last signature counter accepted (WebAuthn §7.2 step 22).</summary>
    public long SignCount { get; set; }
}
