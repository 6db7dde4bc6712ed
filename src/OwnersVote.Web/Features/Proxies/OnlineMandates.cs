using Microsoft.EntityFrameworkCore;
using OwnersVote.Ledger.Sequencing;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Ballots;
using OwnersVote.Web.Features.RollBook;
using OwnersVote.Web.Features.SignIn;
using OwnersVote.Web.Ledger;
using OwnersVote.Web.Projections;

namespace OwnersVote.Web.Features.Proxies;

/// <summary>A mandate ready for the owner's signature, with what the page shows in plain words.</summary>
/// <param name="Handle">Sent back with the assertion.</param>
/// <param name="Mandate">The mandate whose JCS bytes the challenge commits to.</param>
/// <param name="Challenge">SHA-256("OV-PROXY-v1\0" ‖ JCS(mandate)).</param>
/// <param name="RpId">The relying party id.</param>
/// <param name="Credentials">The owner's active passkeys and device keys, base64url ids.</param>
/// <param name="OwnerUnits">The owner's units, as the mandate's text names them.</param>
/// <param name="ProxyUnit">The proxy's unit when the proxy is an owner on the roll, else null.</param>
/// <param name="ProxyIdTail">The last four characters of the proxy's ID number when invited, else null.</param>
/// <param name="VoteTitle">The one vote's title, or null for a period.</param>
public sealed record PreparedMandate(
    string Handle,
    ProxyMandate Mandate,
    byte[] Challenge,
    string RpId,
    IReadOnlyList<string> Credentials,
    IReadOnlyList<string> OwnerUnits,
    string? ProxyUnit,
    string? ProxyIdTail,
    string? VoteTitle);

/// <summary>The owner's signed mandate is in the log.</summary>
/// <param name="Mandate">The mandate id.</param>
/// <param name="Index">The log entry of its <c>ProxyGranted</c>.</param>
/// <param name="ByInvitation">True when the proxy still needs an invitation from the desk.</param>
public sealed record SignedMandate(string Mandate, long Index, bool ByInvitation);

/// <summary>
/// The owner grants a proxy online (Shanghai 住宅物业管理规定 art. 18: a written mandate; Electronic
/// Signature Law art. 13: the owner's passkey or device-key signature is a reliable electronic
/// signature). The owner names the proxy — another owner of the compound by their unit on the roll,
/// or anyone by their ID number (kept only as a keyed hash; the proxy then gets an invitation at the
/// desk from two officers) — and the scope, one vote or a period; reads the mandate; and signs
/// SHA-256("OV-PROXY-v1\0" ‖ JCS(mandate)) on their own device. <c>ProxyGranted</c> keeps the
/// assertion, so VoteReplay and <c>ov verify</c> check the mandate offline as they check a ballot.
/// </summary>
public sealed class OnlineMandates(OwnersVoteDb db, EventLog log, ProxyDesk proxies, MandateSessions sessions, TimeProvider time)
{
    /// <summary>
    /// Prepares the mandate of the signed-in owner for a proxy named by <paramref name="proxyUnit"/>
    /// (an owner on the roll) or <paramref name="proxyIdNumber"/> (invited), for <paramref name="vote"/>
    /// or the period [<paramref name="from"/>, <paramref name="until"/>), and holds it for the signature.
    /// </summary>
    public async Task<(PreparedMandate? Prepared, ProxyRefusal? Refused)> PrepareAsync(
        OwnerSession owner, string? proxyUnit, string? proxyIdNumber, string? vote, DateTimeOffset? from, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        string me = owner.OwnerHash ?? throw new InvalidOperationException("An owner session carries no owner hash.");
        DateTimeOffset now = time.GetUtcNow();
        List<string> mine = [.. (await db.Units.AsNoTracking().Where(u => u.CompoundId == owner.CompoundId && u.OwnerHash == me).Select(u => u.Id).ToListAsync(cancellationToken))
            .Distinct().Order(StringComparer.Ordinal)];

        string proxy;
        string? unit = string.IsNullOrWhiteSpace(proxyUnit) ? null : proxyUnit.Trim();
        string? idTail = null;
        if (unit is not null)
        {
            // The proxy is the owner of that unit on the latest roll frozen for it, as the desk takes it.
            if (await ProxyDesk.OwnerOnRollAsync(db, owner.CompoundId, unit, cancellationToken) is not { } onRoll)
            {
                return (null, ProxyRefusal.NotOnRoll);
            }

            proxy = onRoll;
        }
        else if (!string.IsNullOrWhiteSpace(proxyIdNumber) && ResidentIdNumber.Normalise(proxyIdNumber) is { } idNumber)
        {
            // PIPL: only the keyed hash is kept; the page repeats the last four characters to the owner.
            proxy = await proxies.PersonHashAsync(idNumber, cancellationToken);
            idTail = idNumber[^4..];
        }
        else
        {
            return (null, ProxyRefusal.NoProxy);
        }

        if (proxy == me)
        {
            return (null, ProxyRefusal.NoProxy);
        }

        bool oneVote = !string.IsNullOrWhiteSpace(vote);
        string? title = null;
        if (oneVote)
        {
            MatterRow? matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == vote!.Trim() && m.CompoundId == owner.CompoundId, cancellationToken);
            if (matter is null || matter.ClosedAt is not null || matter.ClosesAt <= now)
            {
                return (null, ProxyRefusal.BadScope);
            }

            title = matter.Title;
        }
        else if (!(from < until) || until <= now)
        {
            return (null, ProxyRefusal.BadScope);
        }

