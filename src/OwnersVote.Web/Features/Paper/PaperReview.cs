using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OwnersVote.Ledger;
using OwnersVote.Ledger.Sequencing;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.SignIn;
using OwnersVote.Web.Ledger;
using OwnersVote.Web.Projections;

namespace OwnersVote.Web.Features.Paper;

/// <summary>Why a review step was refused.</summary>
public enum ReviewRefusal
{
    /// <summary>No such item in this vote of the officer's compound.</summary>
    Unknown,

    /// <summary>The sheet is refused (forged or foreign code, no code, void serial) and can never be recorded.</summary>
    SheetRefused,

    /// <summary>The item is not waiting for this step (another officer got there first, or it is done).</summary>
    NotWaiting,

    /// <summary>Two-person rule: the officer who confirmed cannot approve.</summary>
    SameOfficer,

    /// <summary>The answers do not name every question of the matter with yes, no, abstain or invalid.</summary>
    BadAnswers,

    /// <summary>The serial was already recorded from another sheet: a serial is recorded once.</summary>
    DuplicateSerial,

    /// <summary>A later sheet was issued for the owner since this one was scanned.</summary>
    SerialVoided,
}

/// <summary>A review step's result: refused, or done (with the log index once recorded).</summary>
/// <param name="Refused">Why nothing happened, or null.</param>
/// <param name="LogIndex">The <c>PaperBallotRecorded</c> entry's index, after an approval.</param>
/// <param name="Superseded">Why the recorded sheet does not count (the owner's online ballot stands), or null.</param>
public sealed record ReviewOutcome(ReviewRefusal? Refused, long? LogIndex = null, string? Superseded = null);

/// <summary>A queue item as the review page shows it.</summary>
/// <param name="Row">The stored item.</param>
/// <param name="Reading">What the scanner read.</param>
/// <param name="Answers">The confirmed answers by question id, or empty before confirmation.</param>
public sealed record ReviewItem(PaperScanRow Row, StoredReading Reading, IReadOnlyDictionary<string, string> Answers);

/// <summary>The matter's questions, in ballot order (the n-th row on paper is the n-th question).</summary>
/// <param name="Id">The question id.</param>
/// <param name="Text">Its text.</param>
public sealed record ReviewQuestion(string Id, string Text);

/// <summary>
/// The review queue of scanned sheets (DESIGN.md §2 "Paper ballots", §3 two-person rule): a first
/// officer confirms or corrects what was read, a second, different officer approves, and only
/// then is <c>PaperBallotRecorded</c> appended, naming the scan's SHA-256 and both officers. Each
/// step is a conditional update, so of two officers acting at once exactly one succeeds; and an
/// approval claims the serial in a unique index first, so a serial — one sheet approved twice,
/// or two copies of it — is recorded once (issue 10's race), on one server or several.
/// </summary>
public sealed class PaperReview(OwnersVoteDb db, EventLog log, IOptions<PaperOptions> options, TimeProvider time)
{
    /// <summary>The reason a paper ballot is set aside when its owner also voted online (VoteReplay's code).</summary>
    public const string OnlineWinsOverPaper = "online-wins-over-paper";

    /// <summary>The reason an online ballot is set aside for the paper one when <see cref="PaperOptions.OnlineWins"/> is false.</summary>
    public const string PaperWinsOverOnline = "paper-wins-over-online";

    private static readonly string[] s_choices = ["yes", "no", "abstain", "invalid"];

