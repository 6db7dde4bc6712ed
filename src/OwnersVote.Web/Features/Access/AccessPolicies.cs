using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Access;

/// <summary>
/// The roles of DESIGN.md §3. A session carries exactly one role claim; the public has none.
/// </summary>
public static class Roles
{
    /// <summary>An owner of units in the session's compound.</summary>
    public const string Owner = "owner";

    /// <summary>A member of the owners' committee (业主委员会); also an owner.</summary>
    public const string Committee = "committee";

    /// <summary>Staff who enrol owners, issue and scan paper ballots (two-person rule).</summary>
    public const string Officer = "officer";

    /// <summary>An auditor or witness: read-only.</summary>
    public const string Auditor = "auditor";

    /// <summary>Sets up compounds.</summary>
    public const string Admin = "admin";

    /// <summary>Every role a session may carry, in the order docs/security.md lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Owner, Committee, Officer, Auditor, Admin];
}

/// <summary>
/// The named authorization policies. Every endpoint names exactly one: <see cref="Public"/> through
/// <c>AllowAnonymous</c>, the others through <c>RequireAuthorization</c> / <c>[Authorize]</c>.
/// An endpoint that names none fails the authorization matrix test (tests/OwnersVote.EndToEnd
/// AccessMatrixTests), which reads every endpoint from the app's EndpointDataSource.
/// </summary>
public static class AccessPolicies
{
    /// <summary>Anyone, signed in or not: public data only (results by unit and area, the log, proofs).</summary>
    public const string Public = "public";

    /// <summary>An owner (or committee member, who is an owner) of the session's compound.</summary>
    public const string Owner = SignInSetup.OwnerPolicy;

    /// <summary>An officer of the session's compound.</summary>
    public const string Officer = "officer";

    /// <summary>An auditor of the session's compound (read-only).</summary>
    public const string Auditor = "auditor";

    /// <summary>
    /// Who runs the compound's business for the owners (issue 7): a committee member (业主委员会) or
    /// an officer of the session's compound — votes (drafts, announcement, closing, results,
    /// objections' answers, deliveries) and what is published for the owners (notices, fund
    /// statements, public income).
    /// </summary>
    public const string Organiser = "organiser";

    /// <summary>An admin of the session's compound.</summary>
    public const string Admin = "admin";

    /// <summary>
    /// Who reads the committee's records and exports them: the committee, officers, and auditors
    /// (the housing authority, 房管部门) — participation rolls (issue 7 part 8).
    /// </summary>
    public const string Records = "records";

    /// <summary>The roles each policy admits; <see cref="Public"/> admits every session and none.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Admits { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Public] = Roles.All,
        [Owner] = [Roles.Owner, Roles.Committee],
        [Officer] = [Roles.Officer],
        [Auditor] = [Roles.Auditor],
        [Organiser] = [Roles.Committee, Roles.Officer],
        [Admin] = [Roles.Admin],
        [Records] = [Roles.Committee, Roles.Officer, Roles.Auditor],
    };
}

/// <summary>Registers the policies.</summary>
public static class AccessSetup
{
    /// <summary>
    /// Adds the named policies. Staff policies need the role and a compound claim: every request is
    /// authorised by role and by compound (DESIGN.md §3); the handlers compare the compound of what
    /// they serve with the session's.
    /// </summary>
    public static AuthorizationBuilder AddOwnersVoteAccess(this AuthorizationBuilder authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        return authorization
            .AddPolicy(AccessPolicies.Owner, policy => policy.RequireAuthenticatedUser()
                .RequireClaim(OwnerSession.CompoundClaim)
                .RequireClaim(OwnerSession.OwnerClaim)
                .RequireClaim(ClaimTypes.Role, Roles.Owner, Roles.Committee))
            .AddPolicy(AccessPolicies.Officer, policy => Staff(policy, Roles.Officer))
            .AddPolicy(AccessPolicies.Auditor, policy => Staff(policy, Roles.Auditor))
            .AddPolicy(AccessPolicies.Organiser, policy => Staff(policy, Roles.Committee, Roles.Officer))
            .AddPolicy(AccessPolicies.Admin, policy => Staff(policy, Roles.Admin))
            .AddPolicy(AccessPolicies.Records, policy => Staff(policy, Roles.Committee, Roles.Officer, Roles.Auditor));
    }

    private static void Staff(AuthorizationPolicyBuilder policy, params string[] roles) =>
        policy.RequireAuthenticatedUser().RequireClaim(OwnerSession.CompoundClaim).RequireClaim(ClaimTypes.Role, roles);
}
