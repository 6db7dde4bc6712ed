using System.Globalization;
using System.Text.Json.Nodes;
using OwnersVote.Ledger;

namespace OwnersVote.Voting.Events;

/// <summary>
/// A published account statement: opening balance, every line, closing balance, for a period, with
/// the lines themselves in the log (public information, Shanghai 住宅物业管理规定 art. 66: the fund's
/// accounts at least every six months, public income quarterly), so anyone holding the log can
/// re-add them. Two events share this shape: <see cref="FundStatementPublished"/> (a building's
/// special maintenance fund, 专项维修资金) and <see cref="PublicIncomePublished"/> (the compound's
/// public income, 公共收益). All amounts are integer fen; sums are <c>checked</c>. A statement whose
/// encoding does not fit in one log entry (a fund's first statement lists every unit's deposit) is
/// logged as <see cref="Parts"/> entries (<see cref="Split"/>): each carries the whole statement's
/// id, period, balances and attachments and a run of its lines; <see cref="StatementAssembly"/>
/// joins them and checks the balance of the whole.
/// </summary>
/// <param name="Compound">The compound id.</param>
/// <param name="At">When it was published.</param>
/// <param name="Actor">Who published it.</param>
/// <param name="Statement">The statement id, unique in the compound.</param>
/// <param name="From">The first day of the period.</param>
/// <param name="To">The last day of the period (inclusive, not before <paramref name="From"/>).</param>
/// <param name="Opening">The balance at the start of <paramref name="From"/>, in fen.</param>
/// <param name="Closing">The balance at the end of <paramref name="To"/>, in fen: <paramref name="Opening"/> plus the lines' effects.</param>
/// <param name="Lines">The lines in date order.</param>
/// <param name="Attachments">Attached documents (bank statements, invoices), sorted by name.</param>
public abstract record StatementPublished(
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
    : LedgerEvent(Compound, At, Actor)
{
    private const string DateFormat = "yyyy'-'MM'-'dd";

    /// <summary>Which part of the statement this entry is, from 1; 1 for a statement in one entry.</summary>
    public int Part { get; init; } = 1;

    /// <summary>How many entries the statement is logged in; 1 for a statement in one entry.</summary>
    public int Parts { get; init; } = 1;

    /// <summary>The kinds of line this statement may carry.</summary>
    public abstract IReadOnlySet<StatementLineKind> AllowedKinds { get; }

    /// <summary>Money in over the period, in fen.</summary>
    public long Inflow => Lines.Where(l => l.Effect > 0).Aggregate(0L, (sum, l) => checked(sum + l.Amount));

    /// <summary>Money out over the period, in fen.</summary>
    public long Outflow => Lines.Where(l => l.Kind == StatementLineKind.Spending).Aggregate(0L, (sum, l) => checked(sum + l.Amount));

    /// <summary>Spending proposed to votes and not yet paid, in fen (not in the balance).</summary>
    public long PlannedTotal => Lines.Where(l => l.Kind == StatementLineKind.Planned).Aggregate(0L, (sum, l) => checked(sum + l.Amount));

    /// <summary>The closing balance the lines give: opening plus every line's effect.</summary>
    /// <exception cref="OverflowException">The sum does not fit in 64 bits.</exception>
    public static long ClosingOf(long opening, IEnumerable<StatementLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return lines.Aggregate(opening, (balance, line) => checked(balance + line.Effect));
    }

    /// <summary>The wire spelling of a line kind.</summary>
    public static string KindText(StatementLineKind kind) => kind switch
    {
        StatementLineKind.Deposit => "deposit",
        StatementLineKind.Interest => "interest",
        StatementLineKind.Parking => "parking",
        StatementLineKind.Advertising => "advertising",
        StatementLineKind.Venue => "venue",
        StatementLineKind.Spending => "spending",
        StatementLineKind.Planned => "planned",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a statement line kind."),
    };

    /// <summary>Reads a line kind's wire spelling; null if it is not one.</summary>
    public static StatementLineKind? ParseKind(string text) => text switch
    {
        "deposit" => StatementLineKind.Deposit,
        "interest" => StatementLineKind.Interest,
        "parking" => StatementLineKind.Parking,
        "advertising" => StatementLineKind.Advertising,
        "venue" => StatementLineKind.Venue,
        "spending" => StatementLineKind.Spending,
        "planned" => StatementLineKind.Planned,
        _ => null,
    };

    /// <summary>A date as statements spell it: <c>2026-06-30</c>.</summary>
    public static string DateText(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>Parses the one accepted date spelling; false for anything else.</summary>
    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>
    /// This whole statement as the entries to log: itself when its encoding fits in one log entry
    /// (c2sp.org/tlog-tiles: at most <paramref name="maxEntryBytes"/>, 65,535), otherwise the fewest
    /// equal runs of its lines that each fit, numbered 1 to n, in date order.
    /// </summary>
    /// <exception cref="InvalidOperationException">This is already a part, or its header with one line does not fit.</exception>
    public IReadOnlyList<StatementPublished> Split(int maxEntryBytes = EntryBundle.MaxEntrySize)
    {
        if (Parts != 1)
        {
            throw new InvalidOperationException($"part {Part} of {Parts} of a statement cannot be split again.");
        }

        return EntryParts.Split(this, Lines.Count, (first, count, part, parts) => this with { Lines = [.. Lines.Skip(first).Take(count)], Part = part, Parts = parts }, maxEntryBytes)
            ?? throw new InvalidOperationException($"statement {Statement} does not fit in log entries of {maxEntryBytes} bytes even one line at a time.");
    }

    /// <summary>Whether <paramref name="other"/> is another part of the same statement: all but the lines and the part number alike.</summary>
    public virtual bool SameStatementAs(StatementPublished other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Type == Type && other.Compound == Compound && other.At == At && other.Actor == Actor && other.Statement == Statement
            && other.From == From && other.To == To && other.Opening == Opening && other.Closing == Closing && other.Parts == Parts
            && other.Attachments.SequenceEqual(Attachments);
    }

    /// <summary>Checks the whole statement's rules (the balance of all its lines); for <see cref="StatementAssembly"/>.</summary>
    internal void CheckWhole(Func<string, Exception> fail) => Validate(fail);

    /// <summary>Whether a line of this kind must, may or must not name a vote; checked on both ends.</summary>
    protected abstract void CheckVote(StatementLine line, int index, Func<string, Exception> fail);

    /// <summary>Writes the shared fields into <paramref name="payload"/>.</summary>
    private protected JsonObject WriteStatement(JsonObject payload)
    {
        Validate(EventRules.OnEncode(Type));
        var lines = new JsonArray();
        foreach (StatementLine line in Lines)
        {
            var json = new JsonObject
            {
                ["date"] = DateText(line.Date),
                ["kind"] = KindText(line.Kind),
                ["amount"] = line.Amount,
                ["description"] = line.Description,
            };
            // Absent rather than null: one spelling per line (JCS bytes must not vary).
            if (line.Vote is not null)
            {
                json["vote"] = line.Vote;
            }

            if (line.Document is not null)
            {
                json["document"] = line.Document;
            }

            lines.Add(json);
        }

        payload["statement"] = Statement;
        payload["from"] = DateText(From);
        payload["to"] = DateText(To);
        payload["opening"] = Opening;
        payload["closing"] = Closing;
        payload["lines"] = lines;
        payload["attachments"] = Events.Attachments.Write(Attachments);
        if (Parts > 1)
        {
            payload["part"] = Part;
            payload["parts"] = Parts;
        }

        return payload;
    }

    /// <summary>The shared fields as read from a payload.</summary>
    private protected static (string Statement, DateOnly From, DateOnly To, long Opening, long Closing, IReadOnlyList<StatementLine> Lines, IReadOnlyList<MatterDocument> Attachments, int Part, int Parts) ReadStatement(StrictJsonObject payload)
    {
        string statement = payload.NonEmptyString("statement");
        DateOnly from = Date(payload, "from");
        DateOnly to = Date(payload, "to");
        long opening = payload.NonNegativeInteger("opening");
        long closing = payload.NonNegativeInteger("closing");
        IReadOnlyList<StatementLine> lines = payload.Array("lines", item =>
        {
            StrictJsonObject l = item.Object();
            var line = new StatementLine(
                Date(l, "date"),
                l.Enum("kind", ParseKind),
                l.Integer("amount"),
                l.NonEmptyString("description"),
                l.Has("vote") ? l.NonEmptyString("vote") : null,
                l.Has("document") ? l.Sha256Hex("document") : null);
            l.End();
            return line;
        });
        IReadOnlyList<MatterDocument> attachments = Events.Attachments.Read(payload, "attachments");
        (int part, int parts) = ReadPart(payload);
        return (statement, from, to, opening, closing, lines, attachments, part, parts);
    }

    // A statement in one entry carries neither field: "parts": 1 would be a second encoding of it.
    private static (int Part, int Parts) ReadPart(StrictJsonObject payload)
    {
        if (!payload.Has("parts"))
        {
            return (1, 1);
        }

        (int part, int parts) = ((int)Math.Clamp(payload.Integer("part"), 0, int.MaxValue), (int)Math.Clamp(payload.Integer("parts"), 0, int.MaxValue));
        if (parts == 1)
        {
            throw new EventFormatException($"{payload.Path}.parts: a statement in one entry has no parts.");
        }

        return (part, parts);
    }

    /// <summary>Checks the statement's own rules; <paramref name="fail"/> makes the exception.</summary>
    private protected virtual void Validate(Func<string, Exception> fail)
    {
        EventRules.NonEmpty(Statement, "statement", fail);
        if (Parts < 1 || Part < 1 || Part > Parts)
        {
            throw fail($"part {Part} of {Parts} is not a part of a statement.");
        }

        if (Parts > 1 && Lines.Count == 0)
        {
            throw fail($"part {Part} of {Parts} has no lines: a statement is split by its lines.");
        }

        if (To < From)
        {
            throw fail($"the period ends ({DateText(To)}) before it starts ({DateText(From)}).");
        }

        if (Opening < 0 || Closing < 0)
        {
            throw fail("balances are not negative: an account cannot pay out money it does not hold.");
        }

        for (int i = 0; i < Lines.Count; i++)
        {
            StatementLine line = Lines[i];
            string at = Parts > 1 ? $"part {Part} line {i + 1}" : $"line {i + 1}";
            if (!AllowedKinds.Contains(line.Kind))
            {
                throw fail($"{at}: a {Type} has no {KindText(line.Kind)} lines; it has {string.Join(", ", AllowedKinds.Order().Select(KindText))}.");
            }

            if (line.Amount <= 0)
            {
                throw fail($"{at}: the amount is a positive number of fen; the kind gives its direction.");
            }

            EventRules.NonEmpty(line.Description, $"{at}: description", fail);
            if (line.Date < From || line.Date > To)
            {
                throw fail($"{at}: {DateText(line.Date)} is outside the period {DateText(From)}–{DateText(To)}.");
            }

            if (i > 0 && line.Date < Lines[i - 1].Date)
            {
                throw fail($"{at}: lines are in date order; {DateText(line.Date)} comes after {DateText(Lines[i - 1].Date)}.");
            }

            if (line.Vote is { } vote && string.IsNullOrEmpty(vote))
            {
                throw fail($"{at}: a vote id is not empty (omit it instead).");
            }

            if (line.Document is { } document && !OwnerKey.IsHash(document))
            {
                throw fail($"{at}: document is a SHA-256, 64 lowercase hex digits.");
            }

            CheckVote(line, i, fail);
        }

        Events.Attachments.Validate(Attachments, "attachments", fail);
        if (Parts > 1)
        {
            // The balance is the whole statement's: StatementAssembly checks it over every part's lines.
            return;
        }

        long closing;
        try
        {
            closing = ClosingOf(Opening, Lines);
        }
        catch (OverflowException)
        {
            throw fail("the amounts overflow 64-bit fen.");
        }

        if (closing != Closing)
        {
            throw fail($"closing is {Closing} fen but opening {Opening} plus the lines gives {closing} fen.");
        }
    }

    private static DateOnly Date(StrictJsonObject obj, string name)
    {
        string text = obj.String(name);
        return TryParseDate(text, out DateOnly date)
            ? date
            : throw new EventFormatException($"{obj.Path}.{name}: \"{text}\" is not a date of the form 2026-06-30.");
    }
}
