using System.Text.Json.Nodes;

namespace OwnersVote.Voting.Events;

/// <summary>
/// <c>PublicIncomePublished</c>: the statement of the compound's public income (公共收益: parking,
/// advertising, venue rental on common parts, which belong to the owners, Civil Code art. 282) for a
/// quarter — published quarterly (Shanghai 住宅物业管理规定 art. 66). A spending may name the vote
/// that decided it; income lines never do.
/// </summary>
/// <param name="Compound">The compound id.</param>
/// <param name="At">When it was published.</param>
/// <param name="Actor">Who published it.</param>
/// <param name="Statement">The statement id, unique in the compound.</param>
/// <param name="From">The first day of the period.</param>
/// <param name="To">The last day of the period.</param>
/// <param name="Opening">The opening balance in fen.</param>
/// <param name="Closing">The closing balance in fen.</param>
/// <param name="Lines">Income, interest, spending and planned spending, in date order.</param>
/// <param name="Attachments">Attached documents, sorted by name.</param>
public sealed record PublicIncomePublished(
    string Compound,
    DateTimeOffset At,
    string Actor,
    string Statement,
    DateOnly From,
    DateOnly To,
    long Opening,
    long Closing,
    IReadOnlyList<StatementLine> Lines,
    IReadOnlyList<MatterDocument> Attachments)
    : StatementPublished(Compound, At, Actor, Statement, From, To, Opening, Closing, Lines, Attachments)
{
    private static readonly HashSet<StatementLineKind> s_kinds =
    [
        StatementLineKind.Parking, StatementLineKind.Advertising, StatementLineKind.Venue, StatementLineKind.Interest,
        StatementLineKind.Spending, StatementLineKind.Planned,
    ];

    /// <inheritdoc />
    public override string Type => nameof(PublicIncomePublished);

    /// <summary>The kinds of line a public-income statement carries.</summary>
    public static IReadOnlySet<StatementLineKind> Kinds => s_kinds;

    /// <inheritdoc />
    public override IReadOnlySet<StatementLineKind> AllowedKinds => s_kinds;

    internal override JsonObject WritePayload() => WriteStatement([]);

    internal static PublicIncomePublished Read(EventHeader header, StrictJsonObject payload)
    {
        var s = ReadStatement(payload);
        var statement = new PublicIncomePublished(header.Compound, header.At, header.Actor, s.Statement, s.From, s.To, s.Opening, s.Closing, s.Lines, s.Attachments) { Part = s.Part, Parts = s.Parts };
        statement.Validate(EventRules.OnDecode(payload.Path));
        return statement;
    }

    /// <inheritdoc />
    protected override void CheckVote(StatementLine line, int index, Func<string, Exception> fail)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(fail);
        if (line.Kind == StatementLineKind.Planned && line.Vote is null)
        {
            throw fail($"line {index + 1}: a planned spending names the vote it awaits.");
        }

        if (line.Kind is not (StatementLineKind.Spending or StatementLineKind.Planned) && line.Vote is not null)
        {
            throw fail($"line {index + 1}: only spending names a vote.");
        }
    }
}
