namespace OwnersVote.Web.Data;

/// <summary>A proxy mandate (ProxyGranted), revoked by ProxyRevoked (Shanghai art. 18).</summary>
public sealed class ProxyRow
{
    /// <summary>The mandate's id (ProxyMandate.Id), lowercase hex.</summary>
    public required string Id { get; set; }

    public required string CompoundId { get; set; }

    /// <summary>The mandating owner's keyed hash.</summary>
    public required string OwnerHash { get; set; }

    /// <summary>The proxy's keyed hash.</summary>
    public required string ProxyHash { get; set; }

    /// <summary>The one vote the mandate is for, or null for a period.</summary>
    public string? VoteId { get; set; }

    /// <summary>The period's start (inclusive), or null for one vote.</summary>
    public DateTimeOffset? From { get; set; }

    /// <summary>The period's end (exclusive), or null for one vote.</summary>
    public DateTimeOffset? Until { get; set; }

    public DateTimeOffset GrantedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary><c>scan</c> (a paper mandate registered by an officer) or <c>signature</c> (signed online by the owner).</summary>
    public required string Evidence { get; set; }

    /// <summary>The paper mandate's SHA-256, or null.</summary>
    public string? Scan { get; set; }

    /// <summary>The officer who registered a paper mandate, or null.</summary>
    public string? Officer { get; set; }

    /// <summary>Why the mandate's evidence fails VoteReplay's check (<c>mandate-bad-signature</c>, …), or null.</summary>
    public string? Problem { get; set; }
}
