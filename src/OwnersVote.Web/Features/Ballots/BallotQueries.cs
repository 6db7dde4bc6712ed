using Microsoft.EntityFrameworkCore;
using OwnersVote.Web.Data;

namespace OwnersVote.Web.Features.Ballots;

/// <summary>
/// The queries of every cast, compiled once per application (issue 10): EF Core otherwise walks,
/// hashes and looks up each LINQ query's expression tree on every call. A singleton of the app's
/// container, not static: a compiled query keeps the first database provider it ran against, and
/// one process may host apps on SQLite and on PostgreSQL (the test suite does).
/// </summary>
public sealed class BallotQueries
{
    /// <summary>A matter by id, untracked.</summary>
    public Func<OwnersVoteDb, string, CancellationToken, Task<MatterRow?>> Matter { get; } =
        EF.CompileAsyncQuery((OwnersVoteDb d, string id, CancellationToken _) => d.Matters.AsNoTracking().SingleOrDefault(m => m.Id == id));

    /// <summary>The principal's counted ballot in a vote, untracked.</summary>
    public Func<OwnersVoteDb, string, string, CancellationToken, Task<BallotRow?>> Counted { get; } =
        EF.CompileAsyncQuery((OwnersVoteDb d, string vote, string principal, CancellationToken _) =>
            d.Ballots.AsNoTracking().Where(b => b.MatterId == vote && b.OwnerId == principal && b.Counts).FirstOrDefault());

    /// <summary>An owner's credentials not revoked, untracked.</summary>
    public Func<OwnersVoteDb, string, string?, IAsyncEnumerable<CredentialRow>> Credentials { get; } =
        EF.CompileAsyncQuery((OwnersVoteDb d, string compound, string? owner) =>
            d.Credentials.AsNoTracking().Where(c => c.CompoundId == compound && c.OwnerHash == owner && c.RevokedAt == null));

    /// <summary>The ballot row of a log index, untracked.</summary>
    public Func<OwnersVoteDb, long, CancellationToken, Task<BallotRow>> BallotAt { get; } =
        EF.CompileAsyncQuery((OwnersVoteDb d, long index, CancellationToken _) => d.Ballots.AsNoTracking().Single(b => b.LogIndex == index));
}
