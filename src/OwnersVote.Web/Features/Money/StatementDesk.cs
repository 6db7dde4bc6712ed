using Microsoft.EntityFrameworkCore;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Documents;
using OwnersVote.Web.Features.SignIn;
using OwnersVote.Web.Ledger;

namespace OwnersVote.Web.Features.Money;

/// <summary>What the publisher asks for: the account, the period and the opening balance; the lines come in a file.</summary>
/// <param name="Kind"><see cref="StatementRow.Fund"/> or <see cref="StatementRow.Income"/>.</param>
/// <param name="Building">The building of a fund statement (ignored for income).</param>
/// <param name="From">First day.</param>
/// <param name="To">Last day.</param>
/// <param name="Opening">The opening balance in yuan, as typed.</param>
public sealed record StatementRequest(string Kind, string Building, DateOnly From, DateOnly To, string Opening);

/// <summary>An uploaded file.</summary>
/// <param name="Name">Its file name.</param>
/// <param name="Content">Its bytes.</param>
public sealed record UploadedFile(string Name, byte[] Content);

/// <summary>The outcome: the published statement, or every problem found (and nothing published).</summary>
/// <param name="Statement">The published event, or null.</param>
/// <param name="LogIndex">Its log entry, or -1.</param>
/// <param name="Problems">The problems; empty when published.</param>
public sealed record StatementOutcome(StatementPublished? Statement, long LogIndex, IReadOnlyList<ImportProblem> Problems);

/// <summary>
/// Publishes statements (issue 7 part 7) from uploads, all or nothing: the file's rows, the period
/// (fund: at most six months; income: one calendar quarter — Shanghai 住宅物业管理规定 art. 66),
/// continuity with the account's previous statement, and every named vote (it exists in this
/// compound, concerns the fund's building, and has passed for a paid spending or not failed for
/// a planned one — Civil Code art. 278) are checked first; only with no problem at all is one
/// <see cref="FundStatementPublished"/> or <see cref="PublicIncomePublished"/> appended.
/// </summary>
public sealed class StatementDesk(OwnersVoteDb db, EventLog log, MoneyQuery money, DocumentStore documents, TimeProvider time)
{
    // One publication at a time on this node: the checks and the append must see the same state
    // (two uploads of one period would otherwise both pass and the second fail in the projector).
    private static readonly SemaphoreSlim s_gate = new(1, 1);

    /// <summary>Checks and, if all is well, publishes.</summary>
    public async Task<StatementOutcome> PublishAsync(
        OwnerSession session, StatementRequest request, UploadedFile lines, IReadOnlyList<UploadedFile> attachments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(attachments);
        await s_gate.WaitAsync(cancellationToken);
        try
        {
            return await CheckAndPublishAsync(session, request, lines, attachments, cancellationToken);
        }
        finally
        {
            s_gate.Release();
        }
    }

