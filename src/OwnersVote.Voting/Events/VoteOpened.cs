using System.Text.Json.Nodes;

namespace OwnersVote.Voting.Events;

/// <summary>
/// <c>VoteOpened</c>: the announced vote is open for ballots, logged by the system at (or after)
/// the matter's opening time. Its payload is empty. Ballots are judged by the published
/// <see cref="MatterPublished.Opens"/>; this entry records the transition so the log shows every
/// step of the lifecycle (issue 7 part 1). Logs written before it existed lack it and still replay.
/// </summary>
/// <param name="Compound">The compound id.</param>
/// <param name="Vote">The vote id.</param>
/// <param name="At">When (not before the matter's opening time).</param>
/// <param name="Actor">Normally <c>system</c>.</param>
public sealed record VoteOpened(string Compound, string Vote, DateTimeOffset At, string Actor)
    : VoteEvent(Compound, Vote, At, Actor)
{
    /// <inheritdoc />
    public override string Type => nameof(VoteOpened);

    internal override JsonObject WritePayload() => [];

    internal static VoteOpened Read(EventHeader header, StrictJsonObject payload) => new(header.Compound, header.Vote!, header.At, header.Actor);
}
