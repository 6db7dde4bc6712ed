using System.Text.Json.Nodes;

namespace OwnersVote.Voting.Events;

/// <summary>
/// <c>ReminderSent</c>: a reminder to vote was handed to the notifier for a principal who had not
/// voted, in the reminder round <see cref="Round"/> (hours before the close, one of the matter's
/// <see cref="MatterPublished.Reminders"/>). It records that the owner was reminded, never how anyone voted.
/// </summary>
/// <param name="Compound">The compound id.</param>
/// <param name="Vote">The vote id.</param>
/// <param name="At">When.</param>
/// <param name="Actor">Normally <c>system</c>.</param>
/// <param name="Principal">The headcount principal reminded.</param>
/// <param name="Round">The round: hours before the close.</param>
public sealed record ReminderSent(string Compound, string Vote, DateTimeOffset At, string Actor, string Principal, int Round)
    : VoteEvent(Compound, Vote, At, Actor)
{
    /// <inheritdoc />
    public override string Type => nameof(ReminderSent);

    internal override JsonObject WritePayload()
    {
        Func<string, Exception> fail = EventRules.OnEncode(Type);
        EventRules.NonEmpty(Principal, "principal", fail);
        if (Round <= 0)
        {
            throw fail("round is a positive number of hours before the close.");
        }

        return new JsonObject { ["principal"] = Principal, ["round"] = Round };
    }

    internal static ReminderSent Read(EventHeader header, StrictJsonObject payload)
    {
        string principal = payload.NonEmptyString("principal");
        long round = payload.Integer("round");
        if (round is <= 0 or > int.MaxValue)
        {
            throw new EventFormatException($"{payload.Path}.round: {round} is not a positive number of hours.");
        }

        return new ReminderSent(header.Compound, header.Vote!, header.At, header.Actor, principal, (int)round);
    }
}
