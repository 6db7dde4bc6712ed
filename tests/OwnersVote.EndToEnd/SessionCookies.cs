using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.EndToEnd;

/// <summary>
/// A session cookie exactly as the app issues it (its ticket format and data-protection keys), for
/// tests whose subject is not signing in: invitation codes are single-use, so a class of tests
/// that each need an officer or an owner gets the session this way.
/// </summary>
internal static class SessionCookies
{
    /// <summary>The cookie's value for a session.</summary>
    public static string Value(OwnersVoteApp app, OwnerSession session)
    {
        List<Claim> claims = [new(OwnerSession.CompoundClaim, session.CompoundId), new(ClaimTypes.Role, session.Role)];
        if (session.OwnerHash is { } owner)
        {
            claims.Add(new Claim(OwnerSession.OwnerClaim, owner));
        }

        if (session.StaffId is { } staff)
        {
            claims.Add(new Claim(OwnerSession.StaffClaim, staff));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, OwnerSession.OwnerClaim, ClaimTypes.Role));
        CookieAuthenticationOptions options = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        return options.TicketDataFormat.Protect(new AuthenticationTicket(principal, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>Puts the session into a browser page's context.</summary>
    public static Task SignInAsync(IPage page, OwnersVoteApp app, OwnerSession session) =>
        page.Context.AddCookiesAsync([new Cookie { Name = "ov-session", Value = Value(app, session), Url = app.BaseUrl }]);
}
