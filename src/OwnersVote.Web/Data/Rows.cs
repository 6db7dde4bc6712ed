namespace OwnersVote.Web.Data;

// Projection rows. The log is the source of truth (DESIGN.md §2): every row here is rebuilt by
// replaying log entries through the Projector, so nothing that changes a vote's outcome lives
// only in a table. No names and no ID numbers are stored (PIPL; DESIGN.md §1).

/// <summary>A residential compound (小区).</summary>
public sealed class CompoundRow
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Where it is, e.g. "上海市闵行区马桥镇".</summary>
    public required string Locality { get; set; }
}

/// <summary>A building (楼栋) of a compound.</summary>
public sealed class BuildingRow
{
    public required string CompoundId { get; set; }

    /// <summary>The building id as on the roll, e.g. "57".</summary>
    public required string Id { get; set; }
}

/// <summary>An exclusive unit (专有部分) with its area (JI art. 8) and headcount principal (JI art. 9).</summary>
public sealed class UnitRow
{
    public required string CompoundId { get; set; }

    /// <summary>The unit id as on the roll, e.g. "57-1-101".</summary>
    public required string Id { get; set; }

    public required string BuildingId { get; set; }

    /// <summary>Exclusive area in 0.01 m².</summary>
    public long AreaHundredths { get; set; }

    /// <summary>Where the area figure comes from (registry, survey or contract; JI art. 8).</summary>
    public required string AreaSource { get; set; }

    /// <summary>The owner who casts this unit's vote: a keyed-hash id, or the developer.</summary>
    public required string OwnerId { get; set; }
}

/// <summary>An owner, known only by a keyed-hash id (never a name or ID number).</summary>
public sealed class OwnerRow
{
    public required string CompoundId { get; set; }

    public required string Id { get; set; }
}

/// <summary>A matter put to the vote (表决事项).</summary>
public sealed class MatterRow
{
    public required string Id { get; set; }

    public required string CompoundId { get; set; }

    public required string Title { get; set; }

    public required string Text { get; set; }

    /// <summary>Which threshold applies: Ordinary (more than half) or Major (at least three quarters).</summary>
    public required string Threshold { get; set; }

    public DateTimeOffset OpensAt { get; set; }

    public DateTimeOffset ClosesAt { get; set; }

    /// <summary>When the vote was closed (VoteClosed), or null while it is open.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>When the result was published (TallyPublished), or null.</summary>
    public DateTimeOffset? ResultPublishedAt { get; set; }

    /// <summary>The published result, or null before TallyPublished.</summary>
    public bool? ResultPassed { get; set; }
}

/// <summary>
/// A building whose owners decide a matter (Shanghai 住宅物业管理规定 art. 69); a matter with no
/// scope rows is decided by the whole compound.
/// </summary>
public sealed class MatterScopeRow
{
    public required string MatterId { get; set; }

    public required string BuildingId { get; set; }
}

/// <summary>The ballot that currently counts for one owner in one vote (earlier ones are superseded).</summary>
public sealed class BallotRow
{
    public required string MatterId { get; set; }

    public required string OwnerId { get; set; }

    /// <summary>yes, no, abstain or invalid.</summary>
    public required string Choice { get; set; }

    /// <summary>online or paper.</summary>
    public required string Channel { get; set; }

    public DateTimeOffset CastAt { get; set; }
}

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

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}
