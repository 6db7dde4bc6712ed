namespace OwnersVote.Web.Data;

/// <summary>Which database holds the projections: <c>Database:Provider</c> in configuration.</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded SQLite file (the default; <c>data/ownersvote.db</c>).</summary>
    Sqlite,

    /// <summary>PostgreSQL (shared store when the web tier scales out; DESIGN.md §4).</summary>
    Postgres,
}
