using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OwnersVote.Ledger;
using OwnersVote.Ledger.Sequencing;
using OwnersVote.Paper;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Enrolment;
using OwnersVote.Web.Features.Receipts;
using OwnersVote.Web.Features.SignIn;
using OwnersVote.Web.Ledger;
using OwnersVote.Web.Localization;

namespace OwnersVote.Web.Features.Custodial;

/// <summary>Why a custodial step was refused.</summary>
public enum CustodialRefusal
{
    /// <summary>No vote of the officer's compound has this id.</summary>
    NoSuchVote,

    /// <summary>The unit is not on the vote's roll.</summary>
    NotOnRoll,

    /// <summary>The unit is outside the vote's scope (Shanghai art. 69).</summary>
    NotInScope,

    /// <summary>The officer did not confirm that the owner is present and identified.</summary>
    OwnerNotPresent,

    /// <summary>Not exactly one offered answer per question.</summary>
    BadAnswers,

    /// <summary>The vote is not open.</summary>
    NotOpen,

    /// <summary>The owner already voted and the vote does not allow changes.</summary>
    AlreadyVoted,

    /// <summary>No pending custodial ballot has this id.</summary>
    Unknown,

    /// <summary>Two-person rule: the officer who entered the choice cannot confirm it.</summary>
    SameOfficer,

    /// <summary>The principal holds more units than one ballot entry can name (<see cref="BallotUnits"/>).</summary>
    TooManyUnits,
}

/// <summary>A custodial ballot waiting for the second officer.</summary>
public sealed record PendingCustodial(string Id, string Vote, string UnitId, IReadOnlyDictionary<string, string> Answers, string EnteredBy, DateTimeOffset EnteredAt);

/// <summary>A confirmed custodial ballot: its log entry and whether it counts.</summary>
public sealed record ConfirmedCustodial(long Index, Hash LeafHash, bool Counts, string? Rejection, bool OwnerNotified);

/// <summary>The owner's printed receipt of a custodial ballot, or why it cannot be printed yet.</summary>
/// <param name="Pdf">The one-page PDF, or null while held.</param>
/// <param name="Held">What the receipt waits for (which witnesses, and why), or null.</param>
public sealed record CustodialReceipt(byte[]? Pdf, string? Held);

/// <summary>
/// Custodial (assisted) voting at the desk for owners without a capable phone (DESIGN.md "Ballot
/// signing": "staff may cast for them in person; the ballot is marked custodial, names the
/// officer(s), and the owner is notified"). One officer enters the present owner's choice, a second
/// officer confirms it (DESIGN.md §3 two-person rule), and only then is <c>CustodialBallotCast</c>
/// appended, naming both; the owner is notified and takes a printed receipt with the entry index
/// and leaf hash. docs/security.md "Custodial ballots" explains what this ballot rests on.
/// </summary>
public sealed class CustodialDesk(OwnersVoteDb db, EventLog log, ReceiptDesk receipts, INotifier notifier, ILogger<CustodialDesk> logger, TimeProvider time)
{
    /// <summary>The notice template for an owner's custodial ballot; parameters <c>vote</c>, <c>index</c> and <c>officers</c>.</summary>
    public const string NoticeTemplate = "custodial-ballot";

    /// <summary>The questions of a vote of the officer's compound, as (id, text), or null when there is no such vote.</summary>
    public async Task<(MatterRow Matter, IReadOnlyList<(string Id, string Text)> Questions)?> QuestionsAsync(OwnerSession officer, string vote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        MatterRow? matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == vote && m.CompoundId == officer.CompoundId, cancellationToken);
        if (matter is null)
        {
            return null;
        }

