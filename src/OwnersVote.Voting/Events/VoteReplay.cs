using OwnersVote.Voting.Signing;

namespace OwnersVote.Voting.Events;

/// <summary>
/// Recounts one vote from its log entries (DESIGN.md §2: "Tally is a pure function from the entries
/// of a vote to a result"). Each <c>BallotCast</c> is checked offline — WebAuthn assertion against
/// the owner's enrolled credential, the roll, the matter — and each <c>PaperBallotRecorded</c>
/// against its <c>PaperBallotIssued</c> serial; then one ballot per headcount principal counts
/// (JI art. 9; the online ballot stands over a paper one), and the double count of Civil Code
/// art. 278 is taken per question. A proxy's <c>BallotCast</c> (Shanghai art. 18) counts for the
/// mandating owner's principal under a <c>ProxyGranted</c> that covers it; a
/// <c>CustodialBallotCast</c> is the owner's own ballot, given in person at the desk (docs/proxies.md).
/// </summary>
public static class VoteReplay
{
    /// <summary>
    /// Replays vote <paramref name="vote"/> from a compound's whole log, as <c>ov verify</c> reads it:
    /// the compound's own events (registration, credentials) and that vote's events, in log order,
    /// verified against the relying party fixed by <c>CompoundRegistered</c>. Positions in the
    /// result are positions in <paramref name="log"/>.
    /// </summary>
    /// <param name="log">The compound's decoded entries, in log order, starting with <c>CompoundRegistered</c>.</param>
    /// <param name="vote">The vote to recount.</param>
    /// <exception cref="VoteReplayException">No <c>CompoundRegistered</c> precedes the vote, or the vote's log is inconsistent.</exception>
    public static VoteReplayResult Replay(IEnumerable<LedgerEvent> log, string vote)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentException.ThrowIfNullOrEmpty(vote);

        var replay = new CompoundReplay(vote);
        int position = 0;
        foreach (LedgerEvent e in log)
        {
            replay.Apply(e, position);
            position++;
        }

