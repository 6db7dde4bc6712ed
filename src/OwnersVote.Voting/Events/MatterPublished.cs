using System.Text.Json.Nodes;

namespace OwnersVote.Voting.Events;

/// <summary>One question of a matter; each ballot answers every question.</summary>
/// <param name="Id">The question id ballots refer to, e.g. <c>q1</c>.</param>
/// <param name="Text">The question as owners read it.</param>
/// <param name="Threshold">
/// The question's own threshold class (Civil Code art. 278: one vote may ask an ordinary and a
/// major question). On the wire <c>"threshold"</c> inside the question; absent (null) means the
/// matter's, so questions published before the field existed keep their bytes and meaning.
/// </param>
public sealed record MatterQuestion(string Id, string Text, ThresholdClass? Threshold = null);

/// <summary>A document attached to a matter (quotation, contract draft), pinned by its hash.</summary>
/// <param name="Name">The file name shown to owners.</param>
/// <param name="Sha256">SHA-256 of the file, 64 lowercase hex digits.</param>
public sealed record MatterDocument(string Name, string Sha256);

/// <summary>
/// <c>MatterPublished</c>: what is being decided and how — text, questions, options, scope
/// (Shanghai art. 69), threshold class (Civil Code art. 278), opening and closing times, whether
/// owners may change their ballot, the invalid-ballot rule and the hashes of attached documents.
/// </summary>
/// <param name="Compound">The compound id.</param>
/// <param name="Vote">The vote id.</param>
/// <param name="At">When.</param>
/// <param name="Actor">Who published it.</param>
/// <param name="Title">The matter's title.</param>
/// <param name="Text">The matter's full text.</param>
/// <param name="Questions">The questions, sorted by id, unique, at least one.</param>
/// <param name="Options">The answers offered, in display order: yes and no, optionally abstain.</param>
/// <param name="Scope">The buildings whose owners decide, sorted; empty for the whole compound.</param>
/// <param name="Threshold">Ordinary (more than half) or major (at least three quarters).</param>
/// <param name="Opens">When voting opens.</param>
/// <param name="Closes">When voting closes (after <paramref name="Opens"/>).</param>
/// <param name="AllowChange">Whether a later ballot replaces an earlier one while the vote is open.</param>
/// <param name="InvalidBallots">How invalid returned ballots count.</param>
/// <param name="Documents">Attached documents, sorted by name.</param>
/// <param name="Handwriting">
/// Whether ballots carry a handwritten signature. On the wire <c>"handwriting":"optional"|"required"</c>;
/// absent means <see cref="HandwritingPolicy.Off"/>, so matters published before the field existed
/// keep their bytes and meaning.
/// </param>
/// <param name="ObjectionHours">
/// The objection period (询异期) after the preliminary result, in hours; on the wire
/// <c>"objectionHours"</c>. Null (absent) means none: the <c>TallyPublished</c> is final, as it was
/// for matters published before the field existed.
/// </param>
/// <param name="SilentMajority">
/// Whether a non-voter to whom the ballot was delivered (<see cref="BallotDelivered"/>) counts as
/// yes (未投票视为同意). Off by default and absent on the wire when off (DESIGN.md §1: a Shanghai
/// court annulled such a result, (2022)沪02民初16号).
/// </param>
/// <param name="Reminders">
/// When non-voters are reminded: hours before the close, sorted ascending, unique, positive; on the
/// wire <c>"reminders"</c>, absent when none.
/// </param>
public sealed record MatterPublished(
    string Compound,
    string Vote,
    DateTimeOffset At,
    string Actor,
    string Title,
    string Text,
    IReadOnlyList<MatterQuestion> Questions,
    IReadOnlyList<Choice> Options,
    IReadOnlyList<BuildingId> Scope,
    ThresholdClass Threshold,
    DateTimeOffset Opens,
    DateTimeOffset Closes,
    bool AllowChange,
    InvalidBallotRule InvalidBallots,
    IReadOnlyList<MatterDocument> Documents,
    HandwritingPolicy Handwriting = HandwritingPolicy.Off,
    int? ObjectionHours = null,
    bool SilentMajority = false,
    IReadOnlyList<int>? Reminders = null)
    : VoteEvent(Compound, Vote, At, Actor)
{
    /// <inheritdoc />
    public override string Type => nameof(MatterPublished);

    /// <summary>The longest objection period accepted, in hours (30 days).</summary>
    public const int MaxObjectionHours = 720;

    /// <summary>The reminder rounds, hours before the close (empty when none).</summary>
    public IReadOnlyList<int> ReminderRounds => Reminders ?? [];

    /// <summary>The matter as the tally reads it.</summary>
    public Matter ToMatter() =>
        new(Title, Threshold, Scope.Count == 0 ? Voting.Scope.WholeCompound : Voting.Scope.OfBuildings(Scope));

    /// <summary>The matter of one question: its own threshold class, else the matter's.</summary>
    public Matter ToMatter(MatterQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return new(Title, question.Threshold ?? Threshold, Scope.Count == 0 ? Voting.Scope.WholeCompound : Voting.Scope.OfBuildings(Scope));
    }

    internal override JsonObject WritePayload()
    {
        Validate(EventRules.OnEncode(Type));
        var questions = new JsonArray();
        foreach (MatterQuestion q in Questions)
        {
            var question = new JsonObject { ["id"] = q.Id, ["text"] = q.Text };
            if (q.Threshold is { } threshold)
            {
                question["threshold"] = WireNames.Of(threshold);
            }

            questions.Add(question);
        }

        var documents = new JsonArray();
        foreach (MatterDocument d in Documents)
        {
            documents.Add(new JsonObject { ["name"] = d.Name, ["sha256"] = d.Sha256 });
        }

        var payload = new JsonObject
        {
            ["title"] = Title,
            ["text"] = Text,
            ["questions"] = questions,
            ["options"] = EventRules.Strings(Options.Select(WireNames.Of)),
            ["scope"] = EventRules.Strings(Scope.Select(b => b.Value)),
            ["threshold"] = WireNames.Of(Threshold),
            ["opens"] = EventTime.ToText(Opens),
            ["closes"] = EventTime.ToText(Closes),
            ["allowChange"] = AllowChange,
            ["invalidBallots"] = WireNames.Of(InvalidBallots),
            ["documents"] = documents,
        };
        if (Handwriting != HandwritingPolicy.Off)
        {
            payload["handwriting"] = WireNames.Of(Handwriting);
        }

        if (ObjectionHours is { } hours)
        {
            payload["objectionHours"] = hours;
        }

        if (SilentMajority)
        {
            payload["silentMajority"] = true;
        }

        if (ReminderRounds.Count > 0)
        {
            var reminders = new JsonArray();
            foreach (int round in ReminderRounds)
            {
                reminders.Add(round);
            }

            payload["reminders"] = reminders;
        }

        return payload;
    }

    internal static MatterPublished Read(EventHeader header, StrictJsonObject payload)
    {
        MatterPublished matter;
        try
        {
            matter = new MatterPublished(
                header.Compound,
                header.Vote!,
                header.At,
                header.Actor,
                payload.NonEmptyString("title"),
                payload.NonEmptyString("text"),
                payload.Array("questions", item =>
                {
                    StrictJsonObject q = item.Object();
                    var question = new MatterQuestion(q.NonEmptyString("id"), q.NonEmptyString("text"), q.Has("threshold") ? q.Enum("threshold", WireNames.ParseThreshold) : null);
                    q.End();
                    return question;
                }),
                payload.Array("options", item => WireNames.ParseChoice(item.String())
                    ?? throw new EventFormatException($"{item.Path}: not yes, no or abstain.")),
                payload.Array("scope", item => new BuildingId(item.String())),
                payload.Enum("threshold", WireNames.ParseThreshold),
                payload.Time("opens"),
                payload.Time("closes"),
                payload.Boolean("allowChange"),
                payload.Enum("invalidBallots", WireNames.ParseInvalidBallotRule),
                payload.Array("documents", item =>
                {
                    StrictJsonObject d = item.Object();
                    var document = new MatterDocument(d.NonEmptyString("name"), d.Sha256Hex("sha256"));
                    d.End();
                    return document;
                }),
                payload.Has("handwriting") ? payload.Enum("handwriting", WireNames.ParseHandwritingPolicy) : HandwritingPolicy.Off,
                payload.Has("objectionHours") ? Hours(payload.Integer("objectionHours"), $"{payload.Path}.objectionHours") : null,
                payload.Has("silentMajority") && SilentMajorityOn(payload),
                payload.Has("reminders") ? payload.Array("reminders", item => Hours(item.Integer(), item.Path)) : null);
        }
        catch (VotingDataException e)
        {
            throw new EventFormatException($"{payload.Path}: {e.Message}", e);
        }

        matter.Validate(EventRules.OnDecode(payload.Path));
        return matter;
    }

    private static int Hours(long value, string path) =>
        value is > 0 and <= int.MaxValue ? (int)value : throw new EventFormatException($"{path}: {value} is not a positive number of hours.");

    // Off is written by omitting the field, so each matter has one encoding.
    private static bool SilentMajorityOn(StrictJsonObject payload) =>
        payload.Boolean("silentMajority") ? true : throw new EventFormatException($"{payload.Path}.silentMajority: off is written by omitting the field.");

    private void Validate(Func<string, Exception> fail)
    {
        if (ObjectionHours is { } hours && hours is < 1 or > MaxObjectionHours)
        {
            throw fail($"objectionHours is 1 to {MaxObjectionHours}.");
        }

        for (int i = 0; i < ReminderRounds.Count; i++)
        {
            if (ReminderRounds[i] <= 0 || (i > 0 && ReminderRounds[i - 1] >= ReminderRounds[i]))
            {
                throw fail("reminders are positive hours before the close, sorted ascending and unique.");
            }
        }

        if (Questions.Any(q => q.Threshold is { } t && !Enum.IsDefined(t)))
        {
            throw fail("a question's threshold is ordinary or major.");
        }

        if (!Enum.IsDefined(Handwriting))
        {
            throw fail("handwriting is off, optional or required.");
        }

        EventRules.NonEmpty(Title, "title", fail);
        EventRules.NonEmpty(Text, "text", fail);
        if (Questions.Count == 0)
        {
            throw fail("a matter asks at least one question.");
        }

        EventRules.SortedUnique([.. Questions.Select(q => q.Id)], "questions", fail);
        if (!Options.Contains(Choice.Yes) || !Options.Contains(Choice.No) || Options.Contains(Choice.Invalid) || Options.Distinct().Count() != Options.Count)
        {
            throw fail("options are yes and no, optionally abstain, each once; invalid is not an option.");
        }

        EventRules.SortedUnique([.. Scope.Select(b => b.Value)], "scope", fail);
        EventRules.SortedUnique([.. Documents.Select(d => d.Name)], "documents", fail);
        if (Documents.Any(d => !OwnerKey.IsHash(d.Sha256)))
        {
            throw fail("document hashes are SHA-256 in 64 lowercase hex digits.");
        }

        if (Closes <= Opens)
        {
            throw fail("closes must be after opens.");
        }
    }
}
