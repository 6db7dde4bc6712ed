using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OwnersVote.EndToEnd;

/// <summary>How the test provider answers the next sign-in.</summary>
public enum ProviderBehaviour
{
    /// <summary>A correct id_token.</summary>
    Honest,

    /// <summary>The id_token is signed with a key the JWKS does not publish.</summary>
    ForeignSigningKey,

    /// <summary>The id_token names another issuer than the discovery document.</summary>
    ForeignIssuer,
}

/// <summary>
/// A small OpenID Connect provider on a loopback port, standing in for the city's identity app:
/// discovery (OpenID Connect Discovery 1.0 §3), a JWKS, an authorization endpoint that approves the
/// configured person at once, and a token endpoint that checks the client secret and the PKCE
/// verifier (RFC 7636 §4.6, S256 only) and issues an RS256 id_token with the person's ID number.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _foreignKey = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, Grant> _grants = new(StringComparer.Ordinal);

    private TestIdentityProvider(WebApplication app, string clientId, string clientSecret)
    {
        _app = app;
        ClientId = clientId;
        ClientSecret = clientSecret;
    }

    /// <summary>The issuer, <c>http://127.0.0.1:PORT</c>.</summary>
    public string Issuer { get; private set; } = "";

    public string ClientId { get; }

    public string ClientSecret { get; }

    /// <summary>The claim that carries the ID number.</summary>
    public string IdNumberClaim { get; } = "idcard";

    /// <summary>The person the authorization endpoint approves next: subject and ID number (null: the claim is left out).</summary>
    public (string Subject, string? IdNumber) Person { get; set; } = ("person-1", null);

    /// <summary>How the next id_token is made.</summary>
    public ProviderBehaviour Behaviour { get; set; } = ProviderBehaviour.Honest;

    /// <summary>The authorization requests received, in order (their query strings).</summary>
    public ConcurrentQueue<IQueryCollection> AuthorizationRequests { get; } = new();

    /// <summary>How many id_tokens the token endpoint issued.</summary>
    public int TokensIssued => _tokensIssued;

    private int _tokensIssued;

    /// <summary>Starts the provider on a free loopback port.</summary>
    public static async Task<TestIdentityProvider> StartAsync(string clientId, string clientSecret, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var provider = new TestIdentityProvider(app, clientId, clientSecret);
        provider.Map(app);
        await app.StartAsync(cancellationToken);
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        provider.Issuer = $"http://127.0.0.1:{bound.Port}";
        return provider;
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = Issuer + "/authorize",
            ["token_endpoint"] = Issuer + "/token",
            ["jwks_uri"] = Issuer + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post" },
        }));

        app.MapGet("/jwks", () =>
        {
            RSAParameters p = _key.ExportParameters(includePrivateParameters: false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = "k1", n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) } } });
        });

        // OpenID Connect Core §3.1.2: the provider authenticates the person (here: at once) and
        // sends the browser back with a code; a wrong client or redirect gets an error page, not a redirect.
        app.MapGet("/authorize", (HttpContext context) =>
        {
            IQueryCollection q = context.Request.Query;
            AuthorizationRequests.Enqueue(q);
            if (q["client_id"] != ClientId || q["response_type"] != "code" || q["code_challenge_method"] != "S256"
                || string.IsNullOrEmpty(q["code_challenge"]) || !Uri.TryCreate(q["redirect_uri"], UriKind.Absolute, out Uri? redirect))
            {
                return Results.BadRequest("invalid_request");
            }

            string code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            _grants[code] = new Grant(q["redirect_uri"]!, q["code_challenge"]!, q["nonce"], Person.Subject, Person.IdNumber);
            string separator = redirect.Query.Length > 0 ? "&" : "?";
            return Results.Redirect($"{redirect}{separator}code={code}&state={Uri.EscapeDataString(q["state"].ToString())}");
        });

        app.MapPost("/token", async (HttpContext context) =>
        {
            IFormCollection form = await context.Request.ReadFormAsync();
            if (form["grant_type"] != "authorization_code" || form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
            {
                return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            }

            // RFC 7636 §4.6: BASE64URL(SHA256(ASCII(code_verifier))) == code_challenge; a code works once.
            if (!_grants.TryRemove(form["code"].ToString(), out Grant? grant) || grant.RedirectUri != form["redirect_uri"]
                || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != grant.CodeChallenge)
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }

            Interlocked.Increment(ref _tokensIssued);
            return Results.Json(new Dictionary<string, object>
            {
                ["access_token"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
                ["token_type"] = "Bearer",
                ["expires_in"] = 300,
                ["id_token"] = IdToken(grant),
            });
        });
    }

    private string IdToken(Grant grant)
    {
        var claims = new Dictionary<string, object> { ["sub"] = grant.Subject };
        if (grant.Nonce is { } nonce)
        {
            claims["nonce"] = nonce;
        }

        if (grant.IdNumber is { } number)
        {
            claims[IdNumberClaim] = number;
        }

        DateTime now = DateTime.UtcNow;
        RSA signer = Behaviour == ProviderBehaviour.ForeignSigningKey ? _foreignKey : _key;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Behaviour == ProviderBehaviour.ForeignIssuer ? "http://127.0.0.1:1" : Issuer,
            Audience = ClientId,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signer) { KeyId = "k1" }, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _key.Dispose();
        _foreignKey.Dispose();
    }

    private sealed record Grant(string RedirectUri, string CodeChallenge, string? Nonce, string Subject, string? IdNumber);
}
