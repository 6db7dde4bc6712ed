using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Enrolment;
using OwnersVote.Web.Ledger;

namespace OwnersVote.Web.Features.SignIn;

/// <summary>Options for enrolling a device key: the challenge to sign and the rp id the authenticator data commits to.</summary>
public sealed record DeviceKeyOptions(string Handle, string Challenge, string RpId);

/// <summary>
/// A device key's enrolment: its id, public key (uncompressed P-256 point 0x04 ‖ x ‖ y, as WebCrypto
/// <c>exportKey("raw")</c> gives it) and a proof of possession over the challenge
/// (<see cref="DeviceKeyVerifier.EnrolType"/>), all unpadded base64url.
/// </summary>
public sealed record DeviceKeyEnrolment(string? Handle, string? CredentialId, string? PublicKey, string? AuthenticatorData, string? ClientDataJson, string? Signature);

/// <summary>
/// Enrolling a device key (issue 11) where the browser has no WebAuthn: the same ownership check as a
/// passkey (the owner signed in with an invitation two officers issued) and the same
/// <c>CredentialEnrolled</c>, of kind <c>device-key</c>. Re-enrolling (site data cleared, new phone)
/// revokes the owner's earlier device keys in the log first (<c>CredentialRevoked</c>).
/// </summary>
public static class DeviceKeyEndpoints
{
    /// <summary>The reason logged when a device key is replaced by a new one.</summary>
    public const string ReEnrolledReason = "device-key-re-enrolled";

    /// <summary>Maps <c>/api/device-key/*</c>.</summary>
    public static void MapDeviceKeyEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        RouteGroupBuilder group = app.MapGroup("/api/device-key").RequireAuthorization(SignInSetup.OwnerPolicy);
        group.MapPost("/options", OptionsAsync);
        group.MapPost("/", EnrolAsync);
    }

    private static async Task<Results<Ok<DeviceKeyOptions>, ProblemHttpResult>> OptionsAsync(
        HttpContext context, OwnersVoteDb db, PasskeyChallenges challenges, CancellationToken cancellationToken)
    {
        OwnerSession session = OwnerSession.From(context.User)!;
        CompoundRow? compound = await db.Compounds.AsNoTracking().FirstOrDefaultAsync(c => c.Id == session.CompoundId, cancellationToken);
        if (compound is null || !string.Equals(context.Request.Host.Host, compound.RpId, StringComparison.OrdinalIgnoreCase))
        {
            return Refused("this address is not the compound's registered relying party");
        }

        if (await challenges.IssueAsync(PasskeyCeremony.Registration, session.OwnerHash, cancellationToken) is not (string handle, byte[] challenge))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, type: PasskeyEndpoints.ChallengesExhausted, title: "Too many ceremonies under way", detail: "Try again in a few minutes.");
        }

        return TypedResults.Ok(new DeviceKeyOptions(handle, Base64UrlText.Encode(challenge), compound.RpId));
    }

    private static async Task<Results<Ok<PasskeyDone>, ProblemHttpResult>> EnrolAsync(
        DeviceKeyEnrolment request,
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
        ArgumentNullException.ThrowIfNull(request);
        OwnerSession session = OwnerSession.From(context.User)!;
        IssuedChallenge? issued = await challenges.TakeAsync(request.Handle, PasskeyCeremony.Registration, session.OwnerHash, cancellationToken);
        if (issued is null)
        {
            return Refused("the challenge is unknown, used or expired");
        }

        if (!Base64UrlText.TryDecode(request.CredentialId, out byte[] credentialId) || credentialId.Length is < 16 or > 64
            || !Base64UrlText.TryDecode(request.PublicKey, out byte[] point)
            || !Base64UrlText.TryDecode(request.AuthenticatorData, out byte[] authenticatorData)
            || !Base64UrlText.TryDecode(request.ClientDataJson, out byte[] clientData)
            || !Base64UrlText.TryDecode(request.Signature, out byte[] signature))
        {
            return Refused("the request is not base64url");
        }

        // SEC 1 v2 §2.3.3: an uncompressed point is 0x04 ‖ X ‖ Y (32 bytes each on P-256).
        if (point.Length != 65 || point[0] != 0x04 || !CoseKey.TryParse(CoseKey.EncodeEs256(point.AsSpan(1, 32), point.AsSpan(33, 32)), out CoseKey? key))
        {
            return Refused("the public key is not an uncompressed P-256 point");
        }

        CompoundRow? compound = await db.Compounds.AsNoTracking().FirstOrDefaultAsync(c => c.Id == session.CompoundId, cancellationToken);
        if (compound is null || !string.Equals(context.Request.Host.Host, compound.RpId, StringComparison.OrdinalIgnoreCase))
        {
            return Refused("this address is not the compound's registered relying party");
        }

        var relyingParty = new RelyingParty(compound.RpId, compound.Origins.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal), RequireUserVerification: false);
        AssertionResult proof = DeviceKeyVerifier.VerifyPossession(new WebAuthnAssertion(credentialId, authenticatorData, clientData, signature), issued.Challenge, new StoredCredential(credentialId, key!, 0), relyingParty);
        if (proof is AssertionResult.Rejected rejected)
        {
            return Refused(rejected.Code);
        }

        string id = Base64UrlText.Encode(credentialId);
        if (await db.Credentials.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return Refused("this credential is already enrolled");
        }

        // The same ownership check as a passkey: the invitation two officers issued (DESIGN.md §3).
        InvitationRow? invitation = await db.Invitations.AsNoTracking()
            .Where(i => i.CompoundId == session.CompoundId && i.OwnerId == session.OwnerHash && i.UsedAt != null)
            .FirstOrDefaultAsync(cancellationToken);
        if (invitation is null)
        {
            return Refused("no used invitation for this owner");
        }

        DateTimeOffset now = EventTime.Truncate(time.GetUtcNow());
        string[] officers = [.. invitation.IssuedBy.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
        string actor = "owner:" + session.OwnerHash;

        // Recovery (issue 11): a key lost with the browser's site data can't be found again, so a
        // new one replaces it; the old one is revoked in the log before the new one is enrolled.
        List<string> earlier = await db.Credentials.AsNoTracking()
            .Where(c => c.CompoundId == session.CompoundId && c.OwnerHash == session.OwnerHash && c.Kind == "device-key" && c.RevokedAt == null)
            .Select(c => c.Id).ToListAsync(cancellationToken);
        foreach (string old in earlier.Order(StringComparer.Ordinal))
        {
            byte[] oldId = Base64UrlText.TryDecode(old, out byte[] decoded) ? decoded : throw new InvalidOperationException($"Stored credential id {old} is not base64url.");
            await log.AppendAsync(new CredentialRevoked(session.CompoundId, now, actor, session.OwnerHash!, oldId, officers, ReEnrolledReason), cancellationToken);
        }

        // Issue 11 §1: the same cooling-off and notice as a passkey (issue 6 §2).
        (DateTimeOffset activeFrom, bool notified) = await PasskeyEndpoints.StartCoolingOffAsync(session, officers, now, enrolment.Value, notifier, logger, cancellationToken);
        await log.AppendAsync(
            new CredentialEnrolled(session.CompoundId, now, actor, session.OwnerHash!, credentialId, key!, CredentialKind.DeviceKey, officers, ActiveFrom: activeFrom, OwnerNotified: notified),
            cancellationToken);
        return TypedResults.Ok(new PasskeyDone("/signin/passkey?done=2"));
    }

    private static ProblemHttpResult Refused(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        type: PasskeyEndpoints.PasskeyRefused,
        title: "Device key refused",
        detail: detail);
}