    /// <summary>The matter's questions, or null when the vote is not the officer's compound's.</summary>
    public async Task<IReadOnlyList<ReviewQuestion>?> QuestionsAsync(OwnerSession officer, string voteId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        MatterRow? matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == voteId && m.CompoundId == officer.CompoundId, cancellationToken);
        return matter is null ? null : Questions(matter);
    }

    /// <summary>The vote's queue: waiting items first (oldest first), then the rest (newest first).</summary>
    public async Task<IReadOnlyList<ReviewItem>> ItemsAsync(OwnerSession officer, string voteId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        List<PaperScanRow> rows = await db.PaperScans.AsNoTracking()
            .Where(s => s.MatterId == voteId && s.CompoundId == officer.CompoundId)
            .ToListAsync(cancellationToken);
        bool Waiting(PaperScanRow r) => r.State is PaperScanStates.Pending or PaperScanStates.Confirmed;
        return
        [
            .. rows.Where(Waiting).OrderBy(r => r.UploadedAt).ThenBy(r => r.FileName, StringComparer.Ordinal).ThenBy(r => r.Page)
                .Concat(rows.Where(r => !Waiting(r)).OrderByDescending(r => r.UploadedAt).ThenBy(r => r.FileName, StringComparer.Ordinal).ThenBy(r => r.Page))
                .Select(r => new ReviewItem(r, StoredReading.Parse(r.Reading), ParseAnswers(r.Answers))),
        ];
    }

    /// <summary>The stored page image's SHA-256 of an item of the officer's compound, or null.</summary>
    public async Task<string?> ImageOfAsync(OwnerSession officer, string voteId, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        return await db.PaperScans.AsNoTracking()
            .Where(s => s.Id == id && s.MatterId == voteId && s.CompoundId == officer.CompoundId)
            .Select(s => s.ImageSha256)
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The first officer confirms the reading or corrects it: an answer per question (yes, no,
    /// abstain, invalid) and whether the sheet is signed.
    /// </summary>
    public async Task<ReviewOutcome> ConfirmAsync(
        OwnerSession officer, string voteId, string id, IReadOnlyDictionary<string, string> answers, bool signed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(answers);
        string me = StaffOf(officer);
        if (await FindAsync(officer, voteId, id, cancellationToken) is not { } row)
        {
            return new ReviewOutcome(ReviewRefusal.Unknown);
        }

        if (row.State == PaperScanStates.Refused)
        {
            return new ReviewOutcome(ReviewRefusal.SheetRefused);
        }

        MatterRow matter = await db.Matters.AsNoTracking().SingleAsync(m => m.Id == voteId, cancellationToken);
        string[] questions = matter.Questions.Split('\n');
        if (answers.Count != questions.Length || questions.Any(q => !answers.TryGetValue(q, out string? a) || !s_choices.Contains(a)))
        {
            return new ReviewOutcome(ReviewRefusal.BadAnswers);
        }

        string stored = string.Join('\n', questions.Select(q => $"{q}={answers[q]}"));
        DateTimeOffset now = time.GetUtcNow();
        int changed = await db.PaperScans
            .Where(s => s.Id == id && s.State == PaperScanStates.Pending)
            .ExecuteUpdateAsync(
                s => s.SetProperty(x => x.State, PaperScanStates.Confirmed)
                    .SetProperty(x => x.ConfirmedBy, me)
                    .SetProperty(x => x.ConfirmedAt, now)
                    .SetProperty(x => x.Answers, stored)
                    .SetProperty(x => x.Signed, signed),
                cancellationToken);
        return new ReviewOutcome(changed == 1 ? null : ReviewRefusal.NotWaiting);
    }

    /// <summary>Sends a confirmed item back to be confirmed again (the second officer disagrees).</summary>
    public async Task<ReviewOutcome> ReturnAsync(OwnerSession officer, string voteId, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        if (await FindAsync(officer, voteId, id, cancellationToken) is null)
        {
            return new ReviewOutcome(ReviewRefusal.Unknown);
        }

        int changed = await db.PaperScans
            .Where(s => s.Id == id && s.State == PaperScanStates.Confirmed)
            .ExecuteUpdateAsync(
                s => s.SetProperty(x => x.State, PaperScanStates.Pending)
                    .SetProperty(x => x.ConfirmedBy, (string?)null)
                    .SetProperty(x => x.ConfirmedAt, (DateTimeOffset?)null)
                    .SetProperty(x => x.Answers, (string?)null)
                    .SetProperty(x => x.Signed, (bool?)null),
                cancellationToken);
        return new ReviewOutcome(changed == 1 ? null : ReviewRefusal.NotWaiting);
    }

    /// <summary>
    /// The second officer approves: the serial is claimed, <c>PaperBallotRecorded</c> appended with
    /// the scan's SHA-256 and both officers, and the item marked recorded. If the owner voted online
    /// too, the online ballot stands (<see cref="PaperOptions.OnlineWins"/>, default) and the sheet
    /// is recorded as not counting; otherwise the online ballot is superseded.
    /// </summary>
    public async Task<ReviewOutcome> ApproveAsync(OwnerSession officer, string voteId, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        string me = StaffOf(officer);
        if (await FindAsync(officer, voteId, id, cancellationToken) is not { } row)
        {
            return new ReviewOutcome(ReviewRefusal.Unknown);
        }

        if (row.State == PaperScanStates.Refused)
        {
            return new ReviewOutcome(ReviewRefusal.SheetRefused);
        }

        if (row.State != PaperScanStates.Confirmed)
        {
            return new ReviewOutcome(ReviewRefusal.NotWaiting);
        }

        // DESIGN.md §3: two-person rule for paper confirmation.
        if (row.ConfirmedBy == me)
        {
            return new ReviewOutcome(ReviewRefusal.SameOfficer);
        }

        string serial = row.Serial!;
        PaperSerialRow? issued = await db.PaperSerials.AsNoTracking().SingleOrDefaultAsync(p => p.MatterId == voteId && p.Serial == serial, cancellationToken);
        if (issued is null || issued.Voided)
        {
            return new ReviewOutcome(ReviewRefusal.SerialVoided);
        }

        if (await db.Ballots.AnyAsync(b => b.MatterId == voteId && b.Channel == Projector.Paper && b.BallotId == serial, cancellationToken))
        {
            await MarkDuplicateAsync(id, cancellationToken);
            return new ReviewOutcome(ReviewRefusal.DuplicateSerial);
        }

        if (await ClaimAsync(row, me, serial, cancellationToken) is { } refused)
        {
            return refused;
        }

        try
        {
            return await RecordAsync(row, issued, me, cancellationToken);
        }
        catch (Exception e) when (e is LogStorageException or ArgumentException)
        {
            // Nothing was logged (the appender failed, or the event broke its schema): release the
            // claim so the sheet can be approved again. Any other failure (e.g. the entry is logged
            // but not yet projected) keeps the serial claimed: never recorded twice.
            await db.PaperScans
                .Where(s => s.Id == id && s.State == PaperScanStates.Recording && s.LogIndex == null)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(x => x.State, PaperScanStates.Confirmed)
                        .SetProperty(x => x.ApprovedBy, (string?)null)
                        .SetProperty(x => x.ClaimedSerial, (string?)null),
                    CancellationToken.None);
            throw;
        }
    }

    // The claim: one conditional update that also sets the serial in the unique index. Of two
    // approvals of the same item the second finds it no longer confirmed; of two items with the
    // same serial the second breaks the unique index.
    private async Task<ReviewOutcome?> ClaimAsync(PaperScanRow row, string me, string serial, CancellationToken cancellationToken)
    {
        int claimed;
        try
        {
            claimed = await db.PaperScans
                .Where(s => s.Id == row.Id && s.State == PaperScanStates.Confirmed && s.ConfirmedBy != me)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(x => x.State, PaperScanStates.Recording)
                        .SetProperty(x => x.ApprovedBy, me)
                        .SetProperty(x => x.ClaimedSerial, serial),
                    cancellationToken);
        }
        catch (DbException)
        {
            // The unique index (matter, claimed serial) refused it when another sheet with this
            // serial holds the claim; anything else is not ours to handle.
            if (!await ClaimedElsewhereAsync(row, serial, cancellationToken))
            {
                throw;
            }

            await MarkDuplicateAsync(row.Id, cancellationToken);
            return new ReviewOutcome(ReviewRefusal.DuplicateSerial);
        }

        return claimed == 1 ? null : new ReviewOutcome(ReviewRefusal.NotWaiting);
    }

    private Task<bool> ClaimedElsewhereAsync(PaperScanRow row, string serial, CancellationToken cancellationToken) =>
        db.PaperScans.AsNoTracking().AnyAsync(s => s.MatterId == row.MatterId && s.ClaimedSerial == serial && s.Id != row.Id, cancellationToken);

    private Task MarkDuplicateAsync(string id, CancellationToken cancellationToken) =>
        db.PaperScans
            .Where(s => s.Id == id && s.State == PaperScanStates.Confirmed)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, PaperScanStates.Duplicate), cancellationToken);

    private async Task<ReviewOutcome> RecordAsync(PaperScanRow row, PaperSerialRow issued, string me, CancellationToken cancellationToken)
    {
        MatterRow matter = await db.Matters.AsNoTracking().SingleAsync(m => m.Id == row.MatterId, cancellationToken);
        IReadOnlyDictionary<string, string> confirmed = ParseAnswers(row.Answers);
        // DESIGN.md §1 "Invalid ballot rules": a sheet without a signature is returned but invalid —
        // by default participating and not yes; each answer is recorded as invalid.
        List<BallotAnswer> answers = [.. matter.Questions.Split('\n').Select(q => new BallotAnswer(
            q, row.Signed == true ? PaperBallotRecorded.ParseChoice(confirmed[q]) ?? Choice.Invalid : Choice.Invalid))];
        List<string> online = await db.Ballots.AsNoTracking()
            .Where(b => b.MatterId == row.MatterId && b.OwnerId == issued.OwnerId && b.Channel == Projector.Online && b.Rejection == null && !b.Superseded)
            .Select(b => b.BallotId)
            .ToListAsync(cancellationToken);
        bool onlineWins = options.Value.OnlineWins;
        string? superseded = online.Count > 0 && onlineWins ? OnlineWinsOverPaper : null;

        DateTimeOffset now = EventTime.Truncate(time.GetUtcNow());
        var events = new List<LedgerEvent>();
        if (!onlineWins)
        {
            // The paper ballot, confirmed by two officers, replaces the owner's online one.
            events.AddRange(online.Select(b => new BallotSuperseded(row.CompoundId, row.MatterId, now, me, b, PaperWinsOverOnline)));
        }

        events.Add(new PaperBallotRecorded(
            row.CompoundId,
            row.MatterId,
            now,
            me,
            issued.OwnerId,
            issued.Units.Split('\n'),
            issued.Serial,
            answers,
            row.ImageSha256,
            [.. new[] { row.ConfirmedBy!, me }.Order(StringComparer.Ordinal)],
            Counts: superseded is null));
        IReadOnlyList<AppendResult> appended = await log.AppendManyAsync(events, cancellationToken);
        long index = appended[^1].Index;
        await db.PaperScans
            .Where(s => s.Id == row.Id)
            .ExecuteUpdateAsync(
                s => s.SetProperty(x => x.State, PaperScanStates.Recorded)
                    .SetProperty(x => x.LogIndex, index)
                    .SetProperty(x => x.Superseded, superseded),
                CancellationToken.None);
        return new ReviewOutcome(null, index, superseded);
    }

    private async Task<PaperScanRow?> FindAsync(OwnerSession officer, string voteId, string id, CancellationToken cancellationToken) =>
        await db.PaperScans.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.MatterId == voteId && s.CompoundId == officer.CompoundId, cancellationToken);

    private static List<ReviewQuestion> Questions(MatterRow matter)
    {
        string[] ids = matter.Questions.Split('\n');
        string[] texts = JsonSerializer.Deserialize<string[]>(matter.QuestionTexts) ?? [];
        return [.. ids.Select((q, i) => new ReviewQuestion(q, i < texts.Length ? texts[i] : q))];
    }

    private static Dictionary<string, string> ParseAnswers(string? stored) =>
        stored is null ? [] : stored.Split('\n').Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    private static string StaffOf(OwnerSession officer) =>
        officer.StaffId ?? throw new InvalidOperationException("An officer session carries no staff id; officers sign in with their own invitation.");
}
