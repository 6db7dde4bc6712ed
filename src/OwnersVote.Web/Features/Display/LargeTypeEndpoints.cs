using Microsoft.AspNetCore.Http.HttpResults;

namespace OwnersVote.Web.Features.Display;

/// <summary>
/// <c>GET /large-type/{on|off}</c>: the large-type mode (issue 7 item 9), remembered in a cookie
/// that the layout turns into a class on <c>&lt;html&gt;</c> raising the root font size. A plain
/// link, so it works without JavaScript.
/// </summary>
public static class LargeTypeEndpoints
{
    /// <summary>The cookie that holds the mode: <c>1</c> when large type is on.</summary>
    public const string CookieName = "ov-large-type";

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointConventionBuilder MapLargeTypeEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/large-type/{mode:regex(^(on|off)$)}", Switch).ExcludeFromDescription().AllowAnonymous();

    /// <summary>Whether the request asks for large type.</summary>
    public static bool IsOn(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Cookies[CookieName] == "1";
    }

    /// <summary>Turns large type on or off for a year and goes back to the page (local addresses only).</summary>
    public static RedirectHttpResult Switch(string mode, string? returnUrl, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (mode == "on")
        {
            context.Response.Cookies.Append(
                CookieName,
                "1",
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        }
        else
        {
            context.Response.Cookies.Delete(CookieName);
        }

        // Only a local path: an open redirect would let a link on a notice send owners elsewhere.
        string target = returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/";
        return TypedResults.LocalRedirect(target);
    }
}
