using System.Text.Json.Nodes;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Voting.Events;

/// <summary>
/// <c>CustodialBallotCast</c>: an assisted ballot at the desk for an owner without a capable phone
/// (DESIGN.md "Ballot signing": "staff may cast for them in person; the ballot is marked custodial,
/// names the officer(s), and the owner is notified"). One officer enters the present owner's
/// choice, a second, different officer confirms it (two-person rule, DESIGN.md §3). There is no
/// owner signature: the ballot rests on the two named officers and the log's own signature, and the
/// owner takes a printed receipt (docs/security.md "Custodial ballots").
/// </summary>
/// <param name="Compound">The compound id.</param>
/// <param name="Vote">The vote id.</param>
/// <param name="At">When the second officer confirmed.</param>
/// <param name="Actor">The confirming officer.</param>
/// <param name="Owner">The present owner's keyed hash; must be the roll's owner of every unit.</param>
/// <param name="Principal">The headcount principal the ballot is for (JI art. 9).</param>
/// <param name="Units">The principal's units in scope, sorted and unique.</param>
/// <param name="Answers">One answer per question, sorted by question id: yes, no or abstain.</param>
/// <param name="EnteredBy">The officer who entered the owner's choice.</param>
/// <param name="ConfirmedBy">The second officer who confirmed it; never <paramref name="EnteredBy"/>.</param>
public sealed record CustodialBallotCast(
    string Compound,
    string Vote,
    DateTimeOffset At,
    string Actor,
    string Owner,
    string Principal,
    IReadOnlyList<string> Units,
    IReadOnlyList<BallotAnswer> Answers,
    string EnteredBy,
    string ConfirmedBy)
    : VoteEvent(Compound, Vote, At, Actor)
{
    /// <inheritdoc />
    public override string Type => nameof(CustodialBallotCast);

    /// <summary>The ballot's id, which <see cref="BallotSuperseded"/> refers to: the SHA-256 of its entry, lowercase hex.</summary>
    public string BallotId => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(EventCodec.Encode(this)));

    internal override JsonObject WritePayload()
    {
        Validate(EventRules.OnEncode(Type));
        var answers = new JsonArray();
        foreach (BallotAnswer answer in Answers)
        {
            answers.Add(new JsonObject { ["question"] = answer.Question, ["choice"] = OwnerBallot.ChoiceText(answer.Choice) });
        }

        return new JsonObject
        {
            ["owner"] = Owner,
            ["principal"] = Principal,
            ["units"] = EventRules.Strings(Units),
            ["answers"] = answers,
            ["enteredBy"] = EnteredBy,
            ["confirmedBy"] = ConfirmedBy,
        };
    }

    internal static CustodialBallotCast Read(EventHeader header, StrictJsonObject payload)
    {
        var cast = new CustodialBallotCast(
            header.Compound,
            header.Vote!,
            header.At,
            header.Actor,
            payload.String("owner"),
            payload.NonEmptyString("principal"),
            payload.StringArray("units"),
            payload.Array("answers", item =>
            {
                StrictJsonObject answer = item.Object();
                var parsed = new BallotAnswer(answer.NonEmptyString("question"), answer.Enum("choice", OwnerBallot.ParseChoice));
                answer.End();
                return parsed;
            }),
            payload.NonEmptyString("enteredBy"),
            payload.NonEmptyString("confirmedBy"));
        cast.Validate(EventRules.OnDecode(payload.Path));
        return cast;
    }

    private void Validate(Func<string, Exception> fail)
    {
        EventRules.OwnerHash(Owner, "owner", fail);
        EventRules.NonEmpty(Principal, "principal", fail);
        if (Units.Count == 0)
        {
            throw fail("a ballot names at least one unit.");
        }

        EventRules.SortedUnique(Units, "units", fail);
        if (Answers.Count == 0)
        {
            throw fail("a ballot answers at least one question.");
        }

        EventRules.SortedUnique([.. Answers.Select(a => a.Question)], "answers (by question)", fail);
        if (Answers.Any(a => a.Choice is not (Choice.Yes or Choice.No or Choice.Abstain)))
        {
            throw fail("each answer is yes, no or abstain: the owner states a choice in person.");
        }

        EventRules.Officer(EnteredBy, "enteredBy", fail);
        EventRules.Officer(ConfirmedBy, "confirmedBy", fail);
        // DESIGN.md §3: two-person rule.
        if (EnteredBy == ConfirmedBy)
        {
            throw fail("the confirming officer must be a different officer from the one who entered the choice (two-person rule).");
        }
    }
}
