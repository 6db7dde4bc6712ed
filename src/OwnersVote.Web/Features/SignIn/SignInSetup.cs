using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using OwnersVote.Web.Features.Access;

namespace OwnersVote.Web.Features.SignIn;

/// <summary>
/// How many refused invitation codes a client may try: 5 per 10 minutes per client address, so
/// the 31⁸ codes cannot be guessed. Only refusals count (a code unknown, used, expired, or a
/// wrong phone ending), and attempts still being checked are reserved against the limit, so
/// parallel guesses get no more. A code that signs someone in does not count: on a deadline
/// evening many owners share one public address (the compound's Wi-Fi, a carrier's NAT), and
/// the sixth of them must not be turned away (docs/benchmarks.md "Design problems" 5).
/// </summary>
public sealed class SignInAttempts(TimeProvider time)
{
    /// <summary>Refused attempts per window.</summary>
    public const int PermitLimit = 5;

    /// <summary>The window, from a client's first attempt in it.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    // Beyond this many clients, those whose window has passed with nothing in progress are dropped.
    private const int SweepAbove = 10_000;

    private readonly Dictionary<string, Client> _clients = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The client address an attempt is counted against.</summary>
    public static string ClientOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    /// <summary>
    /// True when <paramref name="client"/> may try a code now; the attempt is reserved until
    /// <see cref="End"/> says whether it was refused.
    /// </summary>
    public bool TryBegin(string client)
    {
        ArgumentNullException.ThrowIfNull(client);
        long now = time.GetTimestamp();
        lock (_lock)
        {
            if (!_clients.TryGetValue(client, out Client? c))
            {
                Sweep(now);
                c = new Client { WindowStart = now };
                _clients[client] = c;
            }
            else if (time.GetElapsedTime(c.WindowStart, now) >= Window)
            {
                (c.WindowStart, c.Refused) = (now, 0);
            }

            if (c.Refused + c.InProgress >= PermitLimit)
            {
                return false;
            }

            c.InProgress++;
            return true;
        }
    }

    /// <summary>Ends an attempt <see cref="TryBegin"/> allowed; a refused one counts against the client.</summary>
    public void End(string client, bool refused)
    {
        ArgumentNullException.ThrowIfNull(client);
        lock (_lock)
        {
            if (_clients.TryGetValue(client, out Client? c) && c.InProgress > 0)
            {
                c.InProgress--;
                c.Refused += refused ? 1 : 0;
            }
        }
    }

    private void Sweep(long now)
    {
        if (_clients.Count < SweepAbove)
        {
            return;
        }

        foreach ((string key, Client c) in _clients.Where(e => e.Value.InProgress == 0 && time.GetElapsedTime(e.Value.WindowStart, now) >= Window).ToList())
        {
            _clients.Remove(key);
        }
    }

    private sealed class Client
    {
        public long WindowStart { get; set; }

        public int Refused { get; set; }

        public int InProgress { get; set; }
    }
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
