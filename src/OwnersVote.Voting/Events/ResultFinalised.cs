using System.Text.Json.Nodes;

namespace OwnersVote.Voting.Events;

/// <summary>
/// <c>ResultFinalised</c>: the preliminary result (<c>TallyPublished</c>) becomes final once the
/// objection period (询异期, DESIGN.md §1 "Public information") has ended and every
/// <see cref="Objection"/> has its <see cref="ObjectionResolved"/>. Its payload is empty: the
/// result is the vote's one <c>TallyPublished</c>. A vote published without an objection period
/// has no such entry: its <c>TallyPublished</c> is final.
/// </summary>
/// <param name="Compound">The compound id.</param>
/// <param name="Vote">The vote id.</param>
/// <param name="At">When.</param>
/// <param name="Actor">Who finalised it (a committee member or officer).</param>
public sealed record ResultFinalised(string Compound, string Vote, DateTimeOffset At, string Actor)
    : VoteEvent(Compound, Vote, At, Actor)
{
    /// <inheritdoc />
    public override string Type => nameof(ResultFinalised);

    internal override JsonObject WritePayload() => [];

    internal static ResultFinalised Read(EventHeader header, StrictJsonObject payload) => new(header.Compound, header.Vote!, header.At, header.Actor);
}
