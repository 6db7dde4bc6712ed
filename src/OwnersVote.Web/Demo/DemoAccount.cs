namespace OwnersVote.Web.Demo;

/// <summary>A demo account: who it is, the unit it holds (if an owner) and its one-time invitation code.</summary>
/// <param name="Role">owner, committee or officer.</param>
/// <param name="UnitId">The unit whose owner this is, or null for staff.</param>
/// <param name="Description">What this account shows in the demo (English, for the console).</param>
/// <param name="InvitationCode">The code printed on the owner's letter, e.g. <c>K7QM-3XHP</c>.</param>
public sealed record DemoAccount(string Role, string? UnitId, string Description, string InvitationCode);
