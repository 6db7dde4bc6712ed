using System.Text.Json.Nodes;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Voting.Events;

/// <summary>
/// <c>CompoundRegistered</c>: a residential compound (小区) joins; its first log entry. It also
/// fixes the WebAuthn relying party its owners sign ballots for, so a verifier holding only the log
/// knows which RP ID and origins to accept (<see cref="VoteReplay"/>).
/// </summary>
/// <param name="Compound">The compound id.</param>
/// <param name="At">When.</param>
/// <param name="Actor">The admin who registered it.</param>
/// <param name="Name">The compound's public name, e.g. 景城品雅苑.</param>
/// <param name="Address">Its public address (district, town, road), no personal data.</param>
/// <param name="RpId">The WebAuthn RP ID ballots are signed for, e.g. <c>vote.example.cn</c>.</param>
/// <param name="Origins">The origins of the voting pages, sorted, at least one.</param>
/// <param name="RequireUserVerification">Whether ballots need the UV flag (PIN or biometrics), as a reliable electronic signature should (Electronic Signature Law art. 13).</param>
public sealed record CompoundRegistered(
    string Compound,
    DateTimeOffset At,
    string Actor,
    string Name,
    string Address,
    string RpId,
    IReadOnlyList<string> Origins,
    bool RequireUserVerification)
    : LedgerEvent(Compound, At, Actor)
{
    /// <inheritdoc />
    public override string Type => nameof(CompoundRegistered);

    /// <summary>The relying party ballot assertions are verified against.</summary>
    public RelyingParty RelyingParty => new(RpId, new HashSet<string>(Origins, StringComparer.Ordinal), RequireUserVerification);

    internal override JsonObject WritePayload()
    {
        Validate(EventRules.OnEncode(Type));
        return new JsonObject
        {
            ["name"] = Name,
            ["address"] = Address,
            ["rpId"] = RpId,
            ["origins"] = EventRules.Strings(Origins),
            ["requireUserVerification"] = RequireUserVerification,
        };
    }

    internal static CompoundRegistered Read(EventHeader header, StrictJsonObject payload)
    {
        var registered = new CompoundRegistered(
            header.Compound,
            header.At,
            header.Actor,
            payload.String("name"),
            payload.String("address"),
            payload.String("rpId"),
            payload.StringArray("origins"),
            payload.Boolean("requireUserVerification"));
        registered.Validate(EventRules.OnDecode(payload.Path));
        return registered;
    }

    private void Validate(Func<string, Exception> fail)
    {
        EventRules.NonEmpty(Name, "name", fail);
        EventRules.NonEmpty(Address, "address", fail);
        EventRules.NonEmpty(RpId, "rpId", fail);
        if (Origins.Count == 0)
        {
            throw fail("at least one origin serves the voting pages.");
        }

        EventRules.SortedUnique(Origins, "origins", fail);
    }
}
