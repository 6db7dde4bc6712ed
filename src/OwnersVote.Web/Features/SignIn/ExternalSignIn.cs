using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.Privacy;
using OwnersVote.Web.Features.RollBook;

namespace OwnersVote.Web.Features.SignIn;

/// <summary>
/// Sign-in through an external OpenID Connect provider (OpenID Connect Core 1.0 §3.1, the
/// authorization code flow, with PKCE per RFC 7636): the provider verifies the person, its
/// id_token carries their resident ID number, and the owner is the one whose roll entry carries
/// that number's keyed hash (<see cref="CompoundKey.IdNumberHashAsync"/>, under the deployment's
/// key, checked by <see cref="ResidentIdNumber"/>). The number is hashed at once and never
/// stored, logged or put in the session. The owner then continues as after an invitation: a
/// passkey is set up on <c>/signin/passkey</c>, active after the cooling-off.
/// </summary>
public static class ExternalSignIn
{
    /// <summary>The authentication scheme of the provider.</summary>
    public const string Scheme = "oidc";

    /// <summary>Refusal: no roll entry carries the ID number (or the provider sent none).</summary>
    public const string UnknownOwner = "unknown-owner";

    /// <summary>Refusal: the ID number is on the rolls of several compounds; the owner uses an invitation instead.</summary>
    public const string Ambiguous = "ambiguous";

    /// <summary>Refusal: the provider's answer failed validation (signature, issuer, audience, nonce, lifetime) or was an error.</summary>
    public const string Failed = "failed";

    /// <summary>Registers the provider when <c>Oidc:Authority</c> and <c>Oidc:ClientId</c> are set.</summary>
    public static void AddOwnersVoteExternalSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        IConfigurationSection section = configuration.GetSection(OidcOptions.Section);
        services.Configure<OidcOptions>(section);
        OidcOptions oidc = section.Get<OidcOptions>() ?? new OidcOptions();
        if (!oidc.Enabled)
        {
            return;
        }

        services.AddAuthentication().AddOpenIdConnect(Scheme, options =>
        {
            options.Authority = oidc.Authority;
            options.ClientId = oidc.ClientId;
            options.ClientSecret = oidc.ClientSecret;
            options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
            options.CallbackPath = oidc.CallbackPath;
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.UsePkce = true;
            // The answer comes back as a top-level GET, so the correlation and nonce cookies can be
            // SameSite=Lax like the session's (a cross-site form_post would need SameSite=None).
            options.ResponseMode = OpenIdConnectResponseMode.Query;
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.NonceCookie.SameSite = SameSiteMode.Lax;
            options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Scope.Clear();
            options.Scope.Add(OpenIdConnectScope.OpenId);
            options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.MapInboundClaims = false;
            // Minimum data: only the id_token's claims are read; no tokens are kept.
            options.SaveTokens = false;
            options.GetClaimsFromUserInfoEndpoint = false;
            options.DisableTelemetry = true;
            options.AccessDeniedPath = "/signin?external=" + Failed;
            options.Events.OnTokenValidated = SignInOwnerAsync;
            options.Events.OnRemoteFailure = RefuseFailure;
        });
    }

    /// <summary>Maps <c>GET /signin/external</c>: sends the browser to the provider (404 when none is configured).</summary>
    public static void MapExternalSignIn(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/signin/external", Results<ChallengeHttpResult, NotFound> (IOptions<OidcOptions> oidc) =>
            oidc.Value.Enabled
                ? TypedResults.Challenge(new AuthenticationProperties { RedirectUri = "/signin/passkey" }, [Scheme])
                : TypedResults.NotFound())
            .AllowAnonymous();
    }

    // The id_token is valid (signature, issuer, audience, nonce, lifetime: OpenID Connect Core
    // §3.1.3.7); now the owner is looked up by the keyed hash of its ID number claim, and the
    // session is the same as after an invitation: compound, role, owner hash, nothing else.
    private static async Task SignInOwnerAsync(TokenValidatedContext context)
    {
        IServiceProvider services = context.HttpContext.RequestServices;
        OidcOptions oidc = services.GetRequiredService<IOptions<OidcOptions>>().Value;
        CancellationToken cancellationToken = context.HttpContext.RequestAborted;
        string? number = context.Principal?.FindFirst(oidc.IdNumberClaim)?.Value is { } claim ? ResidentIdNumber.Normalise(claim) : null;
        IReadOnlyList<IdentifiedOwner> owners = number is null
            ? []
            : await services.GetRequiredService<OwnerIdentities>().FindAsync(
                await services.GetRequiredService<CompoundKey>().IdNumberHashAsync(number, cancellationToken), cancellationToken);
        if (owners.Count != 1)
        {
            Refuse(context, owners.Count == 0 ? UnknownOwner : Ambiguous);
            return;
        }

        IdentifiedOwner owner = owners[0];
        await RecordAsync(services, owner, context.Options.Authority!, cancellationToken);
        context.HandleResponse();
        await new OwnerSession(owner.CompoundId, Roles.Owner, owner.OwnerHash).SignInAsync(context.HttpContext);
        context.Response.Redirect("/signin/passkey");
    }

    // The passkey this session sets up is enrolled like one from a desk invitation, and names who
    // vouched for the owner (DESIGN.md §3: two parties for an enrolment): the provider, which
    // verified the person, and the officer who put the ID number on the roll, which ties the
    // person to the units. It is kept as an invitation issued by both and used at once; its code
    // is random and never shown, so it cannot be redeemed.
    private static async Task RecordAsync(IServiceProvider services, IdentifiedOwner owner, string authority, CancellationToken cancellationToken)
    {
        OwnersVoteDb db = services.GetRequiredService<OwnersVoteDb>();
        DateTimeOffset now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        string provider = "idp:" + new Uri(authority).Authority;
        db.Invitations.Add(new InvitationRow
        {
            CodeHash = Convert.ToHexStringLower(SHA256.HashData(RandomNumberGenerator.GetBytes(32))),
            CompoundId = owner.CompoundId,
            Role = Roles.Owner,
            OwnerId = owner.OwnerHash,
            IssuedBy = string.Join('\n', new[] { provider, owner.RecordedBy }.Order(StringComparer.Ordinal)),
            ExpiresAt = now,
            UsedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Refuse(TokenValidatedContext context, string reason)
    {
        context.HandleResponse();
        context.Response.Redirect("/signin?external=" + reason);
    }

    // A bad signature, a foreign issuer, a replayed state or an error from the provider: the
    // person is told sign-in failed; the log says why, without the token.
    private static Task RefuseFailure(RemoteFailureContext context)
    {
        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ExternalSignIn))
            .LogWarning(context.Failure, "Sign-in through the identity provider was refused");
        context.HandleResponse();
        context.Response.Redirect("/signin?external=" + Failed);
        return Task.CompletedTask;
    }
}
