using System.Text.Json.Nodes;

namespace OwnersVote.Voting.Events;

/// <summary><c>CompoundRegistered</c>: a residential compound (小区) joins; its first log entry.</summary>
/// <param name="Compound">The compound id.</param>
/// <param name="At">When.</param>
/// <param name="Actor">The admin who registered it.</param>
/// <param name="Name">The compound's public name, e.g. 景城品雅苑.</param>
/// <param name="Address">Its public address (district, town, road), no personal data.</param>
public sealed record CompoundRegistered(string Compound, DateTimeOffset At, string Actor, string Name, string Address)
    : LedgerEvent(Compound, At, Actor)
{
    /// <inheritdoc />
    public override string Type => nameof(CompoundRegistered);

    internal override JsonObject WritePayload()
    {
        EventRules.NonEmpty(Name, "name", EventRules.OnEncode(Type));
        EventRules.NonEmpty(Address, "address", EventRules.OnEncode(Type));
        return new JsonObject { ["name"] = Name, ["address"] = Address };
    }

    internal static CompoundRegistered Read(EventHeader header, StrictJsonObject payload) =>
        new(header.Compound, header.At, header.Actor, payload.NonEmptyString("name"), payload.NonEmptyString("address"));
}
