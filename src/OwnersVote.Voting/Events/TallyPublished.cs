using System.Text.Json.Nodes;

namespace OwnersVote.Voting.Events;

/// <summary>
/// The double count of one question (Civil Code art. 278): each figure as area in 0.01 m² and
/// headcount, the quorum and the outcome. On the wire the outcome is <c>result</c>:
/// <c>passed</c>, <c>failed</c> or <c>no-quorum</c>.
/// </summary>
/// <param name="Question">The question id.</param>
/// <param name="Total">All units in scope.</param>
/// <param name="Participating">Those who took part (yes + no + abstain + invalid).</param>
/// <param name="Yes">Yes.</param>
/// <param name="No">No.</param>
/// <param name="Abstain">Abstain.</param>
/// <param name="Invalid">Invalid returned ballots.</param>
/// <param name="QuorumMet">Whether two thirds of area and headcount took part.</param>
/// <param name="Passed">Whether the matter passed on this question.</param>
/// <param name="Rule">
/// The question's own threshold class when it has one (<see cref="MatterQuestion.Threshold"/>); on
/// the wire <c>"rule"</c> inside the question, absent (null) when the tally's rule applies.
/// </param>
public sealed record QuestionTally(
    string Question,
    DoubleCount Total,
    DoubleCount Participating,
    DoubleCount Yes,
    DoubleCount No,
    DoubleCount Abstain,
    DoubleCount Invalid,
    bool QuorumMet,
    bool Passed,
    ThresholdClass? Rule = null)
{
    /// <summary>Takes the figures of a <see cref="TallyResult"/>.</summary>
    public static QuestionTally From(string question, TallyResult result) => From(question, result, null);

    /// <summary>Takes the figures of a <see cref="TallyResult"/> of a question with its own threshold class.</summary>
    public static QuestionTally From(string question, TallyResult result, ThresholdClass? rule)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new QuestionTally(question, result.Total, result.Participating, result.Yes, result.No, result.Abstain, result.Invalid, result.QuorumMet, result.Passed, rule);
    }
}

/// <summary>
/// <c>TallyPublished</c>: the result as published — the rule and, per question, both counts and
/// the outcome. <c>ov verify</c> recomputes it from the log (<see cref="VoteReplay"/>); a different
/// encoding is a failed audit.
/// </summary>
/// <param name="Compound">The compound id.</param>
/// <param name="Vote">The vote id.</param>
/// <param name="At">When.</param>
/// <param name="Actor">Who published it.</param>
/// <param name="Rule">The threshold class applied.</param>
/// <param name="Questions">One tally per question, sorted by question id.</param>
public sealed record TallyPublished(string Compound, string Vote, DateTimeOffset At, string Actor, ThresholdClass Rule, IReadOnlyList<QuestionTally> Questions)
    : VoteEvent(Compound, Vote, At, Actor)
{
    /// <inheritdoc />
    public override string Type => nameof(TallyPublished);

    internal override JsonObject WritePayload()
    {
        Validate(EventRules.OnEncode(Type));
        var questions = new JsonArray();
        foreach (QuestionTally q in Questions)
        {
            var question = new JsonObject
            {
                ["question"] = q.Question,
                ["total"] = Count(q.Total),
                ["participating"] = Count(q.Participating),
                ["yes"] = Count(q.Yes),
                ["no"] = Count(q.No),
                ["abstain"] = Count(q.Abstain),
                ["invalid"] = Count(q.Invalid),
                ["result"] = !q.QuorumMet ? "no-quorum" : q.Passed ? "passed" : "failed",
            };
            if (q.Rule is { } own)
            {
                question["rule"] = WireNames.Of(own);
            }

            questions.Add(question);
        }

        return new JsonObject { ["rule"] = WireNames.Of(Rule), ["questions"] = questions };
    }

    internal static TallyPublished Read(EventHeader header, StrictJsonObject payload)
    {
        ThresholdClass rule = payload.Enum("rule", WireNames.ParseThreshold);
        IReadOnlyList<QuestionTally> questions = payload.Array("questions", item =>
        {
            StrictJsonObject q = item.Object();
            string question = q.NonEmptyString("question");
            DoubleCount total = ReadCount(q.Object("total"));
            DoubleCount participating = ReadCount(q.Object("participating"));
            DoubleCount yes = ReadCount(q.Object("yes"));
            DoubleCount no = ReadCount(q.Object("no"));
            DoubleCount abstain = ReadCount(q.Object("abstain"));
            DoubleCount invalid = ReadCount(q.Object("invalid"));
            string result = q.String("result");
            ThresholdClass? own = q.Has("rule") ? q.Enum("rule", WireNames.ParseThreshold) : null;
            (bool quorum, bool passed) = result switch
            {
                "passed" => (true, true),
                "failed" => (true, false),
                "no-quorum" => (false, false),
                _ => throw new EventFormatException($"{q.Path}.result: \"{result}\" is not passed, failed or no-quorum."),
            };
            q.End();
            return new QuestionTally(question, total, participating, yes, no, abstain, invalid, quorum, passed, own);
        });
        var published = new TallyPublished(header.Compound, header.Vote!, header.At, header.Actor, rule, questions);
        published.Validate(EventRules.OnDecode(payload.Path));
        return published;
    }

    private static JsonObject Count(DoubleCount count) => new() { ["area"] = count.Area.Hundredths, ["heads"] = count.Heads.Value };

    private static DoubleCount ReadCount(StrictJsonObject obj)
    {
        long area = obj.NonNegativeInteger("area");
        long heads = obj.NonNegativeInteger("heads");
        if (heads > int.MaxValue)
        {
            throw new EventFormatException($"{obj.Path}.heads: {heads} is more heads than a count holds.");
        }

        obj.End();
        return new DoubleCount(Area.FromHundredths(area), Headcount.FromInt32((int)heads));
    }

    private void Validate(Func<string, Exception> fail)
    {
        if (Questions.Count == 0)
        {
            throw fail("a tally has at least one question.");
        }

        EventRules.SortedUnique([.. Questions.Select(q => q.Question)], "questions", fail);
        if (Questions.Any(q => q.Passed && !q.QuorumMet))
        {
            throw fail("nothing passes without the participation quorum (Civil Code art. 278).");
        }
    }
}
