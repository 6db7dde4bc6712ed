using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using OwnersVote.Web.Hosting;
using OwnersVote.Web.Localization;

namespace OwnersVote.Web.Features.Language;

/// <summary><c>GET /language/{culture}</c>: the visible language switch. A plain link, so it works without JavaScript.</summary>
public static class LanguageEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointConventionBuilder MapLanguageEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/language/{culture}", SwitchLanguage).ExcludeFromDescription().AllowAnonymous();

    /// <summary>Remembers the language in a cookie for a year and goes back to the page (local addresses only).</summary>
    public static Results<RedirectHttpResult, ProblemHttpResult> SwitchLanguage(string culture, string? returnUrl, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string? match = UiText.Cultures.FirstOrDefault(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                type: Problems.UnsupportedCulture,
                title: "Unsupported language",
                detail: $"Offered languages: {string.Join(", ", UiText.Cultures)}.");
        }

        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(match)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });

        // Only a local path: an open redirect would let a link on a notice send owners elsewhere.
        string target = returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/";
        return TypedResults.LocalRedirect(target);
    }
}
