using System.Text.Json.Nodes;

namespace OwnersVote.Voting.Events;

/// <summary>
/// <c>FundStatementPublished</c>: the statement of one building's special maintenance fund
/// (专项维修资金分户账) for a period — published at least every six months (Shanghai 住宅物业管理规定
/// art. 66). Every spending names the vote that authorised it: using the fund is decided by the
/// owners (Civil Code art. 278 para. 1 item 6), for a building's lift by that building's owners
/// (Shanghai art. 69). A spending still before its vote is a <see cref="StatementLineKind.Planned"/>
/// line, outside the balance.
/// </summary>
/// <param name="Compound">The compound id.</param>
/// <param name="At">When it was published.</param>
/// <param name="Actor">Who published it.</param>
/// <param name="Statement">The statement id, unique in the compound.</param>
/// <param name="Building">The building whose fund this is.</param>
/// <param name="From">The first day of the period.</param>
/// <param name="To">The last day of the period.</param>
/// <param name="Opening">The opening balance in fen.</param>
/// <param name="Closing">The closing balance in fen.</param>
/// <param name="Lines">Deposits, interest, spending and planned spending, in date order.</param>
/// <param name="Attachments">Attached documents, sorted by name.</param>
public sealed record FundStatementPublished(
    string Compound,
    DateTimeOffset At,
    string Actor,
    string Statement,
    BuildingId Building,
    DateOnly From,
    DateOnly To,
    long Opening,
    long Closing,
    IReadOnlyList<StatementLine> Lines,
    IReadOnlyList<MatterDocument> Attachments)
    : StatementPublished(Compound, At, Actor, Statement, From, To, Opening, Closing, Lines, Attachments)
{
    private static readonly HashSet<StatementLineKind> s_kinds =
        [StatementLineKind.Deposit, StatementLineKind.Interest, StatementLineKind.Spending, StatementLineKind.Planned];

    /// <inheritdoc />
    public override string Type => nameof(FundStatementPublished);

    /// <summary>The kinds of line a maintenance-fund statement carries.</summary>
    public static IReadOnlySet<StatementLineKind> Kinds => s_kinds;

    /// <inheritdoc />
    public override IReadOnlySet<StatementLineKind> AllowedKinds => s_kinds;

    internal override JsonObject WritePayload() => WriteStatement(new JsonObject { ["building"] = Building.Value });

    internal static FundStatementPublished Read(EventHeader header, StrictJsonObject payload)
    {
        FundStatementPublished statement;
        try
        {
            BuildingId building = new(payload.String("building"));
            var s = ReadStatement(payload);
            statement = new FundStatementPublished(header.Compound, header.At, header.Actor, s.Statement, building, s.From, s.To, s.Opening, s.Closing, s.Lines, s.Attachments) { Part = s.Part, Parts = s.Parts };
        }
        catch (VotingDataException e)
        {
            throw new EventFormatException($"{payload.Path}: {e.Message}", e);
        }

        statement.Validate(EventRules.OnDecode(payload.Path));
        return statement;
    }

    /// <inheritdoc />
    public override bool SameStatementAs(StatementPublished other) => base.SameStatementAs(other) && other is FundStatementPublished fund && fund.Building == Building;

    /// <inheritdoc />
    protected override void CheckVote(StatementLine line, int index, Func<string, Exception> fail)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(fail);
        bool spends = line.Kind is StatementLineKind.Spending or StatementLineKind.Planned;
        // Civil Code art. 278 para. 1 item 6: the fund is used only as the owners decide.
        if (spends && line.Vote is null)
        {
            throw fail($"line {index + 1}: spending from the maintenance fund names the vote that decides it (Civil Code art. 278).");
        }

        if (!spends && line.Vote is not null)
        {
            throw fail($"line {index + 1}: only spending names a vote.");
        }
    }

    private protected override void Validate(Func<string, Exception> fail)
    {
        if (Building.Value is null)
        {
            throw fail("building must not be empty.");
        }

        base.Validate(fail);
    }
}
