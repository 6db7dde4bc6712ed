using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Features.Ballots;
using OwnersVote.Web.Features.Desk;
using OwnersVote.Web.Features.Documents;
using OwnersVote.Web.Features.SignIn;
using OwnersVote.Web.Ledger;
using OwnersVote.Web.Projections;

namespace OwnersVote.Web.Features.Proxies;

/// <summary>Why a proxy step was refused.</summary>
public enum ProxyRefusal
{
    /// <summary>The unit is not on any roll of the compound.</summary>
    NotOnRoll,

    /// <summary>No ID number was given for the proxy, or it is the owner's own.</summary>
    NoProxy,

    /// <summary>Neither a known vote nor a period (from before until) was given.</summary>
    BadScope,

    /// <summary>No scan of the written, signed mandate was attached.</summary>
    NoScan,

    /// <summary>No mandate of the owner has this id.</summary>
    Unknown,

    /// <summary>The mandate is already revoked.</summary>
    AlreadyRevoked,

    /// <summary>The proxy already voted under this one-vote mandate: the ballot stands.</summary>
    ProxyVoted,

    /// <summary>The owner has no passkey or device key that may sign now (none enrolled, cooling-off, revoked).</summary>
    NoCredential,

    /// <summary>The owner's signature over the mandate's challenge does not verify.</summary>
    BadSignature,

    /// <summary>Too many mandates wait for a signature; try again shortly.</summary>
    Busy,
}

/// <summary>A mandate as the owner and the officers see it.</summary>
/// <param name="Id">The mandate id (ProxyMandate.Id).</param>
/// <param name="Vote">The one vote, or null for a period.</param>
/// <param name="From">The period's start, or null.</param>
/// <param name="Until">The period's end, or null.</param>
/// <param name="GrantedAt">When it was registered.</param>
/// <param name="RevokedAt">When it was revoked, or null.</param>
/// <param name="Evidence"><c>scan</c> or <c>signature</c>.</param>
public sealed record ProxyView(string Id, string? Vote, DateTimeOffset? From, DateTimeOffset? Until, DateTimeOffset GrantedAt, DateTimeOffset? RevokedAt, string Evidence);

/// <summary>A registered mandate and the proxy's enrolment waiting for a second officer.</summary>
/// <param name="Mandate">The mandate id, as logged in <c>ProxyGranted</c>.</param>
/// <param name="Index">The log entry of the <c>ProxyGranted</c>.</param>
/// <param name="Enrolment">The desk request for the proxy's invitation (approved on <c>/desk/approve</c>).</param>
public sealed record RegisteredProxy(string Mandate, long Index, PendingDeskEnrolment Enrolment);

/// <summary>
/// Proxies at the desk and online (Shanghai 住宅物业管理规定 art. 18: an owner may mandate another
/// person in writing). An officer registers a written, signed paper mandate: its scan is stored
/// content-addressed and <c>ProxyGranted</c> logs its SHA-256 and the officer. The proxy — who may
/// not own anything in the compound — gets a credential the way an owner does: a desk request for
/// their invitation that a second officer approves (two-person rule), then their own passkey,
/// enrolled under their keyed hash. The owner sees and revokes their mandates online
/// (<c>ProxyRevoked</c>).
/// </summary>
public sealed class ProxyDesk(OwnersVoteDb db, EventLog log, DocumentStore documents, IOptions<DemoOptions> demo, IHostEnvironment environment, TimeProvider time)
{
    /// <summary>The largest scan accepted, in bytes.</summary>
    public const int MaxScanBytes = 10 * 1024 * 1024;

