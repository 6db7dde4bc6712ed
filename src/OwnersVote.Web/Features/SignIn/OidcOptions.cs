namespace OwnersVote.Web.Features.SignIn;

/// <summary>
/// The <c>Oidc</c> configuration section: sign-in through an external OpenID Connect identity
/// provider, as Shanghai owners verify their identity with the city's government app. Disabled
/// unless <see cref="Authority"/> and <see cref="ClientId"/> are set.
/// </summary>
public sealed class OidcOptions
{
    /// <summary>The section name.</summary>
    public const string Section = "Oidc";

    /// <summary>The provider's issuer URL; its discovery document is at <c>/.well-known/openid-configuration</c> below it.</summary>
    public string? Authority { get; set; }

    /// <summary>This site's client id at the provider.</summary>
    public string? ClientId { get; set; }

    /// <summary>This site's client secret at the provider (sent to its token endpoint), if it issued one.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The id_token claim that carries the owner's resident ID number.</summary>
    public string IdNumberClaim { get; set; } = "id_number";

    /// <summary>The provider's name as owners know it, on the sign-in button.</summary>
    public string DisplayName { get; set; } = "随申办";

    /// <summary>Whether the discovery document must come over HTTPS (only a test provider on a loopback address turns this off).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Where the provider sends the browser back, on this site.</summary>
    public string CallbackPath { get; set; } = "/signin-oidc";

    /// <summary>Whether sign-in through the provider is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
