using System.Text.Json.Nodes;

namespace OwnersVote.Voting.Events;

/// <summary>
/// <c>Objection</c> (询异): an owner of the vote's roll questions the preliminary result during the
/// objection period. The text is public, like the result it questions; the owner appears only as
/// their keyed hash (PIPL).
/// </summary>
/// <param name="Compound">The compound id.</param>
/// <param name="Vote">The vote id.</param>
/// <param name="At">When it was filed.</param>
/// <param name="Actor"><c>owner:&lt;hash&gt;</c>.</param>
/// <param name="Id">The objection's id, unique in the vote (1 to 64 letters, digits or '-').</param>
/// <param name="Owner">The filing owner's keyed hash (<see cref="OwnerKey"/>), as on the roll.</param>
/// <param name="Text">What the owner questions.</param>
public sealed record Objection(string Compound, string Vote, DateTimeOffset At, string Actor, string Id, string Owner, string Text)
    : VoteEvent(Compound, Vote, At, Actor)
{
    /// <summary>The longest objection text accepted.</summary>
    public const int MaxTextLength = 2000;

    /// <inheritdoc />
    public override string Type => nameof(Objection);

    internal override JsonObject WritePayload()
    {
        Validate(EventRules.OnEncode(Type));
        return new JsonObject { ["id"] = Id, ["owner"] = Owner, ["text"] = Text };
    }

    internal static Objection Read(EventHeader header, StrictJsonObject payload)
    {
        var objection = new Objection(header.Compound, header.Vote!, header.At, header.Actor, payload.String("id"), payload.String("owner"), payload.String("text"));
        objection.Validate(EventRules.OnDecode(payload.Path));
        return objection;
    }

    private void Validate(Func<string, Exception> fail)
    {
        EventRules.ObjectionId(Id, fail);
        EventRules.OwnerHash(Owner, "owner", fail);
        EventRules.NonEmpty(Text, "text", fail);
        if (Text.Length > MaxTextLength)
        {
            throw fail($"text is at most {MaxTextLength} characters.");
        }
    }
}