    /// <summary>
    /// The person's keyed hash: HMAC-SHA256 under the compound key of their normalised ID number
    /// (PIPL: the number itself is never stored). The demo's one compound key is the only one configured.
    /// </summary>
    public async Task<string> PersonHashAsync(string idNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idNumber);
        byte[] key = await SecretFile.ReadOrCreateAsync(
            Path.GetFullPath(demo.Value.CompoundKeyFile, environment.ContentRootPath),
            () => RandomNumberGenerator.GetBytes(OwnerKey.MinimumKeyLength),
            cancellationToken);
        return OwnerKey.Hash(key, "person|" + idNumber.Trim().ToUpperInvariant());
    }

    /// <summary>
    /// The officer registers the owner's paper mandate for <paramref name="unit"/>'s owner: for one
    /// vote, or for a period. Appends <c>ProxyGranted</c> and asks for the proxy's invitation.
    /// </summary>
    public async Task<(RegisteredProxy? Registered, ProxyRefusal? Refused)> RegisterAsync(
        OwnerSession officer, string unit, string proxyIdNumber, string? vote, DateTimeOffset? from, DateTimeOffset? until, byte[]? scan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        string staff = officer.StaffId ?? throw new InvalidOperationException("An officer session carries no staff id.");
        string unitId = (unit ?? "").Trim();
        if (await OwnerOnRollAsync(db, officer.CompoundId, unitId, cancellationToken) is not { } owner)
        {
            return (null, ProxyRefusal.NotOnRoll);
        }

        if (string.IsNullOrWhiteSpace(proxyIdNumber))
        {
            return (null, ProxyRefusal.NoProxy);
        }

        string proxy = await PersonHashAsync(proxyIdNumber, cancellationToken);
        if (proxy == owner)
        {
            return (null, ProxyRefusal.NoProxy);
        }

        bool oneVote = !string.IsNullOrWhiteSpace(vote);
        if (oneVote ? !await db.Matters.AnyAsync(m => m.Id == vote && m.CompoundId == officer.CompoundId, cancellationToken) : !(from < until))
        {
            return (null, ProxyRefusal.BadScope);
        }

        if (scan is not { Length: > 0 and <= MaxScanBytes })
        {
            return (null, ProxyRefusal.NoScan);
        }

        string sha = await documents.PutAsync(scan, cancellationToken);
        DateTimeOffset now = EventTime.Truncate(time.GetUtcNow());
        var mandate = new ProxyMandate(
            officer.CompoundId,
            owner,
            proxy,
            oneVote ? vote!.Trim() : null,
            oneVote ? null : EventTime.Truncate(from!.Value),
            oneVote ? null : EventTime.Truncate(until!.Value),
            BallotSessions.NewNonce(),
            now);
        var granted = new ProxyGranted(officer.CompoundId, now, staff, mandate, sha, staff, null);
        OwnersVote.Ledger.Sequencing.AppendResult appended = await log.AppendAsync(granted, cancellationToken);

        // The proxy's credential: like an owner's, a second officer approves the invitation.
        var request = new DeskEnrolmentRow
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            CompoundId = officer.CompoundId,
            UnitId = unitId,
            OwnerHash = proxy,
            RequestedBy = staff,
            RequestedAt = now,
        };
        db.DeskEnrolments.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        return (new RegisteredProxy(granted.MandateId, appended.Index, new PendingDeskEnrolment(request.Id, request.UnitId, request.RequestedBy, request.RequestedAt)), null);
    }

    /// <summary>
    /// The first officer asks for the invitation of a proxy whom the owner of <paramref name="unit"/>
    /// mandated online by ID number (<see cref="OnlineMandates"/>), after checking the proxy's ID card:
    /// a desk request that a second officer approves on <c>/desk/approve</c> (DESIGN.md §3, two-person rule).
    /// </summary>
    public async Task<(PendingDeskEnrolment? Pending, ProxyRefusal? Refused)> RequestInvitationAsync(
        OwnerSession officer, string unit, string proxyIdNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        string staff = officer.StaffId ?? throw new InvalidOperationException("An officer session carries no staff id.");
        string unitId = (unit ?? "").Trim();
        if (await OwnerOnRollAsync(db, officer.CompoundId, unitId, cancellationToken) is not { } owner)
        {
            return (null, ProxyRefusal.NotOnRoll);
        }

        if (string.IsNullOrWhiteSpace(proxyIdNumber))
        {
            return (null, ProxyRefusal.NoProxy);
        }

        string proxy = await PersonHashAsync(RollBook.ResidentIdNumber.Normalise(proxyIdNumber) ?? proxyIdNumber, cancellationToken);
        bool mandated = await db.Proxies.AnyAsync(
            p => p.CompoundId == officer.CompoundId && p.OwnerHash == owner && p.ProxyHash == proxy && p.RevokedAt == null && p.Problem == null, cancellationToken);
        if (!mandated)
        {
            return (null, ProxyRefusal.Unknown);
        }

        var request = new DeskEnrolmentRow
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            CompoundId = officer.CompoundId,
            UnitId = unitId,
            OwnerHash = proxy,
            RequestedBy = staff,
            RequestedAt = time.GetUtcNow(),
        };
        db.DeskEnrolments.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        return (new PendingDeskEnrolment(request.Id, request.UnitId, request.RequestedBy, request.RequestedAt), null);
    }

    /// <summary>
    /// The owner of <paramref name="unit"/> as on the latest roll frozen for it (a later roll, after a
    /// transfer, wins), as the desk enrolment takes it; null when the unit is on no roll of the compound.
    /// </summary>
    public static async Task<string?> OwnerOnRollAsync(OwnersVoteDb db, string compound, string unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        List<UnitRow> rows = await db.Units.AsNoTracking().Where(u => u.CompoundId == compound && u.Id == unit).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return null;
        }

        List<string> votes = [.. rows.Select(r => r.VoteId)];
        Dictionary<string, DateTimeOffset> opens = await db.Matters.AsNoTracking().Where(m => votes.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.OpensAt, cancellationToken);
        return rows.OrderByDescending(r => opens.GetValueOrDefault(r.VoteId)).First().OwnerHash;
    }

    /// <summary>The mandates the signed-in owner granted, newest first.</summary>
    public async Task<IReadOnlyList<ProxyView>> GrantedByAsync(OwnerSession owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        List<ProxyRow> rows = await db.Proxies.AsNoTracking().Where(p => p.CompoundId == owner.CompoundId && p.OwnerHash == owner.OwnerHash).ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(p => p.GrantedAt).Select(p => new ProxyView(p.Id, p.VoteId, p.From, p.Until, p.GrantedAt, p.RevokedAt, p.Evidence))];
    }

    /// <summary>
    /// The owner revokes a mandate online (Civil Code art. 173). Refused once the proxy voted under
    /// a one-vote mandate: that ballot stands; the owner may still vote in person where the vote
    /// allows changes.
    /// </summary>
    public async Task<ProxyRefusal?> RevokeAsync(OwnerSession owner, string mandate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ProxyRow? row = await db.Proxies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == mandate && p.CompoundId == owner.CompoundId && p.OwnerHash == owner.OwnerHash, cancellationToken);
        if (row is null)
        {
            return ProxyRefusal.Unknown;
        }

        if (row.RevokedAt is not null)
        {
            return ProxyRefusal.AlreadyRevoked;
        }

        if (row.VoteId is not null && await db.Ballots.AnyAsync(b => b.Proxy == row.Id && b.Rejection == null, cancellationToken))
        {
            return ProxyRefusal.ProxyVoted;
        }

        await log.AppendAsync(new ProxyRevoked(owner.CompoundId, EventTime.Truncate(time.GetUtcNow()), "owner:" + owner.OwnerHash, row.Id, row.OwnerHash, null), cancellationToken);
        return null;
    }

    /// <summary>
    /// The owners the signed-in person may vote for in <paramref name="vote"/> now: the mandates to
    /// them that cover it, unrevoked, whose evidence holds (VoteReplay's rule), as owner hash → mandate id.
    /// </summary>
    public static async Task<Dictionary<string, string>> MandatorsAsync(OwnersVoteDb db, OwnerSession person, string vote, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(person);
        List<ProxyRow> rows = await db.Proxies.AsNoTracking()
            .Where(p => p.CompoundId == person.CompoundId && p.ProxyHash == person.OwnerHash && p.Problem == null && p.RevokedAt == null)
            .ToListAsync(cancellationToken);
        var mandators = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ProxyRow row in rows.Where(p => Projector.Covers(p, vote, now) && p.GrantedAt <= now).OrderBy(p => p.GrantedAt))
        {
            mandators.TryAdd(row.OwnerHash, row.Id);
        }

        return mandators;
    }

    /// <summary>
    /// The units in scope of the first owner who mandated the signed-in person for this vote, and
    /// the mandate; none where no mandate covers the vote or that owner already voted in person
    /// (Civil Code art. 173: the owner acting himself ends the proxy's authority for the vote).
    /// </summary>
    public static async Task<(List<UnitRow> Units, string? Mandate)> ProxiedUnitsAsync(
        OwnersVoteDb db, OwnerSession person, string vote, IReadOnlySet<string> scope, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        Dictionary<string, string> mandators = await MandatorsAsync(db, person, vote, now, cancellationToken);
        List<string> owners = [.. mandators.Keys];
        List<UnitRow> units = [.. (await db.Units.AsNoTracking().Where(u => u.VoteId == vote && owners.Contains(u.OwnerHash)).ToListAsync(cancellationToken))
            .Where(u => scope.Count == 0 || scope.Contains(u.BuildingId))];
        foreach (IGrouping<string, UnitRow> owner in units.GroupBy(u => u.OwnerHash).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            List<string> principals = [.. owner.Select(u => u.OwnerId).Distinct()];
            bool votedInPerson = await db.Ballots.AnyAsync(
                b => b.MatterId == vote && principals.Contains(b.OwnerId) && b.Rejection == null && b.Proxy == null && b.Channel != Projector.Paper, cancellationToken);
            if (!votedInPerson)
            {
                return ([.. owner], mandators[owner.Key]);
            }
        }

        return ([], null);
    }
}