        List<string> credentials = await ActiveCredentialsAsync(owner, now, cancellationToken);
        if (credentials.Count == 0)
        {
            return (null, ProxyRefusal.NoCredential);
        }

        var mandate = new ProxyMandate(
            owner.CompoundId,
            me,
            proxy,
            oneVote ? vote!.Trim() : null,
            oneVote ? null : EventTime.Truncate(from!.Value),
            oneVote ? null : EventTime.Truncate(until!.Value),
            BallotSessions.NewNonce(),
            EventTime.Truncate(now));
        if (sessions.Hold(mandate, me, byInvitation: unit is null) is not { } handle)
        {
            return (null, ProxyRefusal.Busy);
        }

        string rpId = await db.Compounds.AsNoTracking().Where(c => c.Id == owner.CompoundId).Select(c => c.RpId).SingleAsync(cancellationToken);
        return (new PreparedMandate(handle, mandate, mandate.Challenge(), rpId, credentials, mine, unit, idTail, title), null);
    }

    /// <summary>
    /// Verifies the owner's assertion over the prepared mandate's challenge against their enrolled
    /// key and appends <c>ProxyGranted</c> with it; returns once the entry is durable.
    /// </summary>
    public async Task<(SignedMandate? Signed, ProxyRefusal? Refused)> SignAsync(OwnerSession owner, string? handle, WebAuthnAssertion assertion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(assertion);
        string me = owner.OwnerHash ?? throw new InvalidOperationException("An owner session carries no owner hash.");
        if (sessions.Take(handle, me) is not { } pending)
        {
            return (null, ProxyRefusal.Unknown);
        }

        DateTimeOffset now = EventTime.Truncate(time.GetUtcNow());
        string credentialId = Base64UrlText.Encode(assertion.CredentialId.Span);
        if (!(await ActiveCredentialsAsync(owner, now, cancellationToken)).Contains(credentialId, StringComparer.Ordinal))
        {
            return (null, ProxyRefusal.NoCredential);
        }

        CredentialRow credential = await db.Credentials.AsNoTracking().SingleAsync(c => c.Id == credentialId, cancellationToken);
        CompoundRow compound = await db.Compounds.AsNoTracking().SingleAsync(c => c.Id == owner.CompoundId, cancellationToken);
        // Electronic Signature Law art. 13: user verification is required, as for a ballot.
        var relyingParty = new RelyingParty(compound.RpId, compound.Origins.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal), RequireUserVerification: true);
        var stored = new StoredCredential(assertion.CredentialId, CoseKey.Parse(credential.PublicKey), checked((uint)credential.SignCount));
        // WebAuthn §7.2: over this mandate's challenge, from this origin, by this key — VoteReplay's check.
        if (BallotSignatureVerifier.Verify(Projector.ParseKind(credential.Kind), assertion, pending.Mandate.Challenge(), stored, relyingParty) is AssertionResult.Rejected)
        {
            return (null, ProxyRefusal.BadSignature);
        }

        var granted = new ProxyGranted(owner.CompoundId, now, "owner:" + me, pending.Mandate, null, null, assertion);
        AppendResult appended = await log.AppendAsync(granted, cancellationToken);
        return (new SignedMandate(granted.MandateId, appended.Index, pending.ByInvitation), null);
    }

    // The owner's credentials that may sign now: enrolled, past the cooling-off, not revoked.
    private async Task<List<string>> ActiveCredentialsAsync(OwnerSession owner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<CredentialRow> rows = await db.Credentials.AsNoTracking()
            .Where(c => c.CompoundId == owner.CompoundId && c.OwnerHash == owner.OwnerHash && c.RevokedAt == null)
            .ToListAsync(cancellationToken);
        return [.. rows.Where(c => c.ActiveFrom <= now).Select(c => c.Id).Order(StringComparer.Ordinal)];
    }
}
