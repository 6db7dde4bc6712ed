using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Data;
using OwnersVote.Web.Features.Ballots;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Projections;

/// <summary>
/// Applies log events (OwnersVote.Voting.Events) to the projection tables — the one place rows are
/// written from events, so dropping the tables and replaying the log rebuilds them (DESIGN.md §2,
/// <c>ov rebuild</c>). It projects what the pages read, and decides which ballots count with the
/// checks and codes of <see cref="VoteReplay"/> (WebAuthn assertion against the enrolled passkey,
/// roll, scope, answers), so the tables count what <c>ov verify</c> recounts.
/// </summary>
public sealed partial class Projector(OwnersVoteDb db, CoseKeyCache? keys = null, VoteFactsCache? facts = null)
{
    // Shared with the cast path when the app provides them; a projector's own otherwise.
    private readonly CoseKeyCache _keys = keys ?? new CoseKeyCache();
    private readonly VoteFactsCache _facts = facts ?? new VoteFactsCache();

    // Issue 10: one instance projects one run of entries (EventLog makes a scope per run). A run
    // is mostly online ballots of a few votes: their rolls and scopes are read once per run, not
    // once per ballot, and online ballots are saved together at the end of the run (_added: rows
    // not saved yet, which the duplicate and recount checks must see as the database would).
    private readonly Dictionary<string, VoteRoll> _rolls = new(StringComparer.Ordinal);
    private readonly List<BallotRow> _added = [];
    private readonly Dictionary<string, RelyingParty> _relyingParties = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MatterRow> _matters = new(StringComparer.Ordinal);

    // A compiled query runs against the one model it was compiled for (EF Core refuses another):
    // one per model, as a process may hold several (SQLite and PostgreSQL in the tests).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, Func<OwnersVoteDb, string, CancellationToken, Task<MatterRow?>>> s_matterById = [];

    // Every ballot row this instance added (all channels), by log index: what EventLog answers a
    // cast with, as the rows stand at the end of the run.
    private readonly Dictionary<long, BallotRow> _addedByIndex = [];

    // Read once per run for all of the run's online ballots: the ballot ids already in the tables
    // or added by the run (duplicate-ballot), and the ballot that counts now for each principal
    // voting online in the run (tracked; null for none), which is all a new online ballot's recount
    // needs (CountNewOnline). Emptied, like _rolls, before any other event: the full recount reads
    // the principal's ballots from then on.
    private readonly HashSet<(string Matter, string Ballot)> _known = [];
    private readonly Dictionary<(string Matter, string Principal), BallotRow?> _counted = [];

    /// <summary>The stored channel of a ballot cast online.</summary>
    public const string Online = "online";

    /// <summary>The stored channel of a recorded paper ballot.</summary>
    public const string Paper = "paper";

    // EventLog's projector thread hands its own connection (UseConnection); null elsewhere.
    private ProjectionConnection? _dedicated;

    /// <summary>
    /// Projects through <paramref name="connection"/> (on SQLite; other providers ignore it): a
    /// connection held open across runs, with an online ballot run's statements prepared once.
    /// </summary>
    public void UseConnection(ProjectionConnection connection) => _dedicated = connection;

    /// <summary>The ballot rows (every channel) this projector added, by log index, as they stand now.</summary>
    public IReadOnlyDictionary<long, BallotRow> AddedBallots => _addedByIndex;

    /// <summary>The number of log entries the tables hold: the index of the next entry to apply.</summary>
    public async Task<long> AppliedSizeAsync(CancellationToken cancellationToken) =>
        (await db.ProjectionState.AsNoTracking().SingleOrDefaultAsync(s => s.Id == ProjectionStateRow.SingletonId, cancellationToken))?.AppliedSize ?? 0;

    /// <summary>
    /// Applies consecutive log entries, starting at the applied size, and saves them with the new
    /// applied size in one transaction.
    /// </summary>
    /// <exception cref="ProjectionException">An entry is out of sequence or contradicts the ones before it.</exception>
    public async Task ApplyAsync(IEnumerable<LoggedEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (_dedicated is { } dedicated && db.Database.IsSqlite())
        {
            // Already open, at synchronous=NORMAL for good (ProjectionConnection).
            db.Database.SetDbConnection(dedicated.Open(db.Database.GetConnectionString()!), contextOwnsConnection: false);
            try
            {
                await ApplyInTransactionAsync(events, cancellationToken);
            }
            catch
            {
                dedicated.Close();
                throw;
            }

            return;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await RelaxCommitAsync(db, cancellationToken);
            await ApplyInTransactionAsync(events, cancellationToken);
        }
        finally
        {
            await RestoreCommitAsync(db);
            await db.Database.CloseConnectionAsync();
        }
    }

