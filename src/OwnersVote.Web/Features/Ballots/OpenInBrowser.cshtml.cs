using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OwnersVote.Web.Features.Ballots;

/// <summary>
/// Issue 11: in WeChat's in-app browser (user agent <c>MicroMessenger</c>) or any browser with neither
/// WebAuthn nor WebCrypto, a ballot cannot be signed; this page says how to reach the system browser
/// (WeChat on iOS and Android) or to vote at the desk or on paper.
/// </summary>
[AllowAnonymous]
public sealed class OpenInBrowserModel : PageModel
{
    /// <summary>The address to open in the system browser.</summary>
    public string Address { get; private set; } = "";

    public void OnGet(string? from)
    {
        // Only a local path is carried over, never another site.
        string path = from is { Length: > 0 } && from.StartsWith('/') && !from.StartsWith("//", StringComparison.Ordinal) && !from.Contains('\\', StringComparison.Ordinal) ? from : "/";
        Address = $"{Request.Scheme}://{Request.Host}{path}";
    }

    /// <summary>Whether a user agent is WeChat's in-app browser.</summary>
    public static bool IsInAppBrowser(string? userAgent) =>
        userAgent is not null && userAgent.Contains("MicroMessenger", StringComparison.OrdinalIgnoreCase);

    /// <summary>The guidance page's address for a page at <paramref name="pathAndQuery"/>.</summary>
    public static string For(string pathAndQuery) => "/open-in-browser?from=" + Uri.EscapeDataString(pathAndQuery);
}
