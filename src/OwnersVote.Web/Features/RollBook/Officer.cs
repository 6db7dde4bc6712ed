using System.Security.Claims;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.RollBook;

/// <summary>The officer behind a request to change the roll: their compound and staff id.</summary>
/// <param name="Compound">The session's compound: every roll page acts on it only (DESIGN.md §3).</param>
/// <param name="StaffId">The officer's own id, recorded with every change (issue 6 §4).</param>
public sealed record Officer(string Compound, string StaffId)
{
    /// <summary>The officer of a session admitted by the officer policy.</summary>
    /// <exception cref="InvalidOperationException">The session names no staff member: officers sign in with their own invitation.</exception>
    public static Officer From(ClaimsPrincipal user)
    {
        OwnerSession session = OwnerSession.From(user) ?? throw new InvalidOperationException("The officer policy admitted a request without a session.");
        return new Officer(
            session.CompoundId,
            session.StaffId ?? throw new InvalidOperationException("An officer session carries no staff id; officers must sign in with their own invitation."));
    }

    /// <summary>The compound of a session admitted by the officer policy (reading needs no staff id).</summary>
    public static string CompoundOf(ClaimsPrincipal user) =>
        OwnerSession.From(user)?.CompoundId ?? throw new InvalidOperationException("The officer policy admitted a request without a session.");
}
