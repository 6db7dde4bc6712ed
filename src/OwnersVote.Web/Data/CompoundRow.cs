namespace OwnersVote.Web.Data;

/// <summary>A residential compound (小区).</summary>
public sealed class CompoundRow
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Where it is, e.g. "上海市闵行区马桥镇".</summary>
    public required string Locality { get; set; }

    /// <summary>The WebAuthn RP ID its owners sign ballots for (CompoundRegistered).</summary>
    public required string RpId { get; set; }

    /// <summary>The origins of its voting pages, one per line.</summary>
    public required string Origins { get; set; }

    /// <summary>Whether ballots need the UV flag (Electronic Signature Law art. 13).</summary>
    public bool RequireUserVerification { get; set; }
}
