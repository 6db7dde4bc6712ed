using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.Enrolment;
using OwnersVote.Web.Ledger;

namespace OwnersVote.Web.Features.SignIn;

/// <summary>Options for navigator.credentials.create (WebAuthn §5.4), the binary fields base64url.</summary>
public sealed record RegistrationOptions(string Handle, string Challenge, string RpId, string RpName, string UserId, string UserName);

/// <summary>What the browser sends back after navigator.credentials.create.</summary>
public sealed record RegistrationResponse(string? Handle, string? AttestationObject, string? ClientDataJson);

/// <summary>Options for navigator.credentials.get (WebAuthn §5.5).</summary>
public sealed record SignInOptions(string Handle, string Challenge, string RpId);

/// <summary>What the browser sends back after navigator.credentials.get.</summary>
public sealed record SignInResponse(string? Handle, string? CredentialId, string? AuthenticatorData, string? ClientDataJson, string? Signature);

/// <summary>Where the page goes next.</summary>
public sealed record PasskeyDone(string Redirect);

/// <summary>
/// The passkey ceremonies' JSON endpoints, used by wwwroot/js/passkey.js: register a passkey right
/// after signing in with an invitation (appended to the log as <c>CredentialEnrolled</c>), and sign
/// in later with it. The relying party is the compound's as registered in the log; its rp id must
/// be the host the browser asked.
/// </summary>
public static class PasskeyEndpoints
{
    /// <summary>Problem type: the ceremony's response was refused (the reason is in <c>detail</c>).</summary>
    public const string PasskeyRefused = "urn:ownersvote:problem:passkey-refused";

    /// <summary>Problem type: too many challenges are outstanding; try again later.</summary>
    public const string ChallengesExhausted = "urn:ownersvote:problem:passkey-challenges-exhausted";

