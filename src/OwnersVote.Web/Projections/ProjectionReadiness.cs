namespace OwnersVote.Web.Projections;

/// <summary>Set once the projection store exists (and the demo is seeded, when asked): what /readyz reports.</summary>
public sealed class ProjectionReadiness
{
    private volatile bool _ready;

    /// <summary>Whether the projections can serve reads.</summary>
    public bool IsReady => _ready;

    /// <summary>Marks the projections ready.</summary>
    public void MarkReady() => _ready = true;
}
