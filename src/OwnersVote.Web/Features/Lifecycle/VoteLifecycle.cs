using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OwnersVote.Ledger;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Access;
using OwnersVote.Web.Features.Enrolment;
using OwnersVote.Web.Features.SignIn;
using OwnersVote.Web.Ledger;

namespace OwnersVote.Web.Features.Lifecycle;

/// <summary>
/// Runs a vote through its lifecycle (issue 7 parts 1–4): drafts (private), announcement (the
/// frozen roll and the matter), opening and closing at the published times, reminders, deliveries,
/// the preliminary result, objections and their answers, and the final result. Every step after
/// the draft is a log entry, and each is checked against <see cref="VoteReplay"/> before it is
/// appended, so the log stays one that <c>ov verify</c> replays. Refusals are stable codes
/// (<see cref="LifecycleCodes"/>), never exceptions.
/// </summary>
public sealed partial class VoteLifecycle(
    OwnersVoteDb db,
    EventLog log,
    TimeProvider time,
    INotifier notifier,
    AnnouncementRoll rolls,
    ILogger<VoteLifecycle> logger)
{
    /// <summary>The notice template of a reminder; parameters <c>vote</c>, <c>title</c> and <c>closes</c>.</summary>
    public const string ReminderTemplate = "vote-reminder";

    // Lifecycle steps are checked against the log and then appended; one at a time in this
    // process, so two officers pressing "finalise" at once cannot both pass the check.
    private static readonly SemaphoreSlim s_gate = new(1, 1);

    /// <summary>
    /// The longest matter text a draft takes: in Chinese (3 bytes a character), with a 200-character
    /// title and three questions of 500, the <c>MatterPublished</c> fits in one log entry.
    /// </summary>
    public const int MaxMatterTextLength = 15_000;

    private DateTimeOffset Now => EventTime.Truncate(time.GetUtcNow());

    /// <summary>Creates or updates a draft of the session's compound. Returns a refusal code, or null when saved.</summary>
    public async Task<string?> SaveDraftAsync(DraftInput input, OwnerSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(session);
        if (Problem(input) is { } problem)
        {
            return problem;
        }

        if (await IdTakenAsync(input.Id, cancellationToken))
        {
            return LifecycleCodes.IdTaken;
        }

        VoteDraftRow? draft = await db.VoteDrafts.FindAsync([input.Id], cancellationToken);
        if (draft is not null && draft.CompoundId != session.CompoundId)
        {
            return LifecycleCodes.IdTaken;
        }

        if (draft is null)
        {
            draft = new VoteDraftRow { Id = input.Id, CompoundId = session.CompoundId, Title = "", Text = "", Questions = "[]", UpdatedBy = "" };
            db.VoteDrafts.Add(draft);
        }

        draft.Title = input.Title.Trim();
        draft.Text = input.Text.Trim();
        draft.Scope = string.Join(',', ScopeOf(input.Scope));
        draft.Questions = JsonSerializer.Serialize(input.Questions.Select((q, i) => new StoredQuestion($"q{i + 1}", q.Text.Trim(), q.Threshold.ToString())));
        draft.OpensAt = EventTime.Truncate(input.OpensAt);
        draft.ClosesAt = EventTime.Truncate(input.OpensAt.AddDays(input.VotingDays));
        draft.ObjectionHours = input.ObjectionHours;
        draft.Reminders = string.Join(',', input.Reminders.Order());
        draft.AllowChange = input.AllowChange;
        draft.SilentMajority = input.SilentMajority;
        draft.UpdatedBy = Actor(session);
        draft.UpdatedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// Announces a draft: freezes the roll and publishes the matter (the 公告), then deletes the
    /// draft. Refused when the schedule breaks <see cref="VoteSchedule"/> at this moment.
    /// </summary>
    public async Task<string?> AnnounceAsync(string draftId, OwnerSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await s_gate.WaitAsync(cancellationToken);
        try
        {
            VoteDraftRow? draft = await db.VoteDrafts.FindAsync([draftId], cancellationToken);
            if (draft is null || draft.CompoundId != session.CompoundId)
            {
                return LifecycleCodes.NotFound;
            }

            if (await db.Matters.AnyAsync(m => m.Id == draft.Id, cancellationToken))
            {
                // Announced already: a stop came between the append and the draft's removal.
                db.VoteDrafts.Remove(draft);
                await db.SaveChangesAsync(cancellationToken);
                return null;
            }

            if (await db.Units.AnyAsync(u => u.VoteId == draft.Id, cancellationToken))
            {
                // A roll frozen for this id in the roll book: a second RollFrozen would break the vote's log.
                return LifecycleCodes.IdTaken;
            }

            DateTimeOffset now = Now;
            int[] reminders = Reminders(draft.Reminders);
            if (VoteSchedule.Check(now, draft.OpensAt, draft.ClosesAt, draft.ObjectionHours, reminders) is [var first, ..])
            {
                return LifecycleCodes.Schedule(first);
            }

            string actor = Actor(session);
            RollFrozen? roll = await rolls.FreezeAsync(draft.CompoundId, draft.Id, draft.OpensAt, now, actor, cancellationToken);
            if (roll is null)
            {
                return LifecycleCodes.NoRoll;
            }

            List<BuildingId> scope = [.. ScopeOf(draft.Scope).Select(b => new BuildingId(b))];
            if (scope.Any(b => !roll.Units.Any(u => u.Building == b)))
            {
                return LifecycleCodes.UnknownBuilding;
            }

            StoredQuestion[] questions = JsonSerializer.Deserialize<StoredQuestion[]>(draft.Questions) ?? [];
            ThresholdClass matterClass = questions.Any(q => q.Threshold == nameof(ThresholdClass.Major)) ? ThresholdClass.Major : ThresholdClass.Ordinary;
            var matter = new MatterPublished(
                draft.CompoundId,
                draft.Id,
                now,
                actor,
                draft.Title,
                draft.Text,
                [.. questions.Select(q => new MatterQuestion(q.Id, q.Text, Enum.Parse<ThresholdClass>(q.Threshold) == matterClass ? null : Enum.Parse<ThresholdClass>(q.Threshold)))],
                [Choice.Yes, Choice.No, Choice.Abstain],
                scope,
                matterClass,
                draft.OpensAt,
                draft.ClosesAt,
                draft.AllowChange,
                InvalidBallotRule.Participating,
                [],
                HandwritingPolicy.Off,
                draft.ObjectionHours,
                draft.SilentMajority,
                reminders);
            try
            {
                // A large roll is logged in parts (RollFrozen.Split); with the matter they are one group,
                // so the log holds the whole announcement or none of it.
                await log.AppendManyAsync([.. roll.Split(), matter], cancellationToken);
            }
            catch (EntryTooLargeException)
            {
                // The draft's limits keep a matter within one log entry; the log's refusal (before
                // anything of the group is queued) is the last guard.
                return LifecycleCodes.TextTooLong;
            }

            db.VoteDrafts.Remove(draft);
            await db.SaveChangesAsync(cancellationToken);
            LogAnnounced(logger, draft.Id, roll.Units.Count);
            return null;
        }
        finally
        {
            s_gate.Release();
        }
    }

    // A vote id is taken once the log has its matter or its frozen roll.
    private async Task<bool> IdTakenAsync(string id, CancellationToken cancellationToken) =>
        await db.Matters.AnyAsync(m => m.Id == id, cancellationToken) || await db.Units.AnyAsync(u => u.VoteId == id, cancellationToken);

    /// <summary>
    /// The scheduled steps at this moment (run by <see cref="VoteLifecycleService"/>): opens votes
    /// whose time has come (<c>VoteOpened</c>), closes those past their closing time
    /// (<c>VoteClosed</c>), and reminds non-voters in each due round (<c>ReminderSent</c>, after the
    /// notifier took the message). Returns the number of entries appended.
    /// </summary>
    public async Task<int> TickAsync(int maxRemindersPerVote, CancellationToken cancellationToken)
    {
        await s_gate.WaitAsync(cancellationToken);
        try
        {
            DateTimeOffset now = Now;
            int appended = 0;
            List<MatterRow> running = await db.Matters.AsNoTracking().Where(m => m.ClosedAt == null).ToListAsync(cancellationToken);
            foreach (MatterRow matter in running)
            {
                if (matter.OpenedAt is null && now >= matter.OpensAt)
                {
                    await log.AppendAsync(new VoteOpened(matter.CompoundId, matter.Id, now, LedgerEvent.SystemActor), cancellationToken);
                    appended++;
                }

                if (now >= matter.ClosesAt)
                {
                    await log.AppendAsync(new VoteClosed(matter.CompoundId, matter.Id, now, LedgerEvent.SystemActor), cancellationToken);
                    appended++;
                    continue;
                }

                if (now >= matter.OpensAt)
                {
                    appended += await RemindAsync(matter, now, maxRemindersPerVote, cancellationToken);
                }
            }

            return appended;
        }
        finally
        {
            s_gate.Release();
        }
    }

    private async Task<int> RemindAsync(MatterRow matter, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        int[] due = [.. Reminders(matter.Reminders).Where(r => now >= matter.ClosesAt.AddHours(-r))];
        if (due.Length == 0)
        {
            return 0;
        }

        List<UnitRow> inScope = await UnitsInScopeAsync(matter, cancellationToken);
        HashSet<string> voted = [.. await db.Ballots.AsNoTracking().Where(b => b.MatterId == matter.Id && b.Counts).Select(b => b.OwnerId).ToListAsync(cancellationToken)];
        List<ReminderRow> sent = await db.Reminders.AsNoTracking().Where(r => r.MatterId == matter.Id).ToListAsync(cancellationToken);
        var events = new List<LedgerEvent>();
        foreach (int round in due)
        {
            HashSet<string> reminded = [.. sent.Where(r => r.Round == round).Select(r => r.OwnerId)];
            foreach (IGrouping<string, UnitRow> principal in inScope.GroupBy(u => u.OwnerId).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                if (events.Count >= max)
                {
                    break;
                }

                if (voted.Contains(principal.Key) || reminded.Contains(principal.Key))
                {
                    continue;
                }

                // The notifier first: a reminder is logged only once it was handed over. If the
                // append then fails, the next tick reminds again (at most one extra message).
                string closes = matter.ClosesAt.ToString("O", CultureInfo.InvariantCulture);
                await notifier.NotifyAsync(
                    new OwnerNotice(matter.CompoundId, principal.First().OwnerHash, ReminderTemplate, new Dictionary<string, string>
                    {
                        ["vote"] = matter.Id,
                        ["title"] = matter.Title,
                        ["closes"] = closes,
                    }, now),
                    cancellationToken);
                events.Add(new ReminderSent(matter.CompoundId, matter.Id, now, LedgerEvent.SystemActor, principal.Key, round));
            }
        }

        if (events.Count > 0)
        {
            await log.AppendManyAsync(events, cancellationToken);
            LogReminded(logger, matter.Id, events.Count);
        }

        return events.Count;
    }

    /// <summary>Closes a vote whose closing time has passed (the service does the same on its next tick). Never before the published time.</summary>
    public async Task<string?> CloseAsync(string vote, OwnerSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await s_gate.WaitAsync(cancellationToken);
        try
        {
            if (await MatterAsync(vote, session, cancellationToken) is not { } matter)
            {
                return LifecycleCodes.NotFound;
            }

            DateTimeOffset now = Now;
            if (matter.ClosedAt is not null)
            {
                return LifecycleCodes.WrongStage;
            }

            if (now < matter.ClosesAt)
            {
                return LifecycleCodes.NotDue;
            }

            List<LedgerEvent> events = [];
            if (matter.OpenedAt is null)
            {
                events.Add(new VoteOpened(matter.CompoundId, matter.Id, now, LedgerEvent.SystemActor));
            }

            events.Add(new VoteClosed(matter.CompoundId, matter.Id, now, Actor(session)));
            await log.AppendManyAsync(events, cancellationToken);
            return null;
        }
        finally
        {
            s_gate.Release();
        }
    }

    /// <summary>
    /// Publishes the count recomputed from the log (<see cref="VoteReplay"/>): the preliminary
    /// result when the vote has an objection period, else the final one. Refused before the close,
    /// or under a silent-majority clause while a non-voter has no proof of delivery. After an
    /// upheld objection it publishes the corrected preliminary result, first setting aside the
    /// counted ballots of the given units (<c>BallotSuperseded</c>, in the same
    /// batch, so the log never shows a count that differs from its published result); the
    /// objection period runs again from it.
    /// </summary>
    public Task<string?> PublishResultAsync(string vote, OwnerSession session, CancellationToken cancellationToken) =>
        PublishResultAsync(vote, session, [], cancellationToken);

    /// <inheritdoc cref="PublishResultAsync(string, OwnerSession, CancellationToken)"/>
    public async Task<string?> PublishResultAsync(string vote, OwnerSession session, IReadOnlyList<string> setAside, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setAside);
        ArgumentNullException.ThrowIfNull(session);
        await s_gate.WaitAsync(cancellationToken);
        try
        {
            if (await MatterAsync(vote, session, cancellationToken) is not { } matter)
            {
                return LifecycleCodes.NotFound;
            }

            bool correcting = matter.CorrectionDue is not null && matter.FinalisedAt is null;
            if (matter.ClosedAt is null || (matter.ResultPublishedAt is not null && !correcting) || (!correcting && setAside.Count > 0))
            {
                return LifecycleCodes.WrongStage;
            }

            // 询异: an upheld objection's correction sets aside the ballots found not to count.
            List<VoteEvent> corrections = [];
            DateTimeOffset now = Now;
            foreach (string unit in setAside.Distinct(StringComparer.Ordinal))
            {
                string? principal = await db.Units.AsNoTracking().Where(u => u.VoteId == vote && u.Id == unit).Select(u => u.OwnerId).SingleOrDefaultAsync(cancellationToken);
                BallotRow? counted = principal is null ? null
                    : await db.Ballots.AsNoTracking().SingleOrDefaultAsync(b => b.MatterId == vote && b.OwnerId == principal && b.Counts, cancellationToken);
                if (counted is null)
                {
                    return LifecycleCodes.NoBallotToSetAside;
                }

                if (!corrections.OfType<BallotSuperseded>().Any(c => c.Ballot == counted.BallotId))
                {
                    corrections.Add(new BallotSuperseded(matter.CompoundId, vote, now, Actor(session), counted.BallotId, "objection-upheld:" + matter.CorrectionDue));
                }
            }

            (VoteReplayResult? replay, string? refused) = await ReplayAsync(matter, corrections, cancellationToken);
            if (replay is null)
            {
                return refused;
            }

            // DESIGN.md §1, (2022)沪02民初16号: "silent majority" only with proof of delivery to every non-voter.
            if (replay.Matter.SilentMajority && replay.Undelivered.Count > 0)
            {
                return LifecycleCodes.Undelivered;
            }

            await log.AppendManyAsync([.. corrections, replay.ToTallyPublished(now, Actor(session))], cancellationToken);
            return null;
        }
        finally
        {
            s_gate.Release();
        }
    }

    /// <summary>An owner on the vote's roll objects to the preliminary result during the objection period (询异).</summary>
    public async Task<string?> FileObjectionAsync(string vote, OwnerSession session, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        text = (text ?? "").Trim();
        if (text.Length == 0 || text.Length > Objection.MaxTextLength)
        {
            return LifecycleCodes.BadText;
        }

        await s_gate.WaitAsync(cancellationToken);
        try
        {
            if (await MatterAsync(vote, session, cancellationToken) is not { } matter || session.OwnerHash is not { } owner)
            {
                return LifecycleCodes.NotFound;
            }

            if (LifecycleStages.Of(matter, Now) != LifecycleStage.ObjectionPeriod)
            {
                return LifecycleCodes.NotInObjectionPeriod;
            }

            if (!(await UnitsInScopeAsync(matter, cancellationToken)).Any(u => u.OwnerHash == owner))
            {
                return LifecycleCodes.NotOnRoll;
            }

            int filed = await db.Objections.CountAsync(o => o.MatterId == vote, cancellationToken);
            var objection = new Objection(matter.CompoundId, vote, Now, "owner:" + owner, $"obj-{filed + 1}", owner, text);
            return await CheckedAppendAsync(matter, objection, cancellationToken);
        }
        finally
        {
            s_gate.Release();
        }
    }

    /// <summary>
    /// The committee answers an objection; an upheld one holds the result
    /// until a corrected preliminary result is published.
    /// </summary>
    public Task<string?> AnswerObjectionAsync(string vote, string objectionId, string answer, OwnerSession session, CancellationToken cancellationToken) =>
        AnswerObjectionAsync(vote, objectionId, answer, upheld: false, session, cancellationToken);

    /// <inheritdoc cref="AnswerObjectionAsync(string, string, string, OwnerSession, CancellationToken)"/>
    public async Task<string?> AnswerObjectionAsync(string vote, string objectionId, string answer, bool upheld, OwnerSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        answer = (answer ?? "").Trim();
        if (answer.Length == 0 || answer.Length > Objection.MaxTextLength)
        {
            return LifecycleCodes.BadText;
        }

        await s_gate.WaitAsync(cancellationToken);
        try
        {
            if (await MatterAsync(vote, session, cancellationToken) is not { } matter)
            {
                return LifecycleCodes.NotFound;
            }

            ObjectionRow? objection = await db.Objections.AsNoTracking().SingleOrDefaultAsync(o => o.MatterId == vote && o.Id == objectionId, cancellationToken);
            if (objection is null || objection.Answer is not null || matter.FinalisedAt is not null)
            {
                return LifecycleCodes.WrongStage;
            }

            return await CheckedAppendAsync(matter, new ObjectionResolved(matter.CompoundId, vote, Now, Actor(session), objectionId, answer, upheld), cancellationToken);
        }
        finally
        {
            s_gate.Release();
        }
    }

    /// <summary>Makes the preliminary result final: after the objection period, with every objection answered.</summary>
    public async Task<string?> FinaliseAsync(string vote, OwnerSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await s_gate.WaitAsync(cancellationToken);
        try
        {
            if (await MatterAsync(vote, session, cancellationToken) is not { } matter)
            {
                return LifecycleCodes.NotFound;
            }

            // 询异: an upheld objection holds the result until its corrected result is published.
            if (matter.CorrectionDue is not null)
            {
                return LifecycleCodes.CorrectionDue;
            }

            LifecycleStage stage = LifecycleStages.Of(matter, Now);
            if (stage == LifecycleStage.ObjectionPeriod)
            {
                return LifecycleCodes.NotDue;
            }

            if (stage != LifecycleStage.AwaitingFinal)
            {
                return LifecycleCodes.WrongStage;
            }

            if (await db.Objections.AnyAsync(o => o.MatterId == vote && o.Answer == null, cancellationToken))
            {
                return LifecycleCodes.ObjectionsOpen;
            }

            return await CheckedAppendAsync(matter, new ResultFinalised(matter.CompoundId, vote, Now, Actor(session)), cancellationToken);
        }
        finally
        {
            s_gate.Release();
        }
    }

    /// <summary>Records how the notice and ballot reached a principal (issue 7 part 2), until the result is published.</summary>
    public async Task<string?> RecordDeliveryAsync(string vote, string principal, DeliveryChannel channel, OwnerSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!Enum.IsDefined(channel))
        {
            return LifecycleCodes.BadChannel;
        }

        await s_gate.WaitAsync(cancellationToken);
        try
        {
            if (await MatterAsync(vote, session, cancellationToken) is not { } matter)
            {
                return LifecycleCodes.NotFound;
            }

            if (matter.ResultPublishedAt is not null)
            {
                return LifecycleCodes.WrongStage;
            }

            if (!(await UnitsInScopeAsync(matter, cancellationToken)).Any(u => u.OwnerId == principal))
            {
                return LifecycleCodes.NotOnRoll;
            }

            await log.AppendAsync(new BallotDelivered(matter.CompoundId, vote, Now, Actor(session), principal, channel), cancellationToken);
            return null;
        }
        finally
        {
            s_gate.Release();
        }
    }

    /// <summary>The units of the vote's frozen roll within its scope (Shanghai art. 69).</summary>
    public async Task<List<UnitRow>> UnitsInScopeAsync(MatterRow matter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(matter);
        HashSet<string> scope = [.. await db.MatterScopes.AsNoTracking().Where(s => s.MatterId == matter.Id).Select(s => s.BuildingId).ToListAsync(cancellationToken)];
        List<UnitRow> units = await db.Units.AsNoTracking().Where(u => u.VoteId == matter.Id).ToListAsync(cancellationToken);
        return [.. units.Where(u => scope.Count == 0 || scope.Contains(u.BuildingId))];
    }

    /// <summary>The actor a session's steps are logged under: the officer's id, or the committee member's owner hash.</summary>
    public static string Actor(OwnerSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Role == Roles.Committee && session.OwnerHash is { } owner ? "committee:" + owner
            : session.StaffId ?? session.Role;
    }

    private async Task<MatterRow?> MatterAsync(string vote, OwnerSession session, CancellationToken cancellationToken)
    {
        MatterRow? matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == vote, cancellationToken);
        // DESIGN.md §3: every request is authorised by compound too; another compound's vote does not exist here.
        return matter is not null && matter.CompoundId == session.CompoundId ? matter : null;
    }

    // Appends a lifecycle entry only if the vote's log replays with it (VoteReplay's order rules).
    private async Task<string?> CheckedAppendAsync(MatterRow matter, VoteEvent candidate, CancellationToken cancellationToken)
    {
        (VoteReplayResult? replay, string? refused) = await ReplayAsync(matter, [candidate], cancellationToken);
        if (replay is null)
        {
            return refused;
        }

        await log.AppendAsync(candidate, cancellationToken);
        return null;
    }

    // The compound's entries from the audited log (the source of truth), the vote replayed with
    // the candidate appended; a replay refusal becomes a refusal code.
    private async Task<(VoteReplayResult? Replay, string? Refused)> ReplayAsync(MatterRow matter, IReadOnlyList<VoteEvent> candidates, CancellationToken cancellationToken)
    {
        var entries = new List<LedgerEvent>();
        await LogAuditor.AuditAsync(log.Store, log.Verifier, [], 0, (_, entry) =>
        {
            LedgerEvent e = EventCodec.Decode(entry.Span);
            if (e.Compound == matter.CompoundId)
            {
                entries.Add(e);
            }
        }, cancellationToken);
        entries.AddRange(candidates);

        try
        {
            return (VoteReplay.Replay(entries, matter.Id), null);
        }
        catch (VoteReplayException e)
        {
            LogRefused(logger, matter.Id, candidates.Count > 0 ? candidates[^1].Type : "TallyPublished", e.Message);
            return (null, LifecycleCodes.LogRefused);
        }
    }

    private static string? Problem(DraftInput input)
    {
        if (input.Id.Length is 0 or > 64 || !input.Id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            return LifecycleCodes.BadId;
        }

        if (string.IsNullOrWhiteSpace(input.Title) || string.IsNullOrWhiteSpace(input.Text) || input.Questions.Count == 0
            || input.Questions.Any(q => string.IsNullOrWhiteSpace(q.Text) || !Enum.IsDefined(q.Threshold)))
        {
            return LifecycleCodes.BadText;
        }

        if (input.Text.Trim().Length > MaxMatterTextLength || input.Title.Trim().Length > 200 || input.Questions.Any(q => q.Text.Trim().Length > 500))
        {
            return LifecycleCodes.TextTooLong;
        }

        return VoteSchedule.Check(input.OpensAt, input.OpensAt, input.OpensAt.AddDays(input.VotingDays), input.ObjectionHours, input.Reminders) is [var first, ..]
            ? LifecycleCodes.Schedule(first)
            : null;
    }

    private static IEnumerable<string> ScopeOf(string scope) =>
        scope.Split([',', '，', ' ', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>Parses stored reminder rounds (comma-separated hours), sorted and unique.</summary>
    public static int[] Reminders(string text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(h => int.Parse(h, CultureInfo.InvariantCulture)).Distinct().Order()];

    /// <summary>A draft question as stored.</summary>
    public sealed record StoredQuestion(string Id, string Text, string Threshold);

    [LoggerMessage(Level = LogLevel.Information, Message = "Vote {Vote} announced with a roll of {Units} units")]
    private static partial void LogAnnounced(ILogger logger, string vote, int units);

    [LoggerMessage(Level = LogLevel.Information, Message = "Vote {Vote}: {Count} reminders handed to the notifier")]
    private static partial void LogReminded(ILogger logger, string vote, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vote {Vote}: {Type} refused, the log would not replay: {Reason}")]
    private static partial void LogRefused(ILogger logger, string vote, string type, string reason);
}
