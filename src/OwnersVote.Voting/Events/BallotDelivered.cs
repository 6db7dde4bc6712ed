using System.Text.Json.Nodes;

namespace OwnersVote.Voting.Events;

/// <summary>
/// <c>BallotDelivered</c>: the vote's notice and ballot reached a headcount principal by a
/// channel, recorded by the officer named as actor at the time given. It is the proof of delivery
/// a "silent majority" clause needs (DESIGN.md §1; (2022)沪02民初16号) and the door-knockers'
/// record.
/// </summary>
/// <param name="Compound">The compound id.</param>
/// <param name="Vote">The vote id.</param>
/// <param name="At">When it was delivered.</param>
/// <param name="Actor">The officer who delivered or recorded it, e.g. <c>officer:wang</c>.</param>
/// <param name="Principal">The headcount principal (roll <c>principal</c>).</param>
/// <param name="Channel">How.</param>
public sealed record BallotDelivered(string Compound, string Vote, DateTimeOffset At, string Actor, string Principal, DeliveryChannel Channel)
    : VoteEvent(Compound, Vote, At, Actor)
{
    /// <inheritdoc />
    public override string Type => nameof(BallotDelivered);

    internal override JsonObject WritePayload()
    {
        EventRules.NonEmpty(Principal, "principal", EventRules.OnEncode(Type));
        return new JsonObject { ["principal"] = Principal, ["channel"] = WireNames.Of(Channel) };
    }

    internal static BallotDelivered Read(EventHeader header, StrictJsonObject payload) =>
        new(header.Compound, header.Vote!, header.At, header.Actor, payload.NonEmptyString("principal"), payload.Enum("channel", WireNames.ParseDeliveryChannel));
}