        string[] ids = matter.Questions.Split('\n');
        string[] texts = JsonSerializer.Deserialize<string[]>(matter.QuestionTexts) ?? [];
        return (matter, [.. ids.Select((id, i) => (id, i < texts.Length ? texts[i] : matter.Title))]);
    }

    /// <summary>The first officer enters the present owner's choice for <paramref name="unit"/>.</summary>
    public async Task<(PendingCustodial? Pending, CustodialRefusal? Refused)> EnterAsync(
        OwnerSession officer, string vote, string unit, IReadOnlyDictionary<string, string> answers, bool ownerPresent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(answers);
        string staff = officer.StaffId ?? throw new InvalidOperationException("An officer session carries no staff id.");
        if (!ownerPresent)
        {
            return (null, CustodialRefusal.OwnerNotPresent);
        }

        if (await QuestionsAsync(officer, vote, cancellationToken) is not { } found)
        {
            return (null, CustodialRefusal.NoSuchVote);
        }

        (MatterRow matter, IReadOnlyList<(string Id, string Text)> questions) = found;
        string unitId = (unit ?? "").Trim();
        UnitRow? row = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.VoteId == vote && u.Id == unitId, cancellationToken);
        if (row is null)
        {
            return (null, CustodialRefusal.NotOnRoll);
        }

        HashSet<string> scope = [.. await db.MatterScopes.AsNoTracking().Where(s => s.MatterId == vote).Select(s => s.BuildingId).ToListAsync(cancellationToken)];
        if (scope.Count > 0 && !scope.Contains(row.BuildingId))
        {
            return (null, CustodialRefusal.NotInScope);
        }

        string[] options = matter.Options.Split('\n');
        var parsed = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach ((string id, _) in questions)
        {
            if (!answers.TryGetValue(id, out string? choice) || OwnerBallot.ParseChoice(choice) is null || !options.Contains(choice))
            {
                return (null, CustodialRefusal.BadAnswers);
            }

            parsed[id] = choice;
        }

        if (OpenProblem(matter, time.GetUtcNow()) is { } closed)
        {
            return (null, closed);
        }

        // JI art. 9: the ballot covers all of the principal's units in scope.
        List<string> units = await db.Units.AsNoTracking().Where(u => u.VoteId == vote && u.OwnerId == row.OwnerId).Select(u => u.Id + "\t" + u.BuildingId).ToListAsync(cancellationToken);
        string[] covered = [.. units.Select(u => u.Split('\t')).Where(u => scope.Count == 0 || scope.Contains(u[1])).Select(u => u[0]).Order(StringComparer.Ordinal)];
        if (!BallotUnits.FitOneEntry(covered))
        {
            return (null, CustodialRefusal.TooManyUnits);
        }

        var request = new CustodialRequestRow
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            CompoundId = officer.CompoundId,
            VoteId = vote,
            UnitId = unitId,
            OwnerHash = row.OwnerHash,
            Principal = row.OwnerId,
            Units = string.Join('\n', covered),
            Answers = string.Join('\n', parsed.Select(a => $"{a.Key}={a.Value}")),
            EnteredBy = staff,
            EnteredAt = time.GetUtcNow(),
        };
        db.CustodialRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        return (View(request), null);
    }

    /// <summary>The custodial ballots of the officer's compound waiting for a second officer, oldest first.</summary>
    public async Task<IReadOnlyList<PendingCustodial>> PendingAsync(OwnerSession officer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        List<CustodialRequestRow> rows = await db.CustodialRequests.AsNoTracking()
            .Where(c => c.CompoundId == officer.CompoundId && c.ConfirmedBy == null)
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.EnteredAt).Select(View)];
    }

    /// <summary>
    /// The second officer confirms: <c>CustodialBallotCast</c> is appended naming both officers,
    /// then the owner is notified. Returns once the entry is durable.
    /// </summary>
    public async Task<(ConfirmedCustodial? Confirmed, CustodialRefusal? Refused)> ConfirmAsync(OwnerSession officer, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        string staff = officer.StaffId ?? throw new InvalidOperationException("An officer session carries no staff id.");
        CustodialRequestRow? request = await db.CustodialRequests
            .SingleOrDefaultAsync(c => c.Id == id && c.CompoundId == officer.CompoundId && c.ConfirmedBy == null, cancellationToken);
        if (request is null)
        {
            return (null, CustodialRefusal.Unknown);
        }

        // DESIGN.md §3: two-person rule.
        if (request.EnteredBy == staff)
        {
            return (null, CustodialRefusal.SameOfficer);
        }

        MatterRow matter = await db.Matters.AsNoTracking().SingleAsync(m => m.Id == request.VoteId, cancellationToken);
        DateTimeOffset now = EventTime.Truncate(time.GetUtcNow());
        if (OpenProblem(matter, now) is { } closed)
        {
            return (null, closed);
        }

        // DESIGN.md "Ballot signing": a later ballot replaces the earlier one only where the vote allows it.
        if (!matter.AllowChange && await db.Ballots.AnyAsync(b => b.MatterId == request.VoteId && b.OwnerId == request.Principal && b.Counts, cancellationToken))
        {
            return (null, CustodialRefusal.AlreadyVoted);
        }

        var cast = new CustodialBallotCast(
            request.CompoundId,
            request.VoteId,
            now,
            staff,
            request.OwnerHash,
            request.Principal,
            request.Units.Split('\n'),
            [.. request.Answers.Split('\n').Select(a => a.Split('=')).Select(a => new BallotAnswer(a[0], OwnerBallot.ParseChoice(a[1])!.Value))],
            request.EnteredBy,
            staff);
        AppendResult appended = await log.AppendAsync(cast, cancellationToken);
        request.ConfirmedBy = staff;
        request.LogIndex = appended.Index;
        await db.SaveChangesAsync(cancellationToken);

        bool notified = true;
        try
        {
            await notifier.NotifyAsync(
                new OwnerNotice(request.CompoundId, request.OwnerHash, NoticeTemplate, new Dictionary<string, string>
                {
                    ["vote"] = request.VoteId,
                    ["index"] = appended.Index.ToString(CultureInfo.InvariantCulture),
                    ["officers"] = $"{request.EnteredBy} {staff}",
                }, now),
                cancellationToken);
        }
        catch (NotifierException e)
        {
            // The ballot is in the log and the owner holds the printed receipt; the notice is retried by hand.
            notified = false;
            logger.LogWarning(e, "The owner's notice of custodial ballot {Index} could not be handed over", appended.Index);
        }

        BallotRow row = await db.Ballots.AsNoTracking().SingleAsync(b => b.LogIndex == appended.Index, cancellationToken);
        return (new ConfirmedCustodial(appended.Index, appended.LeafHash, row.Counts, row.Rejection, notified), null);
    }

    /// <summary>
    /// Whether the owner's receipt for the custodial ballot at <paramref name="index"/> can be
    /// printed: its receipt (null <see cref="IssuedReceipt.Held"/>) or what it waits for; null when
    /// that entry is not a custodial ballot of the officer's compound.
    /// </summary>
    public async Task<IssuedReceipt?> ReceiptAsync(OwnerSession officer, long index, CancellationToken cancellationToken) =>
        await IssueReceiptAsync(officer, index, cancellationToken) is { } issued ? issued.Issued : null;

    /// <summary>
    /// The owner's printed receipt for the custodial ballot at <paramref name="index"/>: the ballot,
    /// both officers, the entry index and leaf hash, and the c2sp.org/tlog-proof receipt, as a
    /// one-page PDF in the Paper library's font — given, like every receipt, only on a checkpoint
    /// its compound's witnesses have cosigned (docs/operations.md "Per-compound witnesses"), else
    /// held with the reason; null when that entry is not a custodial ballot of the officer's compound.
    /// </summary>
    public async Task<CustodialReceipt?> ReceiptPdfAsync(OwnerSession officer, long index, string baseUrl, UiText t, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (await IssueReceiptAsync(officer, index, cancellationToken) is not (CustodialBallotCast cast, byte[] entry, IssuedReceipt issued))
        {
            return null;
        }

        if (issued.Receipt is not { } receipt)
        {
            return new CustodialReceipt(null, issued.Held);
        }

        MatterRow matter = await db.Matters.AsNoTracking().SingleAsync(m => m.Id == cast.Vote, cancellationToken);
        CompoundRow compound = await db.Compounds.AsNoTracking().SingleAsync(c => c.Id == cast.Compound, cancellationToken);
        var content = new CertificateContent(
            t.CustodialReceiptHeading,
            [
                new(t.CertificateCompound, $"{compound.Name}（{compound.Locality}）"),
                new(t.CustodialReceiptMatter, matter.Title),
                new(t.CustodialReceiptUnits, string.Join("、", cast.Units)),
                new(t.CustodialReceiptAnswers, string.Join("\n", cast.Answers.Select(a => $"{a.Question}: {t.Choice(OwnerBallot.ChoiceText(a.Choice))}"))),
                new(t.CustodialReceiptOfficers, t.CustodialReceiptOfficerNames(cast.EnteredBy, cast.ConfirmedBy)),
                new(t.CustodialReceiptEntry, t.CustodialReceiptEntryText(index, Merkle.HashLeaf(entry).ToBase64(), t.When(cast.At))),
            ],
            System.Text.Encoding.UTF8.GetString(receipt.Format()),
            $"{baseUrl}/receipts/{index.ToString(CultureInfo.InvariantCulture)}",
            t.CertificateScanToVerify);
        using var pdf = new MemoryStream();
        ResultCertificate.Render(content, pdf);
        return new CustodialReceipt(pdf.ToArray(), null);
    }

    // The entry is read and checked to be a custodial ballot of the officer's compound before the
    // witnesses are asked: what another compound's receipt waits for is not this desk's to see.
    private async Task<(CustodialBallotCast Cast, byte[] Entry, IssuedReceipt Issued)?> IssueReceiptAsync(OwnerSession officer, long index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        long size = log.TreeSize;
        if (index < 0 || index >= size
            || await EntryReader.ReadAsync(log.Store, index, size, cancellationToken) is not { } entry
            || EventCodec.Decode(entry) is not CustodialBallotCast cast
            || cast.Compound != officer.CompoundId)
        {
            return null;
        }

        IssuedReceipt issued = await receipts.IssueWitnessedAsync(index, entry, null, cancellationToken)
            ?? throw new InvalidOperationException($"Entry {index} was read from the log but the log has no such entry.");
        return (cast, entry, issued);
    }

    private static CustodialRefusal? OpenProblem(MatterRow matter, DateTimeOffset now) =>
        matter.ClosedAt is not null || now < matter.OpensAt || now >= matter.ClosesAt ? CustodialRefusal.NotOpen : null;

    private static PendingCustodial View(CustodialRequestRow r) => new(
        r.Id,
        r.VoteId,
        r.UnitId,
        r.Answers.Split('\n').Select(a => a.Split('=')).ToDictionary(a => a[0], a => a[1], StringComparer.Ordinal),
        r.EnteredBy,
        r.EnteredAt);
}
