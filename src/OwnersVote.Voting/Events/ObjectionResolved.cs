using System.Text.Json.Nodes;

namespace OwnersVote.Voting.Events;

/// <summary>
/// <c>ObjectionResolved</c>: the owners' committee answers an <see cref="Objection"/>. The final
/// result waits until every objection has one (Dongguan-style 询异, DESIGN.md §1).
/// </summary>
/// <param name="Compound">The compound id.</param>
/// <param name="Vote">The vote id.</param>
/// <param name="At">When.</param>
/// <param name="Actor">Who answered (committee member or officer).</param>
/// <param name="Objection">The answered objection's id.</param>
/// <param name="Answer">The committee's answer, public.</param>
public sealed record ObjectionResolved(string Compound, string Vote, DateTimeOffset At, string Actor, string Objection, string Answer)
    : VoteEvent(Compound, Vote, At, Actor)
{
    /// <inheritdoc />
    public override string Type => nameof(ObjectionResolved);

    internal override JsonObject WritePayload()
    {
        Validate(EventRules.OnEncode(Type));
        return new JsonObject { ["objection"] = Objection, ["answer"] = Answer };
    }

    internal static ObjectionResolved Read(EventHeader header, StrictJsonObject payload)
    {
        var resolved = new ObjectionResolved(header.Compound, header.Vote!, header.At, header.Actor, payload.String("objection"), payload.String("answer"));
        resolved.Validate(EventRules.OnDecode(payload.Path));
        return resolved;
    }

    private void Validate(Func<string, Exception> fail)
    {
        EventRules.ObjectionId(Objection, fail);
        EventRules.NonEmpty(Answer, "answer", fail);
        if (Answer.Length > Events.Objection.MaxTextLength)
        {
            throw fail($"answer is at most {Events.Objection.MaxTextLength} characters.");
        }
    }
}
