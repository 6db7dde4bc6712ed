using System.Text.Json.Nodes;

namespace OwnersVote.Voting.Events;

/// <summary>
/// <c>ObjectionResolved</c>: the owners' committee answers an <see cref="Objection"/>. The final
/// result waits until every objection has one (Dongguan-style 询异, DESIGN.md §1). An objection the
/// committee upholds (<paramref name="Upheld"/>) says the preliminary result is wrong: the result
/// cannot become final until the committee publishes a corrected preliminary result (a second
/// <c>TallyPublished</c>, after any <c>BallotSuperseded</c> that corrects the count), which starts
/// a new objection period (<see cref="VoteReplay"/>).
/// </summary>
/// <param name="Compound">The compound id.</param>
/// <param name="Vote">The vote id.</param>
/// <param name="At">When.</param>
/// <param name="Actor">Who answered (committee member or officer).</param>
/// <param name="Objection">The answered objection's id.</param>
/// <param name="Answer">The committee's answer, public.</param>
/// <param name="Upheld">
/// The committee upholds the objection: the result must be corrected and published again. On the
/// wire <c>"upheld": true</c>, absent when false (entries from before it keep their bytes).
/// </param>
public sealed record ObjectionResolved(string Compound, string Vote, DateTimeOffset At, string Actor, string Objection, string Answer, bool Upheld = false)
    : VoteEvent(Compound, Vote, At, Actor)
{
    /// <inheritdoc />
    public override string Type => nameof(ObjectionResolved);

    internal override JsonObject WritePayload()
    {
        Validate(EventRules.OnEncode(Type));
        var payload = new JsonObject { ["objection"] = Objection, ["answer"] = Answer };
        if (Upheld)
        {
            payload["upheld"] = true;
        }

        return payload;
    }

    internal static ObjectionResolved Read(EventHeader header, StrictJsonObject payload)
    {
        // One encoding per event: "not upheld" is written by omitting the field.
        bool upheld = payload.Has("upheld")
            && (payload.Boolean("upheld") ? true : throw new EventFormatException($"{payload.Path}.upheld: not upheld is written by omitting the field."));
        var resolved = new ObjectionResolved(header.Compound, header.Vote!, header.At, header.Actor, payload.String("objection"), payload.String("answer"), upheld);
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
