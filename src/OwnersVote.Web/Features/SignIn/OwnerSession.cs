using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace OwnersVote.Web.Features.SignIn;

/// <summary>
/// The signed-in person as the session cookie carries them: the compound, the role and, for owners,
/// the owner's keyed hash (PIPL: never a name). Nothing else is in the cookie.
/// </summary>
/// <param name="CompoundId">The compound the invitation or passkey belongs to.</param>
/// <param name="Role">owner, committee or officer.</param>
/// <param name="OwnerHash">The owner's keyed hash (OwnerKey.Hash), or null for staff.</param>
/// <param name="StaffId">The staff member's id (officers name themselves in what they do), or null for owners.</param>
public sealed record OwnerSession(string CompoundId, string Role, string? OwnerHash, string? StaffId = null)
{
    /// <summary>The claim type for the staff member's id.</summary>
    public const string StaffClaim = "ov:staff";

    /// <summary>The claim type for the compound id.</summary>
    public const string CompoundClaim = "ov:compound";

    /// <summary>The claim type for the owner's keyed hash.</summary>
    public const string OwnerClaim = "ov:owner";

    /// <summary>The session of a signed-in principal, or null when the principal carries none.</summary>
    public static OwnerSession? From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true
            || user.FindFirst(CompoundClaim)?.Value is not { } compound
            || user.FindFirst(ClaimTypes.Role)?.Value is not { } role)
        {
            return null;
        }

        return new OwnerSession(compound, role, user.FindFirst(OwnerClaim)?.Value, user.FindFirst(StaffClaim)?.Value);
    }

    /// <summary>Issues the session cookie for this session.</summary>
    public Task SignInAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        List<Claim> claims = [new(CompoundClaim, CompoundId), new(ClaimTypes.Role, Role)];
        if (OwnerHash is { } owner)
        {
            claims.Add(new Claim(OwnerClaim, owner));
        }

        if (StaffId is { } staff)
        {
            claims.Add(new Claim(StaffClaim, staff));
        }

        var identity = new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, OwnerClaim, ClaimTypes.Role);
        return context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }
}