        return replay.Finish(vote);
    }

    // A replay starts at CompoundRegistered, which fixes the relying party ballots are checked against.
    internal static VoteReplayException BeforeRegistration(LedgerEvent e, int position) =>
        new($"Event {position} ({e.Type}) comes before CompoundRegistered, which fixes the relying party.");

    /// <summary>
    /// Replays the events of one vote in log order: its <c>RollFrozen</c>, <c>MatterPublished</c>,
    /// <c>BallotCast</c>, <c>CustodialBallotCast</c>, <c>PaperBallotIssued</c>, <c>PaperBallotRecorded</c>, <c>BallotSuperseded</c>,
    /// <c>VoteClosed</c> and <c>TallyPublished</c>, and the
    /// compound's <c>CredentialEnrolled</c>/<c>CredentialRevoked</c>, <c>ProxyGranted</c>/<c>ProxyRevoked</c>
    /// (and <c>CompoundRegistered</c>) before and among them.
    /// </summary>
    /// <param name="events">The decoded entries, in log order.</param>
    /// <param name="relyingParty">The RP ID and origins ballots were signed for, and whether user verification was required.</param>
    /// <exception cref="VoteReplayException">The events are not one vote's log (see the exception).</exception>
    public static VoteReplayResult Replay(IEnumerable<LedgerEvent> events, RelyingParty relyingParty)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(relyingParty);

        var state = new ReplayState(relyingParty);
        int position = 0;
        foreach (LedgerEvent e in events)
        {
            state.Apply(e, position);
            position++;
        }

        return state.Finish();
    }

    /// <summary>
    /// A compound's credentials as its <c>CredentialEnrolled</c> and <c>CredentialRevoked</c>
    /// entries leave them, read once for all its votes (<see cref="CompoundReplay"/>): each vote's
    /// replay keeps only the counters of the credentials that signed in it.
    /// </summary>
    internal sealed class CredentialBook
    {
        private readonly Dictionary<string, Credential> _credentials = new(StringComparer.Ordinal);

        /// <summary>
        /// The credential as it stood before the event at <paramref name="position"/>: enrolled by
        /// an earlier entry, and revoked (<paramref name="revokedAt"/>) only by an earlier one. A
        /// vote that appears late is replayed from the compound's start against this one book.
        /// </summary>
        public bool TryGet(string id, int position, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Credential? credential, out DateTimeOffset? revokedAt)
        {
            revokedAt = null;
            if (!_credentials.TryGetValue(id, out credential) || credential.Position >= position)
            {
                credential = null;
                return false;
            }

            if (credential.Revoked is { } revoked && revoked.Position < position)
            {
                revokedAt = revoked.At;
            }

            return true;
        }

        /// <summary>The enrolment of a credential as the book stands now, or null.</summary>
        public CredentialEnrolled? Enrolled(string id) => _credentials.TryGetValue(id, out Credential? credential) ? credential.Enrolled : null;

        /// <summary>Applies a <c>CredentialEnrolled</c> or <c>CredentialRevoked</c>; other events change nothing.</summary>
        /// <exception cref="VoteReplayException">A credential enrolled twice, or revoked without being enrolled for that owner.</exception>
        public void Apply(LedgerEvent e, int position)
        {
            switch (e)
            {
                case CredentialEnrolled enrolled:
                    string id = Base64UrlText.Encode(enrolled.CredentialId.Span);
                    if (!_credentials.TryAdd(id, new Credential(enrolled, position)))
                    {
                        throw new VoteReplayException($"Event {position}: credential {id} is enrolled twice.");
                    }

                    break;
                case CredentialRevoked revoked:
                    string revokedId = Base64UrlText.Encode(revoked.CredentialId.Span);
                    if (!_credentials.TryGetValue(revokedId, out Credential? credential) || credential.Enrolled.Owner != revoked.Owner)
                    {
                        throw new VoteReplayException($"Event {position}: revokes credential {revokedId}, which is not enrolled for that owner.");
                    }

                    credential.Revoked ??= (revoked.At, position);
                    break;
            }
        }
    }

    /// <param name="relyingParty">The RP ID and origins ballots were signed for.</param>
    /// <param name="book">The compound's credentials kept by the caller, who applies their events to it; null: this replay keeps its own.</param>
    internal sealed class ReplayState(RelyingParty relyingParty, CredentialBook? book = null)
    {
        private readonly CredentialBook _book = book ?? new CredentialBook();
        private readonly bool _ownBook = book is null;

        // WebAuthn §7.2 step 22: the last accepted counter of each credential that signed in this vote.
        private readonly Dictionary<Credential, uint> _signCounts = new(ReferenceEqualityComparer.Instance);
        private readonly List<Cast> _casts = [];
        private readonly Dictionary<string, Cast> _castsById = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Mandate> _mandates = new(StringComparer.Ordinal);
        private readonly HashSet<string> _votedInPerson = new(StringComparer.Ordinal);
        private readonly Dictionary<string, PaperBallotIssued> _issued = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _currentSerial = new(StringComparer.Ordinal);
        private readonly HashSet<string> _recordedSerials = new(StringComparer.Ordinal);
        // The first recording of each paper serial (the one that can count), for corrections.
        private readonly Dictionary<string, Cast> _paperBySerial = new(StringComparer.Ordinal);
        private string? _compound;
        private string? _vote;
        private RollFrozen? _roll;
        private readonly RollAssembly _rollParts = new();
        private Roll? _tallyRoll;
        private MatterPublished? _matter;
        private Matter? _tallyMatter;
        private bool _closed;
        private TallyPublished? _published;
        private VoteOpened? _opened;
        private ResultFinalised? _finalised;
        // The upheld objection the next TallyPublished must correct, or null.
        private string? _correctionDue;
        private readonly List<TallyPublished> _corrected = [];
        private readonly List<ReplayedObjection> _objections = [];
        private readonly Dictionary<string, List<BallotDelivered>> _deliveries = new(StringComparer.Ordinal);
        private readonly List<ReminderSent> _reminders = [];
        private Dictionary<string, RollEntry>? _byUnit;
        private Dictionary<string, List<string>>? _unitsByPrincipal;

        public void Apply(LedgerEvent e, int position)
        {
            _compound ??= e.Compound;
            if (e.Compound != _compound)
            {
                throw new VoteReplayException($"Event {position} ({e.Type}) is of compound {e.Compound}, not {_compound}.");
            }

            if (e is VoteEvent ve)
            {
                _vote ??= ve.Vote;
                if (ve.Vote != _vote)
                {
                    throw new VoteReplayException($"Event {position} ({e.Type}) is of vote {ve.Vote}, not {_vote}.");
                }
            }

            if (_rollParts.Incomplete && e is VoteEvent and not RollFrozen)
            {
                // The parts of a roll are logged together, before anything else of the vote.
                throw new VoteReplayException($"Event {position} ({e.Type}) comes after part {_rollParts.Received} of the roll's {_rollParts.Expected} parts, before the rest.");
            }

            switch (e)
            {
                case CompoundRegistered:
                case EnrolmentApproved:
                    // The audit of the desk's invitation; the credential it leads to is what signs.
                    break;
                case NoticePublished:
                case FundStatementPublished:
                case PublicIncomePublished:
                    // The compound's public information (issue 7): it changes no vote's count.
                    break;
                case RollFrozen part:
                    if (_roll is not null || _casts.Count > 0)
                    {
                        throw new VoteReplayException($"Event {position}: a second RollFrozen, or one after ballots were cast.");
                    }

                    RollFrozen? roll;
                    try
                    {
                        roll = _rollParts.Add(part);
                    }
                    catch (InvalidOperationException problem)
                    {
                        throw new VoteReplayException($"Event {position}: {problem.Message}");
                    }

                    if (roll is not null)
                    {
                        _roll = roll;
                        _tallyRoll = Wrap(position, roll.ToRoll);
                    }

                    break;
                case MatterPublished matter:
                    if (_matter is not null || _casts.Count > 0)
                    {
                        throw new VoteReplayException($"Event {position}: a second MatterPublished, or one after ballots were cast.");
                    }

                    _matter = matter;
                    _tallyMatter = Wrap(position, matter.ToMatter);
                    break;
                case CredentialEnrolled:
                case CredentialRevoked:
                    if (_ownBook)
                    {
                        _book.Apply(e, position);
                    }

                    break;
                case ProxyGranted granted:
                    Grant(granted, position);
                    break;
                case ProxyRevoked proxyRevoked:
                    if (!_mandates.TryGetValue(proxyRevoked.Mandate, out Mandate? mandate) || mandate.Granted.Mandate.Owner != proxyRevoked.Owner)
                    {
                        throw new VoteReplayException($"Event {position}: revokes proxy mandate {proxyRevoked.Mandate}, which was not granted by that owner.");
                    }

                    mandate.RevokedAt ??= proxyRevoked.At;
                    break;
                case BallotCast cast:
                    if (_roll is null || _matter is null)
                    {
                        throw new VoteReplayException($"Event {position}: a ballot before the roll and the matter were published.");
                    }

                    Check(cast, position);
                    break;
                case CustodialBallotCast custodial:
                    if (_roll is null || _matter is null)
                    {
                        throw new VoteReplayException($"Event {position}: a custodial ballot before the roll and the matter were published.");
                    }

                    Check(custodial, position);
                    break;
                case PaperBallotIssued issued:
                    if (_roll is null || _matter is null)
                    {
                        throw new VoteReplayException($"Event {position}: a paper ballot issued before the roll and the matter were published.");
                    }

                    if (!_issued.TryAdd(issued.Serial, issued))
                    {
                        throw new VoteReplayException($"Event {position}: paper serial {issued.Serial} is issued twice.");
                    }

                    // A re-issue voids the principal's earlier serial: only the newest sheet counts.
                    _currentSerial[issued.Principal] = issued.Serial;
                    break;
                case PaperBallotRecorded recorded:
                    if (_roll is null || _matter is null)
                    {
                        throw new VoteReplayException($"Event {position}: a paper ballot recorded before the roll and the matter were published.");
                    }

                    Check(recorded, position);
                    break;
                case BallotSuperseded superseded:
                    // A recorded paper sheet (by its serial) is set aside only to correct a result
                    // after an upheld objection; before, only online and custodial ballots were.
                    if (!_castsById.TryGetValue(superseded.Ballot, out Cast? target)
                        && !(_correctionDue is not null && _paperBySerial.TryGetValue(superseded.Ballot, out target)))
                    {
                        throw new VoteReplayException($"Event {position}: supersedes ballot {superseded.Ballot}, which was not cast in this vote.");
                    }

                    // Once a result is published the count changes only to correct it after an
                    // upheld objection (询异), and a corrected result must then be published.
                    if (_published is not null && _correctionDue is null)
                    {
                        throw new VoteReplayException($"Event {position}: sets ballot {superseded.Ballot} aside after the result was published, with no upheld objection to correct.");
                    }

                    target.SupersededReason ??= superseded.Reason;
                    break;
                case VoteOpened opened:
                    // Issue 7 part 1: announced → open, once, not before the published opening time.
                    RequireMatter(position, e);
                    if (_opened is not null || _closed)
                    {
                        throw new VoteReplayException($"Event {position}: VoteOpened twice, or after VoteClosed.");
                    }

                    if (opened.At < _matter!.Opens)
                    {
                        throw new VoteReplayException($"Event {position}: VoteOpened at {EventTime.ToText(opened.At)}, before the published opening time {EventTime.ToText(_matter.Opens)}.");
                    }

                    _opened = opened;
                    break;
                case VoteClosed:
                    if (_closed)
                    {
                        throw new VoteReplayException($"Event {position}: a second VoteClosed.");
                    }

                    _closed = true;
                    break;
                case TallyPublished published:
                    // Closed → preliminary result: a count is published once, after the close; again
                    // only as the corrected preliminary result an upheld objection calls for, which
                    // restarts the objection period (the period runs from the latest TallyPublished).
                    if (!_closed || (_published is not null && _correctionDue is null) || _finalised is not null)
                    {
                        throw new VoteReplayException($"Event {position}: TallyPublished before VoteClosed, or a second one with no upheld objection to correct.");
                    }

                    if (_published is not null)
                    {
                        _corrected.Add(_published);
                    }

                    _published = published;
                    _correctionDue = null;
                    break;
                case BallotDelivered delivered:
                    RequireMatter(position, e);
                    if (_published is not null)
                    {
                        throw new VoteReplayException($"Event {position}: a delivery recorded after the result was published.");
                    }

                    if (!PrincipalsInScope().Contains(delivered.Principal))
                    {
                        throw new VoteReplayException($"Event {position}: delivery to {delivered.Principal}, who is not on the roll in the vote's scope.");
                    }

                    if (!_deliveries.TryGetValue(delivered.Principal, out List<BallotDelivered>? list))
                    {
                        list = [];
                        _deliveries.Add(delivered.Principal, list);
                    }

                    list.Add(delivered);
                    break;
                case ReminderSent reminder:
                    RequireMatter(position, e);
                    if (_closed || !_matter!.ReminderRounds.Contains(reminder.Round) || !PrincipalsInScope().Contains(reminder.Principal))
                    {
                        throw new VoteReplayException($"Event {position}: a reminder after the close, of a round the matter does not set, or to someone not on the roll in scope.");
                    }

                    _reminders.Add(reminder);
                    break;
                case Objection objection:
                    ApplyObjection(objection, position);
                    break;
                case ObjectionResolved resolved:
                    int found = _objections.FindIndex(o => o.Id == resolved.Objection);
                    if (found < 0 || _objections[found].Answer is not null || _finalised is not null)
                    {
                        throw new VoteReplayException($"Event {position}: resolves objection {resolved.Objection}, which is not open.");
                    }

                    _objections[found] = _objections[found] with { Answer = resolved.Answer, AnsweredAt = resolved.At, AnsweredBy = resolved.Actor, Upheld = resolved.Upheld };
                    if (resolved.Upheld)
                    {
                        _correctionDue ??= resolved.Objection;
                    }

                    break;
                case ResultFinalised finalised:
                    ApplyFinalised(finalised, position);
                    break;
                default:
                    throw new VoteReplayException($"Event {position}: {e.Type} has no place in a vote's replay.");
            }
        }

        private void RequireMatter(int position, LedgerEvent e)
        {
            if (_roll is null || _matter is null)
            {
                throw new VoteReplayException($"Event {position}: {e.Type} before the roll and the matter were published.");
            }
        }

        private HashSet<string> PrincipalsInScope() =>
            [.. _roll!.Units.Where(u => _matter!.Scope.Count == 0 || _matter.Scope.Contains(u.Building)).Select(u => u.Principal.Value)];

        private void ApplyObjection(Objection objection, int position)
        {
            // DESIGN.md §1 (询异): objections are to the preliminary result, within the period.
            if (_published is null || _finalised is not null || _matter!.ObjectionHours is not { } hours)
            {
                throw new VoteReplayException($"Event {position}: an objection with no preliminary result open to objections.");
            }

            if (objection.At >= _published.At.AddHours(hours))
            {
                throw new VoteReplayException($"Event {position}: objection {objection.Id} filed after the objection period ended.");
            }

            if (!_roll!.Units.Any(u => u.Owner == objection.Owner && (_matter.Scope.Count == 0 || _matter.Scope.Contains(u.Building))))
            {
                throw new VoteReplayException($"Event {position}: objection {objection.Id} is by someone who is not an owner on the vote's roll.");
            }

            if (_objections.Any(o => o.Id == objection.Id))
            {
                throw new VoteReplayException($"Event {position}: objection id {objection.Id} is used twice.");
            }

            _objections.Add(new ReplayedObjection(position, objection.Id, objection.Owner, objection.Text, objection.At, null, null, null));
        }

        private void ApplyFinalised(ResultFinalised finalised, int position)
        {
            if (_published is null || _finalised is not null || _matter!.ObjectionHours is not { } hours)
            {
                throw new VoteReplayException($"Event {position}: ResultFinalised without a preliminary result with an objection period, or a second one.");
            }

            // The final result waits for the end of the objection period and for an answer to every objection.
            if (finalised.At < _published.At.AddHours(hours))
            {
                throw new VoteReplayException($"Event {position}: ResultFinalised before the objection period ended at {EventTime.ToText(_published.At.AddHours(hours))}.");
            }

            if (_objections.FirstOrDefault(o => o.Answer is null) is { } open)
            {
                throw new VoteReplayException($"Event {position}: ResultFinalised while objection {open.Id} is unanswered.");
            }

            if (_correctionDue is { } upheld)
            {
                throw new VoteReplayException($"Event {position}: ResultFinalised while objection {upheld} is upheld and no corrected result was published.");
            }

            _finalised = finalised;
        }

        public VoteReplayResult Finish()
        {
            if (_rollParts.Incomplete)
            {
                throw new VoteReplayException($"The log has only {_rollParts.Received} of the {_rollParts.Expected} parts of the vote's RollFrozen.");
            }

            if (_roll is null || _matter is null)
            {
                throw new VoteReplayException("The log has no RollFrozen or no MatterPublished for the vote.");
            }

            // Per principal, among the ballots that passed every check and were not superseded
            // explicitly: while the vote allows changes the last counts (DESIGN.md "a later ballot
            // by the same owner in the same vote supersedes the earlier one only while the vote
            // is open"), otherwise the first.
            // JI art. 9: one ballot per principal across both channels. The online ballot stands
            // over a paper one (DESIGN.md "Paper ballots"); among paper ballots the first counts.
            foreach (IGrouping<string, Cast> principal in _casts.Where(c => c.Valid).GroupBy(c => c.Principal, StringComparer.Ordinal))
            {
                foreach (Cast c in principal.Where(c => c.SupersededReason is not null))
                {
                    c.Ignore($"superseded:{c.SupersededReason}");
                }

                // A custodial ballot is the owner's own, given in person: it ranks with the online ones.
                List<Cast> online = [.. principal.Where(c => c.SupersededReason is null && c.Channel != BallotChannel.Paper)];
                List<Cast> paper = [.. principal.Where(c => c.SupersededReason is null && c.Channel == BallotChannel.Paper)];
                List<Cast> live = online.Count > 0 ? online : paper;
                if (online.Count > 0)
                {
                    foreach (Cast c in paper)
                    {
                        c.Ignore("superseded:online-wins-over-paper");
                    }
                }

                Cast? counted = live.Count == 0 ? null : _matter.AllowChange && online.Count > 0 ? live[^1] : live[0];
                foreach (Cast c in live)
                {
                    if (c == counted)
                    {
                        c.Disposition = BallotDisposition.Counted;
                    }
                    else
                    {
                        c.Ignore(_matter.AllowChange && c.Channel != BallotChannel.Paper ? "replaced-by-later" : "already-voted");
                    }
                }
            }

            List<Cast> countedCasts = [.. _casts.Where(c => c.Disposition == BallotDisposition.Counted)];
            HashSet<string> voted = [.. countedCasts.Select(c => c.Principal)];
            (_byUnit, _unitsByPrincipal) = (_byUnit, _unitsByPrincipal) is ({ } u, { } p) ? (u, p) : IndexRoll();
            List<string> nonVoters = [.. _unitsByPrincipal.Keys.Where(p => !voted.Contains(p)).Order(StringComparer.Ordinal)];
            List<string> undelivered = [.. nonVoters.Where(p => !_deliveries.ContainsKey(p))];

            // DESIGN.md §1: a "silent majority" clause (未投票视为同意) counts a non-voter as yes only
            // with proof that the ballot reached them; one without that proof is simply a non-voter.
            // Pages refuse to publish while any non-voter lacks it ((2022)沪02民初16号).
            List<string> silentYes = _matter.SilentMajority ? [.. nonVoters.Where(_deliveries.ContainsKey)] : [];
            var questions = new List<ReplayedQuestion>();
            foreach (MatterQuestion question in _matter.Questions)
            {
                List<Ballot> ballots = [];
                foreach (Cast c in countedCasts)
                {
                    Choice choice = c.Answers.Single(a => a.Question == question.Id).Choice;
                    ballots.AddRange(c.Units.Select(unit => new Ballot(new UnitId(unit), choice)));
                }

                foreach (string principal in silentYes)
                {
                    ballots.AddRange(_unitsByPrincipal[principal].Select(unit => new Ballot(new UnitId(unit), Choice.Yes)));
                }

                // Civil Code art. 278: each question is counted against its own class when it has one.
                Matter matter = question.Threshold is null ? _tallyMatter! : Wrap(-1, () => _matter.ToMatter(question));
                TallyResult result = Wrap(-1, () => Tally.Count(_tallyRoll!, matter, ballots));
                questions.Add(new ReplayedQuestion(question.Id, ballots, result) { Rule = question.Threshold });
            }

            return new VoteReplayResult(
                _roll,
                _matter,
                questions,
                [.. _casts.Select(c => new ReplayedBallot(c.Position, c.Id, c.Principal, c.Disposition, c.Reason, c.Channel, c.Proxy))],
                _closed,
                _published)
            {
                Opened = _opened,
                Finalised = _finalised,
                Objections = [.. _objections],
                CorrectedTallies = [.. _corrected],
                CorrectionDue = _correctionDue,
                Deliveries = _deliveries.ToDictionary(d => d.Key, d => (IReadOnlyList<BallotDelivered>)d.Value, StringComparer.Ordinal),
                Reminders = [.. _reminders],
                NonVoters = nonVoters,
                Undelivered = undelivered,
            };
        }

        private void Check(BallotCast e, int position)
        {
            // The challenge is both the ballot's id and what its signature must cover. Kept per
            // ballot object, so ov verify can compute it for many ballots at once ahead of the
            // replay; its ballots are dropped as it goes (CompoundReplay), and their challenges with them.
            byte[] challenge = BallotChallenge.Compute(e.Ballot);
            var cast = new Cast(position, Convert.ToHexStringLower(challenge), e.Ballot.Principal, e.Ballot.Units, e.Ballot.Answers, BallotChannel.Online);
            _casts.Add(cast);
            if (!_castsById.TryAdd(cast.Id, cast))
            {
                cast.Reject("duplicate-ballot");
                return;
            }

            if (_closed)
            {
                cast.Ignore("after-close");
                return;
            }

            MatterPublished matter = _matter!;
            if (e.At < matter.Opens || e.At >= matter.Closes)
            {
                cast.Reject("outside-voting-period");
                return;
            }

            if (!_book.TryGet(Base64UrlText.Encode(e.Assertion.CredentialId.Span), position, out Credential? credential, out DateTimeOffset? revokedAt))
            {
                cast.Reject("unknown-credential");
                return;
            }

            if (revokedAt is { } revoked && revoked <= e.At)
            {
                cast.Reject("credential-revoked");
                return;
            }

            if (e.At < credential.Enrolled.ActiveFrom)
            {
                cast.Reject("credential-not-active");
                return;
            }

            // The signature first: an unsigned claim should not even reach the roll checks.
            var stored = new StoredCredential(credential.Enrolled.CredentialId, credential.Enrolled.PublicKey, _signCounts.GetValueOrDefault(credential));
            AssertionResult verdict = BallotSignatureVerifier.Verify(credential.Enrolled.Kind, e.Assertion, challenge, stored, relyingParty);
            if (verdict is AssertionResult.Rejected rejected)
            {
                cast.Reject(rejected.Code);
                return;
            }

            // WebAuthn §7.2 step 22: the stored counter moves to the accepted one.
            _signCounts[credential] = ((AssertionResult.Accepted)verdict).SignCount;

            // Shanghai art. 18: a proxy signs with their own credential for the owner who mandated
            // them; the ballot then counts for the owner's principal (docs/proxies.md).
            string signer = credential.Enrolled.Owner;
            if (OwnerOnRoll(e.Ballot.Units) is { } owner && owner != signer)
            {
                (Mandate? mandate, string? proxyProblem) = FindMandate(owner, signer, e.At);
                if (proxyProblem is not null)
                {
                    cast.Reject(proxyProblem);
                    return;
                }

                if (mandate is not null)
                {
                    signer = owner;
                    cast.Proxy = mandate.Granted.MandateId;
                }
            }

            if (CheckRoll(e.Ballot.Principal, e.Ballot.Units, signer) is { } rollProblem)
            {
                cast.Reject(rollProblem);
                return;
            }

            if (!AnswersMatch(e.Ballot.Answers, allowInvalid: false))
            {
                cast.Reject("answers-mismatch");
                return;
            }

            // Issue 11: the vote decides whether a handwritten signature is part of the ballot. The
            // log holds only its hash (inside the signed ballot); the image is checked against it
            // where it is stored (ov verify fetches it).
            if (HandwritingProblem(matter.Handwriting, e.Ballot.Handwriting) is { } handwritingProblem)
            {
                cast.Reject(handwritingProblem);
                return;
            }

            // An owner who votes in person ends the proxy's authority for this vote (Civil Code
            // art. 173: the principal may act himself); the proxy's later ballot is set aside.
            if (cast.Proxy is not null && _votedInPerson.Contains(cast.Principal))
            {
                cast.Ignore("owner-voted-in-person");
                return;
            }

            if (cast.Proxy is null)
            {
                _votedInPerson.Add(cast.Principal);
            }

            cast.Valid = true;
        }

        private void Grant(ProxyGranted granted, int position)
        {
            var mandate = new Mandate(granted);
            if (!_mandates.TryAdd(granted.MandateId, mandate))
            {
                throw new VoteReplayException($"Event {position}: proxy mandate {granted.MandateId} is granted twice.");
            }

            // A scanned paper mandate rests on the named officer; an online one on the owner's own
            // signature over the mandate's challenge, checked as a ballot's is.
            if (granted.Assertion is not { } assertion)
            {
                return;
            }

            if (!_book.TryGet(Base64UrlText.Encode(assertion.CredentialId.Span), position, out Credential? credential, out DateTimeOffset? revokedAt)
                || credential.Enrolled.Owner != granted.Mandate.Owner)
            {
                mandate.Problem = "mandate-unknown-credential";
                return;
            }

            if ((revokedAt is { } revoked && revoked <= granted.At) || granted.At < credential.Enrolled.ActiveFrom)
            {
                mandate.Problem = "mandate-credential-not-active";
                return;
            }

            var stored = new StoredCredential(credential.Enrolled.CredentialId, credential.Enrolled.PublicKey, _signCounts.GetValueOrDefault(credential));
            AssertionResult verdict = BallotSignatureVerifier.Verify(credential.Enrolled.Kind, assertion, granted.Mandate.Challenge(), stored, relyingParty);
            if (verdict is AssertionResult.Rejected)
            {
                mandate.Problem = "mandate-bad-signature";
                return;
            }

            _signCounts[credential] = ((AssertionResult.Accepted)verdict).SignCount;
        }

        // The mandate from owner to proxy that covers a ballot of this vote at this instant, or
        // why none does; (null, null) when the signer holds no mandate from the owner at all.
        private (Mandate? Mandate, string? Problem) FindMandate(string owner, string proxy, DateTimeOffset at)
        {
            List<Mandate> held = [.. _mandates.Values.Where(m => m.Granted.Mandate.Owner == owner && m.Granted.Mandate.Proxy == proxy)];
            if (held.Count == 0)
            {
                return (null, null);
            }

            List<Mandate> covering = [.. held.Where(m => m.Granted.Mandate.Covers(_vote!, at) && m.Granted.At <= at)];
            if (covering.Count == 0)
            {
                return (null, "proxy-not-in-scope");
            }

            if (covering.FirstOrDefault(m => m.Problem is null && !(m.RevokedAt <= at)) is { } valid)
            {
                return (valid, null);
            }

            return (null, covering.FirstOrDefault(m => m.Problem is not null)?.Problem ?? "proxy-revoked");
        }

        // The roll's owner of a ballot's first unit (a principal's units share one owner), or null when it is not on the roll.
        private string? OwnerOnRoll(IReadOnlyList<string> units)
        {
            RollEntry? entry = _roll!.Units.FirstOrDefault(u => units.Count > 0 && u.Unit.Value == units[0]);
            return entry?.Owner;
        }

        private void Check(CustodialBallotCast e, int position)
        {
            var cast = new Cast(position, e.BallotId, e.Principal, e.Units, e.Answers, BallotChannel.Custodial);
            _casts.Add(cast);
            if (!_castsById.TryAdd(cast.Id, cast))
            {
                cast.Reject("duplicate-ballot");
                return;
            }

            if (_closed)
            {
                cast.Ignore("after-close");
                return;
            }

            if (e.At < _matter!.Opens || e.At >= _matter.Closes)
            {
                cast.Reject("outside-voting-period");
                return;
            }

            // The officers checked the present owner's identity; the owner named must be the roll's.
            if (CheckRoll(e.Principal, e.Units, e.Owner) is { } rollProblem)
            {
                cast.Reject(rollProblem);
                return;
            }

            if (!AnswersMatch(e.Answers, allowInvalid: false))
            {
                cast.Reject("answers-mismatch");
                return;
            }

            _votedInPerson.Add(cast.Principal);
            cast.Valid = true;
        }

        private static string? HandwritingProblem(HandwritingPolicy policy, string? handwriting) => policy switch
        {
            HandwritingPolicy.Required when handwriting is null => "handwriting-missing",
            HandwritingPolicy.Off when handwriting is not null => "handwriting-not-allowed",
            _ => null,
        };

        private void Check(PaperBallotRecorded e, int position)
        {
            var cast = new Cast(position, e.Serial, e.Principal, e.Units, e.Answers, BallotChannel.Paper);
            _casts.Add(cast);
            _paperBySerial.TryAdd(e.Serial, cast);

            // A serial recorded twice (the same sheet scanned again) counts once.
            if (!_recordedSerials.Add(e.Serial))
            {
                cast.Ignore("duplicate-serial");
                return;
            }

            if (_published is not null)
            {
                cast.Ignore("after-tally");
                return;
            }

            if (!_issued.TryGetValue(e.Serial, out PaperBallotIssued? issued))
            {
                cast.Reject("serial-not-issued");
                return;
            }

            if (_currentSerial[issued.Principal] != e.Serial)
            {
                cast.Reject("serial-voided");
                return;
            }

            if (issued.Principal != e.Principal || !issued.Units.SequenceEqual(e.Units, StringComparer.Ordinal))
            {
                cast.Reject("not-as-issued");
                return;
            }

            if (CheckRoll(e.Principal, e.Units, signer: null) is { } rollProblem)
            {
                cast.Reject(rollProblem);
                return;
            }

            // DESIGN.md §1 "Invalid ballot rules": a blank or spoilt paper answer is recorded as invalid.
            if (!AnswersMatch(e.Answers, allowInvalid: true))
            {
                cast.Reject("answers-mismatch");
                return;
            }

            if (!e.Counts)
            {
                cast.SupersededReason = "online-wins-over-paper";
            }

            cast.Valid = true;
        }

        private bool AnswersMatch(IReadOnlyList<BallotAnswer> answers, bool allowInvalid)
        {
            MatterPublished matter = _matter!;
            return answers.Select(a => a.Question).SequenceEqual(matter.Questions.Select(q => q.Id), StringComparer.Ordinal)
                && answers.All(a => matter.Options.Contains(a.Choice) || (allowInvalid && a.Choice == Choice.Invalid));
        }

        private string? CheckRoll(string principal, IReadOnlyList<string> units, string? signer)
        {
            // Built once per vote, at its first ballot: neither the roll nor the matter may change
            // after ballots are cast (see Apply), so every ballot is checked against the same ones.
            (_byUnit, _unitsByPrincipal) = (_byUnit, _unitsByPrincipal) is ({ } u, { } p) ? (u, p) : IndexRoll();
            foreach (string unit in units)
            {
                if (!_byUnit.TryGetValue(unit, out RollEntry? entry))
                {
                    return "not-on-roll";
                }

                if (entry.Principal.Value != principal)
                {
                    return "wrong-principal";
                }

                // Only the owner enrolled for the unit may sign for it (a paper sheet has no signer:
                // the officers check the signature on it).
                if (signer is not null && entry.Owner != signer)
                {
                    return "not-owner";
                }

                // Shanghai art. 69: only the owners of the buildings concerned decide.
                if (_matter!.Scope.Count > 0 && !_matter.Scope.Contains(entry.Building))
                {
                    return "out-of-scope";
                }
            }

            // JI art. 9: a principal is one vote for all of its units; the ballot must cover
            // exactly the principal's units in scope, so no unit is left out or counted apart.
            IEnumerable<string> principalUnits = _unitsByPrincipal.GetValueOrDefault(principal) ?? [];
            return principalUnits.SequenceEqual(units, StringComparer.Ordinal) ? null : "units-mismatch";
        }

        // The roll by unit id, and each principal's units in scope in roll order.
        private (Dictionary<string, RollEntry>, Dictionary<string, List<string>>) IndexRoll()
        {
            var byUnit = _roll!.Units.ToDictionary(u => u.Unit.Value, StringComparer.Ordinal);
            var byPrincipal = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (RollEntry u in _roll.Units.Where(u => _matter!.Scope.Count == 0 || _matter.Scope.Contains(u.Building)))
            {
                if (!byPrincipal.TryGetValue(u.Principal.Value, out List<string>? units))
                {
                    units = [];
                    byPrincipal.Add(u.Principal.Value, units);
                }

                units.Add(u.Unit.Value);
            }

            return (byUnit, byPrincipal);
        }

        private static T Wrap<T>(int position, Func<T> build)
        {
            try
            {
                return build();
            }
            catch (VotingDataException e)
            {
                throw new VoteReplayException(position < 0 ? $"The tally cannot be taken: {e.Message}" : $"Event {position}: {e.Message}", e);
            }
        }
    }

    internal sealed class Credential(CredentialEnrolled enrolled, int position)
    {
        public CredentialEnrolled Enrolled { get; } = enrolled;

        // The entry that enrolled it, and the first that revoked it.
        public int Position { get; } = position;

        public (DateTimeOffset At, int Position)? Revoked { get; set; }
    }

    private sealed class Mandate(ProxyGranted granted)
    {
        public ProxyGranted Granted { get; } = granted;

        public DateTimeOffset? RevokedAt { get; set; }

        /// <summary>Why the mandate's evidence fails, or null.</summary>
        public string? Problem { get; set; }
    }

    private sealed class Cast(int position, string id, string principal, IReadOnlyList<string> units, IReadOnlyList<BallotAnswer> answers, BallotChannel channel)
    {
        public int Position { get; } = position;

        public string Id { get; } = id;

        public string Principal { get; } = principal;

        public IReadOnlyList<string> Units { get; } = units;

        public IReadOnlyList<BallotAnswer> Answers { get; } = answers;

        public BallotChannel Channel { get; } = channel;

        public bool Valid { get; set; }

        /// <summary>The mandate a proxy voted under, or null for the owner's own ballot.</summary>
        public string? Proxy { get; set; }

        public string? SupersededReason { get; set; }

        public BallotDisposition Disposition { get; set; } = BallotDisposition.Rejected;

        public string? Reason { get; private set; }

        public void Reject(string reason)
        {
            Disposition = BallotDisposition.Rejected;
            Reason = reason;
        }

        public void Ignore(string reason)
        {
            Disposition = BallotDisposition.Ignored;
            Reason = reason;
        }
    }
}