    /// <summary>Maps <c>/api/passkey/*</c>.</summary>
    public static void MapPasskeyEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        RouteGroupBuilder passkey = app.MapGroup("/api/passkey");
        passkey.MapPost("/registration/options", RegistrationOptionsAsync).RequireAuthorization(AccessPolicies.Owner);
        passkey.MapPost("/registration", RegisterAsync).RequireAuthorization(AccessPolicies.Owner);
        passkey.MapPost("/signin/options", SignInOptionsAsync).AllowAnonymous();
        passkey.MapPost("/signin", SignInAsync).AllowAnonymous();
    }

    private static async Task<Results<Ok<RegistrationOptions>, ProblemHttpResult>> RegistrationOptionsAsync(
        HttpContext context, OwnersVoteDb db, PasskeyChallenges challenges, CancellationToken cancellationToken)
    {
        OwnerSession session = OwnerSession.From(context.User)!;
        CompoundRow? compound = await db.Compounds.AsNoTracking().FirstOrDefaultAsync(c => c.Id == session.CompoundId, cancellationToken);
        if (compound is null || !HostMatches(context, compound))
        {
            return Refused("this address is not the compound's registered relying party");
        }

        string[] units = await db.Units.AsNoTracking()
            .Where(u => u.CompoundId == session.CompoundId && u.OwnerHash == session.OwnerHash)
            .Select(u => u.Id).Distinct().ToArrayAsync(cancellationToken);
        if (await challenges.IssueAsync(PasskeyCeremony.Registration, session.OwnerHash, cancellationToken) is not (string handle, byte[] challenge))
        {
            return Busy();
        }

        // WebAuthn §5.4.3: user.id is an opaque handle of at most 64 bytes, not personal data; the
        // owner's keyed hash (32 bytes) is exactly that.
        byte[] userId = Convert.FromHexString(session.OwnerHash!);
        string userName = $"{compound.Name} {string.Join(' ', units.Order(StringComparer.Ordinal))}".Trim();
        return TypedResults.Ok(new RegistrationOptions(handle, Base64UrlText.Encode(challenge), compound.RpId, compound.Name, Base64UrlText.Encode(userId), userName));
    }

    private static async Task<Results<Ok<PasskeyDone>, ProblemHttpResult>> RegisterAsync(
        RegistrationResponse response,
        HttpContext context,
        OwnersVoteDb db,
        PasskeyChallenges challenges,
        EventLog log,
        TimeProvider time,
        IOptions<EnrolmentOptions> enrolment,
        INotifier notifier,
        ILogger<INotifier> logger,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        OwnerSession session = OwnerSession.From(context.User)!;
        IssuedChallenge? issued = await challenges.TakeAsync(response.Handle, PasskeyCeremony.Registration, session.OwnerHash, cancellationToken);
        if (issued is null)
        {
            return Refused("the challenge is unknown, used or expired");
        }

        if (!Base64UrlText.TryDecode(response.AttestationObject, out byte[] attestation) || !Base64UrlText.TryDecode(response.ClientDataJson, out byte[] clientData))
        {
            return Refused("the response is not base64url");
        }

        CompoundRow? compound = await db.Compounds.AsNoTracking().FirstOrDefaultAsync(c => c.Id == session.CompoundId, cancellationToken);
        if (compound is null || !HostMatches(context, compound))
        {
            return Refused("this address is not the compound's registered relying party");
        }

        RegistrationResult result = RegistrationVerifier.Verify(attestation, clientData, issued.Challenge, RelyingPartyOf(compound));
        if (result is RegistrationResult.Rejected rejected)
        {
            return Refused(rejected.Code);
        }

        var accepted = (RegistrationResult.Accepted)result;
        string credentialId = Base64UrlText.Encode(accepted.CredentialId.Span);
        if (await db.Credentials.AnyAsync(c => c.Id == credentialId, cancellationToken))
        {
            return Refused("this credential is already enrolled");
        }

        // The invitation the owner signed in with was issued by two officers who checked identity
        // and ownership (DESIGN.md §3: two-person rule for enrolment); the enrolment names them.
        InvitationRow? invitation = await db.Invitations.AsNoTracking()
            .Where(i => i.CompoundId == session.CompoundId && i.OwnerId == session.OwnerHash && i.UsedAt != null)
            .FirstOrDefaultAsync(cancellationToken);
        if (invitation is null)
        {
            return Refused("no used invitation for this owner");
        }

        DateTimeOffset now = EventTime.Truncate(time.GetUtcNow());
        string[] officers = [.. invitation.IssuedBy.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
        (DateTimeOffset activeFrom, bool notified) = await StartCoolingOffAsync(session, officers, now, enrolment.Value, notifier, logger, cancellationToken);
        var enrolled = new CredentialEnrolled(
            session.CompoundId,
            now,
            "owner:" + session.OwnerHash,
            session.OwnerHash!,
            accepted.CredentialId,
            accepted.PublicKey,
            CredentialKind.Passkey,
            officers,
            ActiveFrom: activeFrom,
            OwnerNotified: notified);
        await log.AppendAsync(enrolled, cancellationToken);
        return TypedResults.Ok(new PasskeyDone("/signin/passkey?done=1"));
    }

    /// <summary>
    /// Issue 6 §2: a new credential (passkey or device key) votes in an open vote only after the
    /// cooling-off period, and the owner is told at once, so a credential enrolled behind their back
    /// can be revoked in time. Returns when it may vote and whether the notice was handed over.
    /// </summary>
    internal static async Task<(DateTimeOffset ActiveFrom, bool Notified)> StartCoolingOffAsync(
        OwnerSession session, IReadOnlyList<string> officers, DateTimeOffset now, EnrolmentOptions enrolment, INotifier notifier, ILogger logger, CancellationToken cancellationToken)
    {
        DateTimeOffset activeFrom = EventTime.Truncate(now + enrolment.CoolingOff);
        bool notified = await NotifyAsync(notifier, logger, new OwnerNotice(
            session.CompoundId,
            session.OwnerHash!,
            OwnerNotice.CredentialEnrolledTemplate,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["activeFrom"] = EventTime.ToText(activeFrom),
                ["officers"] = string.Join(",", officers),
            },
            now), cancellationToken);
        return (activeFrom, notified);
    }

    // The enrolment stands when the gateway fails (the owner holds the phone right now); the log
    // records that the notice was not handed over, and the operator sees the warning.
    private static async Task<bool> NotifyAsync(INotifier notifier, ILogger logger, OwnerNotice notice, CancellationToken cancellationToken)
    {
        try
        {
            await notifier.NotifyAsync(notice, cancellationToken);
            return true;
        }
        catch (NotifierException e)
        {
            logger.LogWarning(e, "The owner's enrolment notice for compound {Compound} was not handed over", notice.CompoundId);
            return false;
        }
    }

    private static async Task<Results<Ok<SignInOptions>, ProblemHttpResult>> SignInOptionsAsync(
        HttpContext context, OwnersVoteDb db, PasskeyChallenges challenges, CancellationToken cancellationToken)
    {
        string host = context.Request.Host.Host;
        if (!await db.Compounds.AnyAsync(c => c.RpId == host, cancellationToken))
        {
            return Refused("no compound is registered for this address");
        }

        if (await challenges.IssueAsync(PasskeyCeremony.SignIn, null, cancellationToken) is not (string handle, byte[] challenge))
        {
            return Busy();
        }

        return TypedResults.Ok(new SignInOptions(handle, Base64UrlText.Encode(challenge), host));
    }

    private static async Task<Results<Ok<PasskeyDone>, ProblemHttpResult>> SignInAsync(
        SignInResponse response, HttpContext context, OwnersVoteDb db, PasskeyChallenges challenges, Ballots.BallotReadCache reads, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        IssuedChallenge? issued = await challenges.TakeAsync(response.Handle, PasskeyCeremony.SignIn, null, cancellationToken);
        if (issued is null)
        {
            return Refused("the challenge is unknown, used or expired");
        }

        if (!Base64UrlText.TryDecode(response.CredentialId, out byte[] credentialId)
            || !Base64UrlText.TryDecode(response.AuthenticatorData, out byte[] authenticatorData)
            || !Base64UrlText.TryDecode(response.ClientDataJson, out byte[] clientData)
            || !Base64UrlText.TryDecode(response.Signature, out byte[] signature))
        {
            return Refused("the response is not base64url");
        }

        // The credential as projected from the log's CredentialEnrolled (and not revoked since).
        string id = Base64UrlText.Encode(credentialId);
        CredentialRow? credential = await db.Credentials.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (credential is null || credential.RevokedAt is not null)
        {
            return Refused("this passkey is not enrolled");
        }

        CompoundRow? compound = await db.Compounds.AsNoTracking().FirstOrDefaultAsync(c => c.Id == credential.CompoundId, cancellationToken);
        if (compound is null || !HostMatches(context, compound))
        {
            return Refused("this address is not the compound's registered relying party");
        }

        var stored = new StoredCredential(credentialId, CoseKey.Parse(credential.PublicKey), checked((uint)credential.SignCount));
        AssertionResult result = AssertionVerifier.Verify(new WebAuthnAssertion(credentialId, authenticatorData, clientData, signature), issued.Challenge, stored, RelyingPartyOf(compound));
        if (result is AssertionResult.Rejected rejected)
        {
            return Refused(rejected.Code);
        }

        // WebAuthn §7.2 step 22: remember the counter so a cloned authenticator shows up.
        credential.SignCount = ((AssertionResult.Accepted)result).SignCount;
        await db.SaveChangesAsync(cancellationToken);
        // The ballot path keeps credentials in memory: it must see the counter written here.
        reads.Invalidate();

        string role = await db.Invitations.AsNoTracking()
            .Where(i => i.CompoundId == credential.CompoundId && i.OwnerId == credential.OwnerHash)
            .Select(i => i.Role).FirstOrDefaultAsync(cancellationToken) ?? "owner";
        await new OwnerSession(credential.CompoundId, role, credential.OwnerHash).SignInAsync(context);
        return TypedResults.Ok(new PasskeyDone("/"));
    }

    // The rp id is the compound's, as registered in the log; the browser must be on that host
    // (WebAuthn §7.1 step 13 / §7.2 step 15 check the rpIdHash against it).
    private static bool HostMatches(HttpContext context, CompoundRow compound) =>
        string.Equals(context.Request.Host.Host, compound.RpId, StringComparison.OrdinalIgnoreCase);

    // Electronic Signature Law art. 13: user verification (PIN or biometrics) is always required.
    private static RelyingParty RelyingPartyOf(CompoundRow compound) => new(
        compound.RpId,
        compound.Origins.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal),
        RequireUserVerification: true);

    private static ProblemHttpResult Busy() => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        type: ChallengesExhausted,
        title: "Too many passkey ceremonies under way",
        detail: "Try again in a few minutes.");

    private static ProblemHttpResult Refused(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        type: PasskeyRefused,
        title: "Passkey refused",
        detail: detail);
}
