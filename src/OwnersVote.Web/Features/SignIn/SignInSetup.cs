using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using OwnersVote.Web.Features.Access;

namespace OwnersVote.Web.Features.SignIn;

/// <summary>
/// How many invitation-code attempts a client may make: 5 per 10 minutes per client address, so
/// the 31⁸ codes cannot be guessed. Uses the ASP.NET Core (System.Threading.RateLimiting) limiter.
/// </summary>
public sealed class SignInAttempts : IDisposable
{
    /// <summary>Attempts per window.</summary>
    public const int PermitLimit = 5;

    /// <summary>The window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = PermitLimit,
            Window = Window,
            QueueLimit = 0,
        }));

    /// <summary>True when this client may try a code now (the attempt is counted).</summary>
    public bool TryAttempt(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        using RateLimitLease lease = _limiter.AttemptAcquire(client);
        return lease.IsAcquired;
    }

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();
}

/// <summary>Registers sign-in: the session cookie, the owner policy, the attempt limiter and the ceremonies' state.</summary>
public static class SignInSetup
{
    /// <summary>The authorization policy for pages and endpoints only an owner may use.</summary>
    public const string OwnerPolicy = "owner";

    /// <summary>Adds the services.</summary>
    public static void AddOwnersVoteSignIn(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "ov-session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                // Secure whenever the request came over HTTPS.
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.LoginPath = "/signin";
                options.AccessDeniedPath = "/signin";
                // Machines get status codes, people get the sign-in page.
                options.Events.OnRedirectToLogin = context => ApiStatusOr(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => ApiStatusOr(context, StatusCodes.Status403Forbidden);
            });
        services.AddAuthorizationBuilder().AddOwnersVoteAccess();
        services.AddSingleton<SignInAttempts>();
        services.AddSingleton<PasskeyChallenges>();
        services.AddScoped<InvitationRedeemer>();
        services.AddSingleton<PhoneAttempts>();
    }

    private static Task ApiStatusOr(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
