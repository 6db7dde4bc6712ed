using System.Text.Json.Nodes;

namespace OwnersVote.Voting.Events;

/// <summary>
/// <c>PaperBallotIssued</c>: a paper ballot sheet with serial <paramref name="Serial"/> was printed
/// for a headcount principal (JI art. 9: one sheet names all of the principal's units in scope).
/// A later issue for the same principal voids every earlier serial of that principal: only the
/// newest sheet can be recorded (DESIGN.md §2 "Events").
/// </summary>
/// <param name="Compound">The compound id.</param>
/// <param name="Vote">The vote id.</param>
/// <param name="At">When it was printed.</param>
/// <param name="Actor">The officer who printed it.</param>
/// <param name="Principal">The headcount principal the sheet is for.</param>
/// <param name="Units">The principal's units the sheet covers, sorted and unique.</param>
/// <param name="Serial">The sheet's serial, as in its QR code (<c>v1|vote|unit|serial|mac</c>).</param>
public sealed record PaperBallotIssued(string Compound, string Vote, DateTimeOffset At, string Actor, string Principal, IReadOnlyList<string> Units, string Serial)
    : VoteEvent(Compound, Vote, At, Actor)
{
    /// <inheritdoc />
    public override string Type => nameof(PaperBallotIssued);

    internal override JsonObject WritePayload()
    {
        Validate(EventRules.OnEncode(Type));
        return new JsonObject
        {
            ["principal"] = Principal,
            ["units"] = EventRules.Strings(Units),
            ["serial"] = Serial,
        };
    }

    internal static PaperBallotIssued Read(EventHeader header, StrictJsonObject payload)
    {
        var issued = new PaperBallotIssued(header.Compound, header.Vote!, header.At, header.Actor, payload.String("principal"), payload.StringArray("units"), payload.String("serial"));
        issued.Validate(EventRules.OnDecode(payload.Path));
        return issued;
    }

    private void Validate(Func<string, Exception> fail)
    {
        EventRules.PaperSheet(Principal, Serial, Units, fail);
    }
}
