using System.Text.Json.Nodes;

namespace OwnersVote.Voting.Events;

/// <summary>
/// <c>NoticePublished</c>: a notice (通知公告) of the owners' committee or the officers, for the
/// whole compound or for some buildings, with its attachments pinned by hash. Public information
/// (DESIGN.md §1: results, fund accounts and notices are posted for every owner concerned), so the
/// log keeps the text itself: anyone holding the log can show what was announced, and when.
/// </summary>
/// <param name="Compound">The compound id.</param>
/// <param name="At">When it was published.</param>
/// <param name="Actor">Who published it, e.g. <c>committee:&lt;hash&gt;</c> or <c>officer:wang</c>.</param>
/// <param name="Notice">The notice id, unique in the compound.</param>
/// <param name="Title">The title.</param>
/// <param name="Body">The full text, as owners read it.</param>
/// <param name="Scope">The buildings it concerns, sorted; empty for the whole compound (as <see cref="MatterPublished.Scope"/>).</param>
/// <param name="Attachments">Attached documents, sorted by name.</param>
public sealed record NoticePublished(
    string Compound,
    DateTimeOffset At,
    string Actor,
    string Notice,
    string Title,
    string Body,
    IReadOnlyList<BuildingId> Scope,
    IReadOnlyList<MatterDocument> Attachments)
    : LedgerEvent(Compound, At, Actor)
{
    /// <inheritdoc />
    public override string Type => nameof(NoticePublished);

    /// <summary>Whether the notice concerns an owner of units in these buildings.</summary>
    public bool Concerns(IEnumerable<BuildingId> buildings)
    {
        ArgumentNullException.ThrowIfNull(buildings);
        return Scope.Count == 0 || buildings.Any(Scope.Contains);
    }

    internal override JsonObject WritePayload()
    {
        Validate(EventRules.OnEncode(Type));
        return new JsonObject
        {
            ["notice"] = Notice,
            ["title"] = Title,
            ["body"] = Body,
            ["scope"] = EventRules.Strings(Scope.Select(b => b.Value)),
            ["attachments"] = Events.Attachments.Write(Attachments),
        };
    }

    internal static NoticePublished Read(EventHeader header, StrictJsonObject payload)
    {
        NoticePublished notice;
        try
        {
            notice = new NoticePublished(
                header.Compound,
                header.At,
                header.Actor,
                payload.NonEmptyString("notice"),
                payload.NonEmptyString("title"),
                payload.NonEmptyString("body"),
                payload.Array("scope", item => new BuildingId(item.String())),
                Events.Attachments.Read(payload, "attachments"));
        }
        catch (VotingDataException e)
        {
            throw new EventFormatException($"{payload.Path}: {e.Message}", e);
        }

        notice.Validate(EventRules.OnDecode(payload.Path));
        return notice;
    }

    private void Validate(Func<string, Exception> fail)
    {
        EventRules.NonEmpty(Notice, "notice", fail);
        EventRules.NonEmpty(Title, "title", fail);
        EventRules.NonEmpty(Body, "body", fail);
        EventRules.SortedUnique([.. Scope.Select(b => b.Value)], "scope", fail);
        Events.Attachments.Validate(Attachments, "attachments", fail);
    }
}
