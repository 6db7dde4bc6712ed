namespace OwnersVote.Web.Data;

/// <summary>
/// A building whose owners decide a matter (Shanghai 住宅物业管理规定 art. 69); a matter with no
/// scope rows is decided by the whole compound.
/// </summary>
public sealed class MatterScopeRow
{
    public required string MatterId { get; set; }

    public required string BuildingId { get; set; }
}