    // DESIGN.md §2: the log is the source of truth and the tables a projection of it. Entries are
    // durable in the log before they are projected, and at every start EventLog.CatchUpAsync
    // applies the entries beyond the tables' applied size; so a projection commit need not wait
    // for its own fsync (issue 10: that was one more fsync per batch on every ballot's path). A
    // commit lost to a power cut is applied again from the log at the next start (the cut stopped
    // this process too); a killed process loses nothing (WAL frames are in the page cache).
    // sqlite.org/pragma.html#pragma_synchronous: NORMAL in WAL mode stays consistent and only skips
    // the commit's fsync; the next commit at FULL syncs the whole WAL file, these frames included.
    // PostgreSQL keeps synchronous commits: its server can crash while this process runs on, and
    // the projector would then find the tables behind its own count.
    private static async Task RelaxCommitAsync(OwnersVoteDb db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=NORMAL;", cancellationToken);
        }
    }

    // The pooled SQLite handle keeps its pragmas: every other writer commits at FULL again.
    private static async Task RestoreCommitAsync(OwnersVoteDb db)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=FULL;", CancellationToken.None);
        }
    }

    private async Task ApplyInTransactionAsync(IEnumerable<LoggedEvent> events, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        List<LoggedEvent> run = [.. events];
        if (transaction.GetDbTransaction() is Microsoft.Data.Sqlite.SqliteTransaction sqlite && await TryApplyOnlineRunAsync(run, sqlite, cancellationToken))
        {
            await transaction.CommitAsync(cancellationToken);
            return;
        }

        ProjectionStateRow? state = await db.ProjectionState.SingleOrDefaultAsync(s => s.Id == ProjectionStateRow.SingletonId, cancellationToken);
        if (state is null)
        {
            state = new ProjectionStateRow();
            db.ProjectionState.Add(state);
        }

        await PreloadBallotsAsync([.. run.Select(e => e.Event).OfType<BallotCast>()], cancellationToken);
        foreach (LoggedEvent e in run)
        {
            if (e.Index != state.AppliedSize)
            {
                throw new ProjectionException($"Log entry {e.Index} arrives when entry {state.AppliedSize} is next: the tables do not follow this log.");
            }

            bool online = e.Event is BallotCast;
            if (!online)
            {
                // Later events read what earlier ones wrote (a ballot needs its matter, a matter
                // its roll): anything but an online ballot is saved on its own, and the run's
                // rolls are read again.
                await SaveAsync(cancellationToken);
                _rolls.Clear();
                _counted.Clear();
            }

            await ApplyOneAsync(e, cancellationToken);
            state.AppliedSize = checked(e.Index + 1);
            if (!online)
            {
                await SaveAsync(cancellationToken);
            }
        }

        await SaveAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (_dedicated is null
            || db.Database.CurrentTransaction?.GetDbTransaction() is not Microsoft.Data.Sqlite.SqliteTransaction transaction
            || !_dedicated.TrySave(db.ChangeTracker, transaction))
        {
            await UncountFirstAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        _added.Clear();
    }

    /// <summary>
    /// Writes the ballots that stop counting before the rest of the save. The unique index of
    /// counted ballots (<see cref="ProjectionSchema.CountedBallotsIndex"/>) checks each statement as
    /// it runs, and EF Core orders a save's updates by key, not by what the index needs: the row
    /// that starts counting again after a withdrawal may come first.
    /// </summary>
    private async Task UncountFirstAsync(CancellationToken cancellationToken)
    {
        List<EntityEntry<BallotRow>> stopping = [.. db.ChangeTracker.Entries<BallotRow>().Where(e =>
            e.State == EntityState.Modified && !e.Entity.Counts && e.Property(b => b.Counts) is { IsModified: true, OriginalValue: true })];
        if (stopping.Count == 0)
        {
            return;
        }

        List<long> indexes = [.. stopping.Select(e => e.Entity.LogIndex)];
        await db.Ballots.Where(b => indexes.Contains(b.LogIndex)).ExecuteUpdateAsync(s => s.SetProperty(b => b.Counts, false), cancellationToken);
        foreach (EntityEntry<BallotRow> entry in stopping)
        {
            PropertyEntry<BallotRow, bool> counts = entry.Property(b => b.Counts);
            counts.OriginalValue = false;
            counts.IsModified = false;
        }
    }

    private async Task PreloadBallotsAsync(List<BallotCast> ballots, CancellationToken cancellationToken)
    {
        if (ballots.Count == 0)
        {
            return;
        }

        // Each list is one JSON parameter (EF.Parameter: SQLite's json_each), so each query's SQL is
        // the same whatever the run's size. As a list of parameters (EF Core 10's default), SQLite
        // parsed a new IN list of up to a hundred names at every run, and bound each by name.
        // Tracked, so FindAsync answers from memory for the rest of the run.
        List<string> credentials = [.. ballots.Select(b => Base64UrlText.Encode(b.Assertion.CredentialId.Span)).Distinct(StringComparer.Ordinal)];
        await db.Credentials.Where(c => EF.Parameter(credentials).Contains(c.Id)).LoadAsync(cancellationToken);

        List<string> ids = [.. ballots.Select(b => b.BallotId).Distinct(StringComparer.Ordinal)];
        foreach (var known in await db.Ballots.AsNoTracking().Where(b => EF.Parameter(ids).Contains(b.BallotId)).Select(b => new { b.MatterId, b.BallotId }).ToListAsync(cancellationToken))
        {
            _known.Add((known.MatterId, known.BallotId));
        }

        HashSet<(string, string)> wanted = [.. ballots.Select(b => (b.Vote, b.Ballot.Principal))];
        List<string> principals = [.. wanted.Select(w => w.Item2).Distinct(StringComparer.Ordinal)];
        List<string> votes = [.. wanted.Select(w => w.Item1).Distinct(StringComparer.Ordinal)];
        foreach ((string, string) key in wanted)
        {
            _counted[key] = null;
        }

        // Both columns, so the (matter, owner) index answers. Only the counted rows: a principal
        // who changed their ballot many times has one, where their whole history was read before.
        // On SQLite through the partial index by name (ProjectionConnection.ReadCountedSql says why).
        IQueryable<BallotRow> countedNow = db.Database.IsSqlite()
            ? db.Ballots.FromSqlRaw(
                ProjectionConnection.CountedRowsSql,
                new Microsoft.Data.Sqlite.SqliteParameter("@votes", ProjectionConnection.JsonList(votes)),
                new Microsoft.Data.Sqlite.SqliteParameter("@principals", ProjectionConnection.JsonList(principals)))
            : db.Ballots.Where(b => EF.Parameter(votes).Contains(b.MatterId) && EF.Parameter(principals).Contains(b.OwnerId) && b.Counts);
        foreach (BallotRow row in await countedNow.ToListAsync(cancellationToken))
        {
            if (_counted.ContainsKey((row.MatterId, row.OwnerId)))
            {
                _counted[(row.MatterId, row.OwnerId)] = row;
            }
        }
    }

    // Every ballot row of every channel is added here, so the run's duplicate check and unsaved
    // rows stay what the tables would return.
    private void AddBallot(BallotRow row)
    {
        db.Ballots.Add(row);
        _added.Add(row);
        _addedByIndex[row.LogIndex] = row;
        _known.Add((row.MatterId, row.BallotId));
    }

    // A principal's ballots in a vote, every channel, the run's unsaved rows included (tracked rows
    // come back as the instances the run holds, with its changes).
    private async Task<List<BallotRow>> PrincipalBallotsAsync(string matter, string principal, CancellationToken cancellationToken)
    {
        List<BallotRow> ballots = await db.Ballots
            .Where(b => b.MatterId == matter && b.OwnerId == principal)
            .ToListAsync(cancellationToken);
        // Rows of this run not saved yet, as a query after saving would return them.
        ballots.AddRange(_added.Where(b => b.MatterId == matter && b.OwnerId == principal && !ballots.Contains(b)));
        return ballots;
    }

    private Task ApplyOneAsync(LoggedEvent logged, CancellationToken cancellationToken) => logged.Event switch
    {
        CompoundRegistered c => RegisterAsync(c, cancellationToken),
        CredentialEnrolled c => EnrolAsync(c, cancellationToken),
        CredentialRevoked c => RevokeAsync(c, cancellationToken),
        RollFrozen r => FreezeRollAsync(r, cancellationToken),
        MatterPublished m => PublishAsync(m, cancellationToken),
        BallotCast b => CastAsync(b, logged.Index, cancellationToken),
        BallotSuperseded s => SupersedeAsync(s, cancellationToken),
        PaperBallotIssued p => IssuePaperAsync(p, cancellationToken),
        PaperBallotRecorded p => RecordPaperAsync(p, logged.Index, cancellationToken),
        ProxyGranted p => GrantProxyAsync(p, cancellationToken),
        EnrolmentApproved a => RequireCompoundAsync(a.Compound, cancellationToken),
        ProxyRevoked p => RevokeProxyAsync(p, cancellationToken),
        CustodialBallotCast c => CastCustodialAsync(c, logged.Index, cancellationToken),
        VoteClosed v => CloseAsync(v, cancellationToken),
        TallyPublished t => PublishTallyAsync(t, logged, cancellationToken),
        VoteOpened v => OpenAsync(v, cancellationToken),
        BallotDelivered d => DeliverAsync(d, logged.Index, cancellationToken),
        ReminderSent r => RemindAsync(r, logged.Index, cancellationToken),
        Objection o => ObjectAsync(o, logged.Index, cancellationToken),
        ObjectionResolved o => ResolveAsync(o, cancellationToken),
        ResultFinalised f => FinaliseAsync(f, logged, cancellationToken),
        NoticePublished n => PublishNoticeAsync(n, logged.Index, cancellationToken),
        StatementPublished s => PublishStatementAsync(s, logged.Index, cancellationToken),
        _ => throw new ProjectionException($"No projection for event {logged.Event.Type} (entry {logged.Index})."),
    };

    private async Task RegisterAsync(CompoundRegistered e, CancellationToken cancellationToken)
    {
        if (await db.Compounds.AnyAsync(c => c.Id == e.Compound, cancellationToken))
        {
            throw new ProjectionException($"Compound {e.Compound} is registered twice.");
        }

        db.Compounds.Add(new CompoundRow
        {
            Id = e.Compound,
            Name = e.Name,
            Locality = e.Address,
            RpId = e.RpId,
            Origins = string.Join('\n', e.Origins),
            RequireUserVerification = e.RequireUserVerification,
        });
    }

    private async Task EnrolAsync(CredentialEnrolled e, CancellationToken cancellationToken)
    {
        await RequireCompoundAsync(e.Compound, cancellationToken);
        string id = Base64UrlText.Encode(e.CredentialId.Span);
        if (await db.Credentials.AnyAsync(c => c.Id == id, cancellationToken))
        {
            throw new ProjectionException($"Credential {id} is enrolled twice.");
        }

        db.Credentials.Add(new CredentialRow
        {
            Id = id,
            CompoundId = e.Compound,
            OwnerHash = e.Owner,
            PublicKey = e.PublicKey.Encoded.ToArray(),
            Kind = KindText(e.Kind),
            EnrolledAt = e.At,
            ActiveFrom = e.ActiveFrom,
        });
    }

    private async Task RevokeAsync(CredentialRevoked e, CancellationToken cancellationToken)
    {
        string id = Base64UrlText.Encode(e.CredentialId.Span);
        CredentialRow credential = await db.Credentials.FindAsync([id], cancellationToken)
            ?? throw new ProjectionException($"Credential {id} is revoked but was never enrolled.");
        if (credential.OwnerHash != e.Owner)
        {
            throw new ProjectionException($"Credential {id} is revoked for another owner than it was enrolled for.");
        }

        credential.RevokedAt ??= e.At;
    }

    private async Task FreezeRollAsync(RollFrozen e, CancellationToken cancellationToken)
    {
        await RequireCompoundAsync(e.Compound, cancellationToken);
        // A roll logged in parts (RollFrozen.Split) is one group of consecutive entries: each part
        // adds its units; only a first part finds the vote without a roll.
        bool frozen = await db.Units.AnyAsync(u => u.VoteId == e.Vote, cancellationToken);
        if (e.Part == 1 && frozen)
        {
            throw new ProjectionException($"The roll of vote {e.Vote} is frozen twice.");
        }

        if (e.Part > 1 && (!frozen || await db.Matters.AnyAsync(m => m.Id == e.Vote, cancellationToken)))
        {
            throw new ProjectionException($"Part {e.Part} of the roll of vote {e.Vote} comes without its first part, or after the vote's matter.");
        }

        // Buildings and owners are the compound's: the union of the rolls frozen so far.
        HashSet<string> buildings = [.. await db.Buildings.Where(b => b.CompoundId == e.Compound).Select(b => b.Id).ToListAsync(cancellationToken)];
        HashSet<string> owners = [.. await db.Owners.Where(o => o.CompoundId == e.Compound).Select(o => o.Id).ToListAsync(cancellationToken)];
        foreach (RollEntry u in e.Units)
        {
            if (buildings.Add(u.Building.Value))
            {
                db.Buildings.Add(new BuildingRow { CompoundId = e.Compound, Id = u.Building.Value });
            }

            if (owners.Add(u.Principal.Value))
            {
                db.Owners.Add(new OwnerRow { CompoundId = e.Compound, Id = u.Principal.Value });
            }

            db.Units.Add(new UnitRow
            {
                CompoundId = e.Compound,
                VoteId = e.Vote,
                Id = u.Unit.Value,
                BuildingId = u.Building.Value,
                AreaHundredths = u.Area.Hundredths,
                AreaSource = RollCsv.FormatAreaSource(u.AreaSource),
                OwnerId = u.Principal.Value,
                OwnerHash = u.Owner,
            });
        }
    }

    private async Task PublishAsync(MatterPublished e, CancellationToken cancellationToken)
    {
        await RequireCompoundAsync(e.Compound, cancellationToken);
        if (await db.Matters.AnyAsync(m => m.Id == e.Vote, cancellationToken))
        {
            throw new ProjectionException($"Matter {e.Vote} is published twice.");
        }

        foreach (BuildingId building in e.Scope)
        {
            if (!await db.Buildings.AnyAsync(b => b.CompoundId == e.Compound && b.Id == building.Value, cancellationToken))
            {
                throw new ProjectionException($"Matter {e.Vote} is scoped to building {building}, which is not on the roll.");
            }

            db.MatterScopes.Add(new MatterScopeRow { MatterId = e.Vote, BuildingId = building.Value });
        }

        db.Matters.Add(new MatterRow
        {
            Id = e.Vote,
            CompoundId = e.Compound,
            Title = e.Title,
            Text = e.Text,
            Threshold = e.Threshold.ToString(),
            OpensAt = e.Opens,
            ClosesAt = e.Closes,
            AllowChange = e.AllowChange,
            Handwriting = e.Handwriting.ToString().ToLowerInvariant(),
            Questions = string.Join('\n', e.Questions.Select(q => q.Id)),
            Options = string.Join('\n', e.Options.Select(BallotCsv.FormatChoice)),
            Question = e.Questions[0].Id,
            QuestionTexts = JsonSerializer.Serialize(e.Questions.Select(q => q.Text)),
            Documents = JsonSerializer.Serialize(e.Documents.Select(d => new { name = d.Name, sha256 = d.Sha256 })),
            ObjectionHours = e.ObjectionHours,
            SilentMajority = e.SilentMajority,
            Reminders = string.Join(',', e.ReminderRounds),
            QuestionThresholds = string.Join('\n', e.Questions.Select(q => q.Threshold?.ToString() ?? "")),
        });
    }

    private async Task CastAsync(BallotCast e, long index, CancellationToken cancellationToken)
    {
        MatterRow matter = await RequireMatterAsync(e.Vote, cancellationToken);
        // Issue 10: the credential as the run preloaded it (tracked: its counter is saved).
        CredentialRow? credential = await db.Credentials.FindAsync([Base64UrlText.Encode(e.Assertion.CredentialId.Span)], cancellationToken);
        ProxyCheck proxy = await ProxyCheckAsync(e, credential, cancellationToken);
        string? rejection = await CheckAsync(e, matter, credential, proxy, cancellationToken);
        BallotRow row = OnlineRow(e, index, matter, rejection, proxy.Mandate);
        AddBallot(row);
        if (rejection is null)
        {
            if (_counted.TryGetValue((e.Vote, e.Ballot.Principal), out BallotRow? counted))
            {
                CountNewOnline(matter, row, counted);
            }
            else
            {
                await RecountPrincipalAsync(matter, e.Ballot.Principal, cancellationToken);
            }
        }
    }

    private static BallotRow OnlineRow(BallotCast e, long index, MatterRow matter, string? rejection, string? mandate)
    {
        BallotAnswer? answer = e.Ballot.Answers.FirstOrDefault(a => a.Question == matter.Question);
        return new BallotRow
        {
            BallotId = e.BallotId,
            MatterId = e.Vote,
            OwnerId = e.Ballot.Principal,
            Choice = BallotCsv.FormatChoice(answer?.Choice ?? Choice.Invalid),
            Answers = ChoicesByQuestion(matter, e.Ballot.Answers),
            Channel = Online,
            CastAt = e.At,
            LogIndex = index,
            Rejection = rejection,
            Handwriting = e.Ballot.Handwriting,
            Proxy = mandate,
        };
    }

    // RecountPrincipalAsync for the one case of a run of online ballots: a valid online ballot
    // newer than every other ballot of its principal, given the row that counts now.
    private void CountNewOnline(MatterRow matter, BallotRow row, BallotRow? counted)
    {
        if (ReplacesCounted(matter, counted?.Channel))
        {
            counted?.Counts = false;
            row.Counts = true;
            _counted[(row.MatterId, row.OwnerId)] = row;
        }
    }

    // Whether a valid online ballot newer than every other ballot of its principal takes the place
    // of the one that counts now (of channel countedChannel, null for none). Online (and
    // custodial) ballots stand over paper; among them the newest counts where the vote allows
    // changes, otherwise the first (DESIGN.md "Ballot signing", JI art. 9).
    private static bool ReplacesCounted(MatterRow matter, string? countedChannel) =>
        countedChannel is null || countedChannel == Paper || matter.AllowChange;

    // The checks of VoteReplay, in its order and with its codes, so the tables count exactly what
    // a recount of the log counts (DESIGN.md §2: a mismatch is a failed audit).
    private async Task<string?> CheckAsync(BallotCast e, MatterRow matter, CredentialRow? credential, ProxyCheck proxy, CancellationToken cancellationToken)
    {
        string id = e.BallotId;
        if (_known.Contains((e.Vote, id)))
        {
            return "duplicate-ballot";
        }

        if (matter.ClosedAt is not null)
        {
            return "after-close";
        }

        if (e.At < matter.OpensAt || e.At >= matter.ClosesAt)
        {
            return "outside-voting-period";
        }

        if (credential is null || credential.CompoundId != e.Compound)
        {
            return "unknown-credential";
        }

        if (credential.RevokedAt is { } revokedAt && revokedAt <= e.At)
        {
            return "credential-revoked";
        }

        if (e.At < credential.ActiveFrom)
        {
            return "credential-not-active";
        }

        // The owner's signature first: an unsigned claim does not reach the roll checks.
        RelyingParty relyingParty = await RelyingPartyAsync(e.Compound, cancellationToken);
        var stored = new StoredCredential(Base64Url(credential.Id), _keys.Get(credential.PublicKey), checked((uint)credential.SignCount));
        AssertionResult verdict = BallotSignatureVerifier.Verify(ParseKind(credential.Kind), e.Assertion, Convert.FromHexString(id), stored, relyingParty);
        if (verdict is AssertionResult.Rejected rejected)
        {
            return rejected.Code;
        }

        // WebAuthn §7.2 step 22: the stored counter moves to the accepted one.
        credential.SignCount = ((AssertionResult.Accepted)verdict).SignCount;

        // Shanghai art. 18, as VoteReplay: a proxy signs for the owner who mandated them.
        if (proxy.Problem is { } proxyProblem)
        {
            return proxyProblem;
        }

        if (await RollProblemAsync(e.Vote, e.Ballot.Principal, e.Ballot.Units, proxy.Owner ?? credential.OwnerHash, cancellationToken) is { } rollProblem)
        {
            return rollProblem;
        }

        if (!AnswersMatch(matter, e.Ballot.Answers, allowInvalid: false))
        {
            return "answers-mismatch";
        }

        // Issue 11, as VoteReplay: the vote's handwriting policy.
        string? handwritingProblem = (matter.Handwriting, e.Ballot.Handwriting) switch
        {
            ("required", null) => "handwriting-missing",
            ("off", not null) => "handwriting-not-allowed",
            _ => null,
        };
        return handwritingProblem ?? await InPersonProblemAsync(e.Vote, e.Ballot.Principal, proxy.Mandate, cancellationToken);
    }

    // A compound's relying party, made once per run (a compound never changes once registered, so
    // no later event of the run can change it): every signature of a run checks against it.
    private async Task<RelyingParty> RelyingPartyAsync(string compoundId, CancellationToken cancellationToken)
    {
        if (!_relyingParties.TryGetValue(compoundId, out RelyingParty? relyingParty))
        {
            // Issue 10: kept across runs (a compound row never changes once registered).
            CompoundRow compound = await _facts.CompoundAsync(db, compoundId, cancellationToken)
                ?? throw new ProjectionException($"Compound {compoundId} is not registered.");
            relyingParty = new RelyingParty(compound.RpId, new HashSet<string>(compound.Origins.Split('\n'), StringComparer.Ordinal), compound.RequireUserVerification);
            _relyingParties[compoundId] = relyingParty;
        }

        return relyingParty;
    }

    // VoteReplay.CheckRoll: a null owner hash is a paper sheet, which has no signer.
    private async Task<string?> RollProblemAsync(string vote, string principal, IReadOnlyList<string> units, string? ownerHash, CancellationToken cancellationToken)
    {
        (IReadOnlyDictionary<string, UnitRow> byUnit, ILookup<string, UnitRow> byPrincipal, HashSet<string> scope) = await RollOfAsync(vote, cancellationToken);
        foreach (string unit in units)
        {
            if (!byUnit.TryGetValue(unit, out UnitRow? entry))
            {
                return "not-on-roll";
            }

            if (entry.OwnerId != principal)
            {
                return "wrong-principal";
            }

            if (ownerHash is not null && entry.OwnerHash != ownerHash)
            {
                return "not-owner";
            }

            // Shanghai art. 69: only the owners of the buildings concerned decide.
            if (scope.Count > 0 && !scope.Contains(entry.BuildingId))
            {
                return "out-of-scope";
            }
        }

        // JI art. 9: one ballot covers exactly the principal's units in scope.
        IEnumerable<string> principalUnits = byPrincipal[principal]
            .Where(u => scope.Count == 0 || scope.Contains(u.BuildingId))
            .Select(u => u.Id)
            .Order(StringComparer.Ordinal);
        return principalUnits.SequenceEqual(units, StringComparer.Ordinal) ? null : "units-mismatch";
    }

    // Issue 10: a frozen roll never changes (RollFrozen twice is refused), so VoteFactsCache keeps
    // it across runs instead of every run reading the whole roll again; a vote without a frozen
    // roll yet is read each time (the cache keeps only non-empty rolls).
    private async Task<VoteRoll> RollOfAsync(string vote, CancellationToken cancellationToken)
    {
        if (!_rolls.TryGetValue(vote, out VoteRoll? roll))
        {
            MatterRow matter = await RequireMatterAsync(vote, cancellationToken);
            VoteFacts known = await _facts.GetAsync(db, matter, cancellationToken);
            roll = new VoteRoll(known.ByUnit, known.ByPrincipal, [.. known.Scope]);
            _rolls[vote] = roll;
        }

        return roll;
    }

    private static bool AnswersMatch(MatterRow matter, IReadOnlyList<BallotAnswer> answers, bool allowInvalid)
    {
        string[] options = matter.Options.Split('\n');
        return answers.Select(a => a.Question).SequenceEqual(matter.Questions.Split('\n'), StringComparer.Ordinal)
            && answers.All(a => options.Contains(BallotCsv.FormatChoice(a.Choice)) || (allowInvalid && a.Choice == Choice.Invalid));
    }

    private async Task IssuePaperAsync(PaperBallotIssued e, CancellationToken cancellationToken)
    {
        await RequireMatterAsync(e.Vote, cancellationToken);
        if (await db.PaperSerials.FindAsync([e.Vote, e.Serial], cancellationToken) is not null)
        {
            throw new ProjectionException($"Paper serial {e.Serial} of matter {e.Vote} is issued twice.");
        }

        // A re-issue voids the principal's earlier sheets (PaperBallotIssued).
        foreach (PaperSerialRow earlier in await db.PaperSerials.Where(p => p.MatterId == e.Vote && p.OwnerId == e.Principal).ToListAsync(cancellationToken))
        {
            earlier.Voided = true;
        }

        db.PaperSerials.Add(new PaperSerialRow { Serial = e.Serial, MatterId = e.Vote, OwnerId = e.Principal, Units = string.Join('\n', e.Units), IssuedAt = e.At });
    }

    private async Task RecordPaperAsync(PaperBallotRecorded e, long index, CancellationToken cancellationToken)
    {
        MatterRow matter = await RequireMatterAsync(e.Vote, cancellationToken);
        string? rejection = await CheckPaperAsync(e, matter, cancellationToken);
        BallotAnswer? answer = e.Answers.FirstOrDefault(a => a.Question == matter.Question);
        AddBallot(new BallotRow
        {
            BallotId = e.Serial,
            MatterId = e.Vote,
            OwnerId = e.Principal,
            Choice = BallotCsv.FormatChoice(answer?.Choice ?? Choice.Invalid),
            Answers = ChoicesByQuestion(matter, e.Answers),
            Channel = Paper,
            CastAt = e.At,
            LogIndex = index,
            Rejection = rejection,
            // The officers recorded that the owner's online ballot stands (DESIGN.md "Paper ballots").
            Superseded = !e.Counts,
            Scan = e.Scan,
        });
        await SaveAsync(cancellationToken);
        if (rejection is null)
        {
            await RecountPrincipalAsync(matter, e.Principal, cancellationToken);
        }
    }

    // VoteReplay's paper checks, in its order and with its codes.
    private async Task<string?> CheckPaperAsync(PaperBallotRecorded e, MatterRow matter, CancellationToken cancellationToken)
    {
        if (await db.Ballots.AnyAsync(b => b.MatterId == e.Vote && b.Channel == Paper && b.BallotId == e.Serial, cancellationToken))
        {
            return "duplicate-serial";
        }

        if (matter.ResultPublishedAt is not null)
        {
            return "after-tally";
        }

        PaperSerialRow? issued = await db.PaperSerials.FindAsync([e.Vote, e.Serial], cancellationToken);
        if (issued is null)
        {
            return "serial-not-issued";
        }

        if (issued.Voided)
        {
            return "serial-voided";
        }

        if (issued.OwnerId != e.Principal || issued.Units != string.Join('\n', e.Units))
        {
            return "not-as-issued";
        }

        if (await RollProblemAsync(e.Vote, e.Principal, e.Units, ownerHash: null, cancellationToken) is { } rollProblem)
        {
            return rollProblem;
        }

        return AnswersMatch(matter, e.Answers, allowInvalid: true) ? null : "answers-mismatch";
    }

    /// <summary>The stored spelling of a credential kind (the log's wire name).</summary>
    public static string KindText(CredentialKind kind) => kind == CredentialKind.DeviceKey ? "device-key" : "passkey";

    /// <summary>Reads a stored credential kind.</summary>
    public static CredentialKind ParseKind(string text) => text switch
    {
        "passkey" => CredentialKind.Passkey,
        "device-key" => CredentialKind.DeviceKey,
        _ => throw new ProjectionException($"Credential kind \"{text}\" is not known."),
    };

    private static byte[] Base64Url(string text) =>
        Base64UrlText.TryDecode(text, out byte[] bytes) ? bytes : throw new ProjectionException($"Credential id {text} is not base64url.");

    private async Task SupersedeAsync(BallotSuperseded e, CancellationToken cancellationToken)
    {
        MatterRow matter = await RequireMatterAsync(e.Vote, cancellationToken);
        // The first ballot with that id, as VoteReplay finds it.
        BallotRow ballot = await db.Ballots.Where(b => b.BallotId == e.Ballot && b.MatterId == e.Vote).OrderBy(b => b.LogIndex).FirstOrDefaultAsync(cancellationToken)
            ?? throw new ProjectionException($"Ballot {e.Ballot} is superseded but was not cast in vote {e.Vote}.");
        ballot.Superseded = true;
        await RecountPrincipalAsync(matter, ballot.OwnerId, cancellationToken);
    }

    // DESIGN.md "Ballot signing": among a principal's ballots not superseded, the last counts
    // while the vote allows changes, otherwise the first; every ballot stays in the log.
    private async Task RecountPrincipalAsync(MatterRow matter, string principal, CancellationToken cancellationToken)
    {
        List<BallotRow> ballots = await PrincipalBallotsAsync(matter.Id, principal, cancellationToken);
        // A custodial ballot is the owner's own, given in person: it ranks with the online ones.
        List<BallotRow> online = [.. ballots.Where(b => !b.Superseded && b.Rejection is null && b.Channel != Paper).OrderBy(b => b.LogIndex)];
        List<BallotRow> paper = [.. ballots.Where(b => !b.Superseded && b.Rejection is null && b.Channel == Paper).OrderBy(b => b.LogIndex)];
        // JI art. 9 across both channels: the online ballot stands over a paper one; the first
        // paper ballot otherwise (VoteReplay).
        BallotRow? counted = online.Count > 0 ? (matter.AllowChange ? online[^1] : online[0]) : paper.FirstOrDefault();
        foreach (BallotRow b in ballots)
        {
            b.Counts = ReferenceEquals(b, counted);
        }
    }

    private async Task CloseAsync(VoteClosed e, CancellationToken cancellationToken)
    {
        MatterRow matter = await RequireMatterAsync(e.Vote, cancellationToken);
        matter.ClosedAt = matter.ClosedAt is null ? e.At : throw new ProjectionException($"Matter {e.Vote} is closed twice.");
    }

    private async Task PublishTallyAsync(TallyPublished e, LoggedEvent logged, CancellationToken cancellationToken)
    {
        MatterRow matter = await RequireMatterAsync(e.Vote, cancellationToken);
        if (matter.ClosedAt is null)
        {
            throw new ProjectionException($"A tally for matter {e.Vote} is published before the vote closed.");
        }

        QuestionTally tally = e.Questions.SingleOrDefault(q => q.Question == matter.Question)
            ?? throw new ProjectionException($"The tally of matter {e.Vote} has no count for question {matter.Question}.");
        matter.ResultPassed = tally.Passed;
        // A second TallyPublished is the corrected result an upheld objection called for; the
        // objection period runs again from it.
        matter.CorrectionDue = null;
        matter.ResultPublishedAt = e.At;
        matter.TallyTreeSize = checked(logged.Index + 1);
        matter.TallyRootHash = logged.TreeRoot.ToBase64();
        matter.TallyJson = System.Text.Encoding.UTF8.GetString(EventCodec.Encode(e));
    }

    // Issue 7: the lifecycle entries. VoteReplay enforces their order; the tables record them.
    private async Task OpenAsync(VoteOpened e, CancellationToken cancellationToken)
    {
        MatterRow matter = await RequireMatterAsync(e.Vote, cancellationToken);
        matter.OpenedAt = matter.OpenedAt is null ? e.At : throw new ProjectionException($"Matter {e.Vote} is opened twice.");
    }

    private async Task DeliverAsync(BallotDelivered e, long index, CancellationToken cancellationToken)
    {
        await RequireMatterAsync(e.Vote, cancellationToken);
        db.Deliveries.Add(new DeliveryRow { LogIndex = index, MatterId = e.Vote, OwnerId = e.Principal, Channel = e.Channel.ToString().ToLowerInvariant(), At = e.At, Officer = e.Actor });
    }

    private async Task RemindAsync(ReminderSent e, long index, CancellationToken cancellationToken)
    {
        await RequireMatterAsync(e.Vote, cancellationToken);
        db.Reminders.Add(new ReminderRow { LogIndex = index, MatterId = e.Vote, OwnerId = e.Principal, Round = e.Round, At = e.At });
    }

    private async Task ObjectAsync(Objection e, long index, CancellationToken cancellationToken)
    {
        await RequireMatterAsync(e.Vote, cancellationToken);
        if (await db.Objections.FindAsync([e.Vote, e.Id], cancellationToken) is not null)
        {
            throw new ProjectionException($"Objection {e.Id} of matter {e.Vote} is filed twice.");
        }

        db.Objections.Add(new ObjectionRow { MatterId = e.Vote, Id = e.Id, OwnerHash = e.Owner, Text = e.Text, FiledAt = e.At, LogIndex = index });
    }

    private async Task ResolveAsync(ObjectionResolved e, CancellationToken cancellationToken)
    {
        ObjectionRow objection = await db.Objections.FindAsync([e.Vote, e.Objection], cancellationToken)
            ?? throw new ProjectionException($"Objection {e.Objection} of matter {e.Vote} is answered but was never filed.");
        objection.Answer = objection.Answer is null ? e.Answer : throw new ProjectionException($"Objection {e.Objection} of matter {e.Vote} is answered twice.");
        objection.AnsweredAt = e.At;
        objection.AnsweredBy = e.Actor;
        // An upheld objection holds the result until a corrected one is published (VoteReplay).
        objection.Upheld = e.Upheld;
        if (e.Upheld)
        {
            MatterRow matter = await RequireMatterAsync(e.Vote, cancellationToken);
            matter.CorrectionDue ??= e.Objection;
        }
    }

    private async Task FinaliseAsync(ResultFinalised e, LoggedEvent logged, CancellationToken cancellationToken)
    {
        MatterRow matter = await RequireMatterAsync(e.Vote, cancellationToken);
        if (matter.ResultPublishedAt is null || matter.FinalisedAt is not null)
        {
            throw new ProjectionException($"Matter {e.Vote} is finalised before its result was published, or twice.");
        }

        matter.FinalisedAt = e.At;
        matter.FinalTreeSize = checked(logged.Index + 1);
        matter.FinalRootHash = logged.TreeRoot.ToBase64();
    }

    // Issue 7 part 6: notices. The log keeps the text; the table is what the pages read.
    private async Task PublishNoticeAsync(NoticePublished e, long index, CancellationToken cancellationToken)
    {
        await RequireCompoundAsync(e.Compound, cancellationToken);
        if (await db.Notices.AnyAsync(n => n.CompoundId == e.Compound && n.Id == e.Notice, cancellationToken))
        {
            throw new ProjectionException($"Notice {e.Notice} of compound {e.Compound} is published twice.");
        }

        db.Notices.Add(new NoticeRow
        {
            CompoundId = e.Compound,
            Id = e.Notice,
            Title = e.Title,
            Body = e.Body,
            Scope = string.Join('\n', e.Scope.Select(b => b.Value)),
            Attachments = JsonSerializer.Serialize(e.Attachments.Select(d => new { name = d.Name, sha256 = d.Sha256 })),
            PublishedAt = e.At,
            Actor = e.Actor,
            LogIndex = index,
        });
    }

    // Issue 7 part 7: fund and public-income statements with their lines. A statement logged in
    // parts (StatementPublished.Split) is one group of consecutive entries: the first makes the
    // statement, and each part adds its lines after those of the parts before it.
    private async Task PublishStatementAsync(StatementPublished e, long index, CancellationToken cancellationToken)
    {
        await RequireCompoundAsync(e.Compound, cancellationToken);
        bool published = await db.Statements.AnyAsync(s => s.CompoundId == e.Compound && s.Id == e.Statement, cancellationToken);
        if (e.Part == 1 && published)
        {
            throw new ProjectionException($"Statement {e.Statement} of compound {e.Compound} is published twice.");
        }

        if (e.Part > 1)
        {
            if (!published)
            {
                throw new ProjectionException($"Part {e.Part} of statement {e.Statement} of compound {e.Compound} comes without its first part.");
            }

            int before = await db.StatementLines.CountAsync(l => l.CompoundId == e.Compound && l.StatementId == e.Statement, cancellationToken);
            AddStatementLines(e, before);
            return;
        }

        db.Statements.Add(new StatementRow
        {
            CompoundId = e.Compound,
            Id = e.Statement,
            Kind = e is FundStatementPublished ? StatementRow.Fund : StatementRow.Income,
            BuildingId = e is FundStatementPublished fund ? fund.Building.Value : "",
            From = e.From,
            To = e.To,
            Opening = e.Opening,
            Closing = e.Closing,
            Attachments = JsonSerializer.Serialize(e.Attachments.Select(d => new { name = d.Name, sha256 = d.Sha256 })),
            PublishedAt = e.At,
            LogIndex = index,
        });
        AddStatementLines(e, 0);
    }

    private void AddStatementLines(StatementPublished e, int before)
    {
        for (int i = 0; i < e.Lines.Count; i++)
        {
            StatementLine line = e.Lines[i];
            db.StatementLines.Add(new StatementLineRow
            {
                CompoundId = e.Compound,
                StatementId = e.Statement,
                Number = before + i + 1,
                Date = line.Date,
                Kind = StatementPublished.KindText(line.Kind),
                Amount = line.Amount,
                Description = line.Description,
                VoteId = line.Vote,
                Document = line.Document,
            });
        }
    }

    private async Task RequireCompoundAsync(string compoundId, CancellationToken cancellationToken)
    {
        if (!await db.Compounds.AnyAsync(c => c.Id == compoundId, cancellationToken))
        {
            throw new ProjectionException($"Compound {compoundId} is not registered.");
        }
    }

    // As FindAsync: the tracked instance if the context has one (a matter added by this run
    // included), else the row, tracked. FindAsync built and looked up its query at every call, a
    // twentieth of the projector thread's time under load (issue 10); this query is compiled once,
    // and the run keeps the instances it got (one per key in a context).
    private async Task<MatterRow> RequireMatterAsync(string matterId, CancellationToken cancellationToken)
    {
        if (!_matters.TryGetValue(matterId, out MatterRow? matter))
        {
            matter = (db.Matters.Local.FindEntry(matterId)?.Entity ?? await s_matterById.GetValue(db.Model, static _ => EF.CompileAsyncQuery((OwnersVoteDb db, string id, CancellationToken cancellationToken) => db.Matters.SingleOrDefault(m => m.Id == id)))(db, matterId, cancellationToken))
                ?? throw new ProjectionException($"Matter {matterId} is not published.");
            _matters[matterId] = matter;
        }

        return matter;
    }

    /// <summary>A vote's frozen roll as one run reads it: every unit, by unit id, and the buildings in scope.</summary>
    private sealed record VoteRoll(IReadOnlyDictionary<string, UnitRow> ByUnit, ILookup<string, UnitRow> ByPrincipal, HashSet<string> Scope);
}
