using System.Text.Json.Nodes;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Voting.Events;

/// <summary>
/// <c>PaperBallotRecorded</c>: a returned paper ballot, scanned and confirmed (or corrected) by two
/// different officers (DESIGN.md §3: two-person rule for paper confirmation). The scan itself is
/// kept outside the log, named by its SHA-256.
/// </summary>
/// <param name="Compound">The compound id.</param>
/// <param name="Vote">The vote id.</param>
/// <param name="At">When the second officer confirmed.</param>
/// <param name="Actor">The officer who confirmed last.</param>
/// <param name="Principal">The headcount principal the sheet is for.</param>
/// <param name="Units">The principal's units the sheet covers, sorted and unique.</param>
/// <param name="Serial">The sheet's serial (<see cref="PaperBallotIssued.Serial"/>).</param>
/// <param name="Answers">One answer per question, sorted by question id; <see cref="Choice.Invalid"/> for a blank or spoilt answer.</param>
/// <param name="Scan">The SHA-256 of the scanned image, 64 lowercase hex digits.</param>
/// <param name="Officers">The two (or more) officers who confirmed, sorted.</param>
/// <param name="Counts">
/// False when the officers recorded the sheet as superseded because the owner voted online
/// (DESIGN.md: the online ballot stands by default). A replay also sets a paper ballot aside
/// whenever the principal's online ballot counts, whatever this says.
/// </param>
public sealed record PaperBallotRecorded(
    string Compound,
    string Vote,
    DateTimeOffset At,
    string Actor,
    string Principal,
    IReadOnlyList<string> Units,
    string Serial,
    IReadOnlyList<BallotAnswer> Answers,
    string Scan,
    IReadOnlyList<string> Officers,
    bool Counts)
    : VoteEvent(Compound, Vote, At, Actor)
{
    /// <inheritdoc />
    public override string Type => nameof(PaperBallotRecorded);

    /// <summary>The wire spelling of a paper answer: <c>yes</c>, <c>no</c>, <c>abstain</c> or <c>invalid</c>.</summary>
    public static string ChoiceText(Choice choice) => choice == Choice.Invalid ? "invalid" : OwnerBallot.ChoiceText(choice);

    /// <summary>Reads a paper answer's wire spelling; null if it is not one.</summary>
    public static Choice? ParseChoice(string text) => text == "invalid" ? Choice.Invalid : OwnerBallot.ParseChoice(text);

    internal override JsonObject WritePayload()
    {
        Validate(EventRules.OnEncode(Type));
        var answers = new JsonArray();
        foreach (BallotAnswer answer in Answers)
        {
            answers.Add(new JsonObject { ["question"] = answer.Question, ["choice"] = ChoiceText(answer.Choice) });
        }

        return new JsonObject
        {
            ["principal"] = Principal,
            ["units"] = EventRules.Strings(Units),
            ["serial"] = Serial,
            ["answers"] = answers,
            ["scan"] = Scan,
            ["officers"] = EventRules.Strings(Officers),
            ["counts"] = Counts,
        };
    }

    internal static PaperBallotRecorded Read(EventHeader header, StrictJsonObject payload)
    {
        var recorded = new PaperBallotRecorded(
            header.Compound,
            header.Vote!,
            header.At,
            header.Actor,
            payload.String("principal"),
            payload.StringArray("units"),
            payload.String("serial"),
            payload.Array("answers", item =>
            {
                StrictJsonObject answer = item.Object();
                var parsed = new BallotAnswer(answer.NonEmptyString("question"), answer.Enum("choice", ParseChoice));
                answer.End();
                return parsed;
            }),
            payload.Sha256Hex("scan"),
            payload.StringArray("officers"),
            payload.Boolean("counts"));
        recorded.Validate(EventRules.OnDecode(payload.Path));
        return recorded;
    }

    private void Validate(Func<string, Exception> fail)
    {
        EventRules.PaperSheet(Principal, Serial, Units, fail);
        if (Answers.Count == 0)
        {
            throw fail("a recorded ballot answers at least one question.");
        }

        EventRules.SortedUnique([.. Answers.Select(a => a.Question)], "answers (by question)", fail);
        if (Answers.Any(a => a.Choice is not (Choice.Yes or Choice.No or Choice.Abstain or Choice.Invalid)))
        {
            throw fail("each answer is yes, no, abstain or invalid.");
        }

        if (!OwnerKey.IsHash(Scan))
        {
            throw fail("scan is the image's SHA-256, 64 lowercase hex digits.");
        }

        EventRules.TwoOfficers(Officers, fail);
    }
}