    private async Task<StatementOutcome> CheckAndPublishAsync(
        OwnerSession session, StatementRequest request, UploadedFile file, IReadOnlyList<UploadedFile> attachments, CancellationToken cancellationToken)
    {
        var problems = new List<ImportProblem>();
        string compound = session.CompoundId;
        bool fund = request.Kind == StatementRow.Fund;
        string building = fund ? request.Building.Trim() : "";
        if (fund && !await db.Buildings.AnyAsync(b => b.CompoundId == compound && b.Id == building, cancellationToken))
        {
            problems.Add(new ImportProblem(0, ImportProblemCode.UnknownBuilding, building));
        }

        // Shanghai art. 66: the fund's accounts at least every six months, public income quarterly.
        bool periodOk = request.To >= request.From && (fund
            ? request.To < request.From.AddMonths(6)
            : request.From.Day == 1 && request.From.Month % 3 == 1 && request.To == request.From.AddMonths(3).AddDays(-1));
        if (!periodOk)
        {
            problems.Add(new ImportProblem(0, ImportProblemCode.BadPeriod, $"{StatementPublished.DateText(request.From)}–{StatementPublished.DateText(request.To)}"));
        }

        long? opening = Fen.TryParseYuan(request.Opening);
        if (opening is null)
        {
            problems.Add(new ImportProblem(0, ImportProblemCode.BadOpening, request.Opening));
        }

        IReadOnlySet<StatementLineKind> allowed = fund ? FundStatementPublished.Kinds : PublicIncomePublished.Kinds;
        IReadOnlyList<(int Row, StatementLine Line)> rows = StatementImport.Rows(file.Name, file.Content, problems) is { } sheet
            ? StatementImport.Lines(sheet, allowed, request.From, request.To, problems)
            : [];

        await CheckVotesAsync(compound, building, fund, rows, problems, cancellationToken);
        if (opening is { } o && periodOk)
        {
            await CheckContinuityAsync(compound, fund ? StatementRow.Fund : StatementRow.Income, building, request.From, request.To, o, problems, cancellationToken);
        }

        if (problems.Count > 0)
        {
            // In the order a person reads the file: the statement's own problems, then row by row.
            return new StatementOutcome(null, -1, [.. problems.OrderBy(p => p.Row)]);
        }

        StatementLine[] lines = [.. rows.Select(r => r.Line)];
        long closing;
        try
        {
            closing = StatementPublished.ClosingOf(opening!.Value, lines);
        }
        catch (OverflowException)
        {
            return new StatementOutcome(null, -1, [new ImportProblem(0, ImportProblemCode.BadAmount, "overflow")]);
        }

        // A balance never goes below zero: no account pays out money it does not hold.
        long balance = opening.Value;
        foreach ((int row, StatementLine line) in rows)
        {
            balance = checked(balance + line.Effect);
            if (balance < 0)
            {
                return new StatementOutcome(null, -1, [new ImportProblem(row, ImportProblemCode.NegativeBalance, Fen.Yuan(balance))]);
            }
        }

        var pinned = new List<MatterDocument>();
        foreach (UploadedFile a in attachments.Where(a => a.Content.Length > 0).DistinctBy(a => a.Name).OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            pinned.Add(new MatterDocument(Path.GetFileName(a.Name), await documents.PutAsync(a.Content, cancellationToken)));
        }

        DateTimeOffset now = EventTime.Truncate(time.GetUtcNow());
        string actor = $"{session.Role}:{session.StaffId ?? session.OwnerHash}";
        string id = fund ? $"fund-{building}-{request.From:yyyyMMdd}" : $"income-{request.From:yyyyMMdd}";
        StatementPublished statement = fund
            ? new FundStatementPublished(compound, now, actor, id, new Voting.BuildingId(building), request.From, request.To, opening.Value, closing, lines, pinned)
            : new PublicIncomePublished(compound, now, actor, id, request.From, request.To, opening.Value, closing, lines, pinned);
        IReadOnlyList<StatementPublished> parts;
        try
        {
            // A statement larger than one log entry (a fund's first statement lists every unit's
            // deposit) is logged in parts of its lines (StatementPublished.Split).
            parts = statement.Split();
        }
        catch (InvalidOperationException)
        {
            // Not even one line with the statement's header fits: refused before anything is
            // logged (the documents stay stored by hash, unreferenced, as after any refused upload).
            return new StatementOutcome(null, -1, [new ImportProblem(0, ImportProblemCode.TooLarge, lines.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        }

        // The parts are one group: the log holds the whole statement or none of it.
        var appended = await log.AppendManyAsync([.. parts], cancellationToken);
        return new StatementOutcome(statement, appended[0].Index, []);
    }

    private async Task CheckVotesAsync(string compound, string building, bool fund, IReadOnlyList<(int Row, StatementLine Line)> rows, List<ImportProblem> problems, CancellationToken cancellationToken)
    {
        Dictionary<string, LinkedVote> votes = await money.LinkedVotesAsync(compound, [.. rows.Select(r => r.Line.Vote).OfType<string>().Distinct()], cancellationToken);
        foreach ((int row, StatementLine line) in rows)
        {
            if (line.Vote is not { } id)
            {
                continue;
            }

            if (!votes.TryGetValue(id, out LinkedVote? vote))
            {
                problems.Add(new ImportProblem(row, ImportProblemCode.VoteNotFound, id));
                continue;
            }

            // Shanghai art. 69: a building's fund is spent as that building's owners decide.
            if (fund && vote.Scope.Count > 0 && !vote.Scope.Contains(building))
            {
                problems.Add(new ImportProblem(row, ImportProblemCode.VoteOfOtherBuildings, id));
            }

            if (vote.Passed == false)
            {
                problems.Add(new ImportProblem(row, ImportProblemCode.VoteFailed, id));
            }
            else if (line.Kind == StatementLineKind.Spending && vote.Passed != true)
            {
                problems.Add(new ImportProblem(row, ImportProblemCode.VoteNotPassed, id));
            }
        }
    }

    private async Task CheckContinuityAsync(string compound, string kind, string building, DateOnly from, DateOnly to, long opening, List<ImportProblem> problems, CancellationToken cancellationToken)
    {
        List<StatementRow> earlier = await db.Statements.AsNoTracking()
            .Where(s => s.CompoundId == compound && s.Kind == kind && s.BuildingId == building)
            .ToListAsync(cancellationToken);
        if (earlier.Any(s => s.From <= to && s.To >= from))
        {
            problems.Add(new ImportProblem(0, ImportProblemCode.AlreadyPublished, StatementPublished.DateText(from)));
            return;
        }

        // Each statement opens with the closing balance of the one before it, the next day.
        if (earlier.Where(s => s.To < from).MaxBy(s => s.To) is { } previous
            && (previous.To.AddDays(1) != from || previous.Closing != opening))
        {
            problems.Add(new ImportProblem(0, ImportProblemCode.NotContinuous, $"{StatementPublished.DateText(previous.To.AddDays(1))} {Fen.Yuan(previous.Closing)}"));
        }
    }
}
