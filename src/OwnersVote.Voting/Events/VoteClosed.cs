using System.Text.Json.Nodes;

namespace OwnersVote.Voting.Events;

/// <summary><c>VoteClosed</c>: no ballot logged after this entry counts. Its payload is empty.</summary>
/// <param name="Compound">The compound id.</param>
/// <param name="Vote">The vote id.</param>
/// <param name="At">When.</param>
/// <param name="Actor">Who closed it (normally <c>system</c> at the published closing time).</param>
public sealed record VoteClosed(string Compound, string Vote, DateTimeOffset At, string Actor)
    : VoteEvent(Compound, Vote, At, Actor)
{
    /// <inheritdoc />
    public override string Type => nameof(VoteClosed);

    internal override JsonObject WritePayload() => [];

    internal static VoteClosed Read(EventHeader header, StrictJsonObject payload) => new(header.Compound, header.Vote!, header.At, header.Actor);
}
