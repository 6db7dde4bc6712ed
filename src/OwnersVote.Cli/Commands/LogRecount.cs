using System.Globalization;
using System.Text.RegularExpressions;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Cli.Commands;

/// <summary>What <see cref="LogRecount"/> found: each vote's audit and every discrepancy.</summary>
/// <param name="Votes">One audit per vote: compounds in order of their first entry, and each compound's votes in order of their first entry.</param>
/// <param name="Discrepancies">Each problem, one line naming the entry index or vote; empty when all is well.</param>
/// <param name="Compounds">How many compounds the log holds.</param>
public sealed record RecountReport(IReadOnlyList<VoteAudit> Votes, IReadOnlyList<string> Discrepancies, int Compounds)
{
    /// <summary>Each vote's replay (by vote id), for comparing with what a server shows.</summary>
    public IReadOnlyDictionary<string, VoteReplayResult> Replays { get; init; } = new Dictionary<string, VoteReplayResult>();

    /// <summary>The entries whose ballot references a handwritten signature image, with the image's SHA-256 (issue 11).</summary>
    public IReadOnlyList<(long Index, string Sha256)> Images { get; init; } = [];
}

/// <summary>
/// Recounts every vote of a verified log (DESIGN.md §2: "The server's published TallyPublished
/// must equal what ov verify recomputes from the downloaded log; a mismatch is a failed audit"):
/// decodes each entry with <see cref="EventCodec"/>, replays each compound's votes with
/// <see cref="CompoundReplay"/> — which verifies every <c>BallotCast</c>'s WebAuthn assertion
/// against the enrolled key — and compares each recount with the published tally.
/// </summary>
/// <remarks>
/// Entries are added one at a time, in index order, and are not kept: a batch is decoded on all
/// cores, its ballots' signatures are checked on all cores ahead of the replay (which then finds
/// them in each key's memory of what verified), and its events are replayed in log order and
/// dropped. What stays is each compound's own events (registration, credentials, mandates,
/// notices, statements), its credentials once, and each vote's state (its roll, one record per
/// ballot), so the memory a recount needs grows with those, not with the log's bytes
/// (docs/benchmarks.md, design problem 4).
/// </remarks>
public sealed partial class LogRecount
{
    // Large enough to keep both cores busy. Small enough that a batch's events mostly die young:
    // at 4,096 they outlived several collections while the next batch was decoded, and their
    // garbage in the oldest generation raised the peak of an 800,000-ballot log by a fifth.
    private const int Batch = 1024;

    private readonly List<ReadOnlyMemory<byte>> _pending = new(Batch);
    private readonly List<string> _unreadable = [];
    private readonly Dictionary<string, CompoundTrail> _compounds = new(StringComparer.Ordinal);
    private readonly List<(long Index, string Sha256)> _images = [];

    // Statements logged in parts, by compound and statement id, until their last part; and what was wrong with any.
    private readonly Dictionary<(string Compound, string Statement), StatementAssembly> _statements = [];
    private readonly List<string> _statementProblems = [];

    // Each passkey's public key object as enrolled, by base64url credential id: the batch's
    // signatures are checked with the very object the replay will use, so its memory answers.
    private readonly Dictionary<string, CoseKey> _passkeys = new(StringComparer.Ordinal);
    private int _replayed;

    // The replay of the last batch decoded, which runs while the next is read and decoded.
    private Task _replaying = Task.CompletedTask;

    /// <summary>Recounts the votes in <paramref name="entries"/> (the log's entries in index order).</summary>
    public static RecountReport Recount(IEnumerable<ReadOnlyMemory<byte>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var recount = new LogRecount();
        foreach (ReadOnlyMemory<byte> entry in entries)
        {
            recount.Add(entry);
        }

        return recount.Finish();
    }

    /// <summary>
    /// Adds the next entry. Its bytes may be a slice of a buffer the caller reuses only after the
    /// next <see cref="Batch"/> entries or <see cref="Finish"/>.
    /// </summary>
    public void Add(ReadOnlyMemory<byte> entry)
    {
        _pending.Add(entry);
        if (_pending.Count == Batch)
        {
            ReplayPending();
        }
    }

    /// <summary>Replays what is left and recounts every vote; call once, after the last entry.</summary>
    public RecountReport Finish()
    {
        ReplayPending();
        _replaying.GetAwaiter().GetResult();
        var jobs = new List<(CompoundTrail Compound, string Vote)>();
        foreach (CompoundTrail compound in _compounds.Values)
        {
            jobs.AddRange(compound.Replay.Votes.Select(vote => (compound, vote)));
        }

        var audits = new VoteAudit[jobs.Count];
        var found = new List<string>[jobs.Count];
        var replayed = new VoteReplayResult?[jobs.Count];
        Parallel.For(0, jobs.Count, j =>
        {
            found[j] = [];
            (audits[j], replayed[j]) = RecountVote(jobs[j].Compound, jobs[j].Vote, found[j]);
        });

        // In vote order, as one pass would have filled it: a later vote of the same id wins.
        var replays = new Dictionary<string, VoteReplayResult>(StringComparer.Ordinal);
        for (int j = 0; j < jobs.Count; j++)
        {
            if (replayed[j] is { } result)
            {
                replays[jobs[j].Vote] = result;
            }
        }

        _statementProblems.AddRange(_statements.Select(s =>
            $"statement {s.Key.Statement} of compound {s.Key.Compound}: the log has only {s.Value.Received} of its {s.Value.Expected} parts"));
        return new RecountReport(audits, [.. _unreadable, .. _statementProblems, .. found.SelectMany(f => f)], _compounds.Count) { Replays = replays, Images = _images };
    }

    private void ReplayPending()
    {
        int first = _replayed;
        var events = new LedgerEvent?[_pending.Count];
        var errors = new string?[_pending.Count];
        Parallel.For(0, _pending.Count, i =>
        {
            try
            {
                events[i] = EventCodec.Decode(_pending[i].Span);
            }
            catch (EventFormatException ex)
            {
                errors[i] = $"entry {(first + i).ToString(CultureInfo.InvariantCulture)}: not an event this software reads: {InputFile.OneLine(ex.Message)}";
                return;
            }

            if (events[i] is BallotCast cast)
            {
                // Kept per ballot object: the replay's own computation finds it.
                _ = BallotChallenge.Compute(cast.Ballot);
            }
        });

        // Keys enrolled in this batch sign ballots later in it.
        foreach (LedgerEvent? e in events)
        {
            if (e is CredentialEnrolled { Kind: CredentialKind.Passkey } enrolled)
            {
                _passkeys.TryAdd(Base64UrlText.Encode(enrolled.CredentialId.Span), enrolled.PublicKey);
            }
        }

        // The signatures, on all cores. Only a success is remembered, and only by the key it
        // verified under; the replay still makes every check of the assertion itself, in order.
        Parallel.For(0, events.Length, i =>
        {
            if (events[i] is BallotCast cast && _passkeys.TryGetValue(Base64UrlText.Encode(cast.Assertion.CredentialId.Span), out CoseKey? key))
            {
                _ = AssertionVerifier.SignatureVerifies(cast.Assertion, key);
            }
        });

        // The replay of the batch before must end first (log order); this one's then runs while
        // the next batch is read and decoded.
        _replaying.GetAwaiter().GetResult();
        _replaying = Task.Run(() => Replay(first, events, errors));
        _replayed += _pending.Count;
        _pending.Clear();
    }

    // In log order, on one thread at a time: only this touches the compounds and what they found.
    private void Replay(int first, LedgerEvent?[] events, string?[] errors)
    {
        for (int i = 0; i < events.Length; i++)
        {
            int index = first + i;
            if (events[i] is not LedgerEvent e)
            {
                _unreadable.Add(errors[i]!);
                continue;
            }

            // Issue 11: each handwritten signature image must still hash to what its ballot signed.
            if (e is BallotCast { Ballot.Handwriting: { } hash })
            {
                _images.Add((index, hash));
            }

            if (e is StatementPublished { Parts: > 1 } part)
            {
                JoinStatement(part, index);
            }

            if (!_compounds.TryGetValue(e.Compound, out CompoundTrail? compound))
            {
                compound = new CompoundTrail(e.Compound);
                _compounds.Add(e.Compound, compound);
            }

            compound.Apply(e, index);
        }
    }

    // A statement in one entry was checked as it was decoded; one in parts is checked whole:
    // its parts in order and alike, and all its lines balancing (StatementAssembly).
    private void JoinStatement(StatementPublished part, int index)
    {
        (string, string) key = (part.Compound, part.Statement);
        if (!_statements.TryGetValue(key, out StatementAssembly? assembly))
        {
            assembly = new StatementAssembly();
            _statements.Add(key, assembly);
        }

        try
        {
            if (assembly.Add(part) is not null)
            {
                _statements.Remove(key);
            }
        }
        catch (InvalidOperationException e)
        {
            _statementProblems.Add($"entry {index}: {e.Message}");
            _statements.Remove(key);
        }
    }

    // A vote whose only entries are its RollFrozen (issue 6 §4: the roll book freezes a roll before
    // the vote is announced) has nothing to count yet; its parts must still be whole and in order.
    private static VoteAudit RollOnly(string vote, List<(int Index, RollFrozen Part)> parts, List<string> discrepancies)
    {
        var assembly = new RollAssembly();
        foreach ((int index, RollFrozen part) in parts)
        {
            try
            {
                _ = assembly.Add(part);
            }
            catch (InvalidOperationException e)
            {
                discrepancies.Add($"vote {vote}: cannot be recounted: entry {index}: {e.Message}");
                return Uncounted(parts[0].Part.Compound, vote, 0, TallyVerdict.NotReplayable);
            }
        }

        if (assembly.Incomplete || parts.Count(p => p.Part.Part == 1) > 1)
        {
            discrepancies.Add(assembly.Incomplete
                ? $"vote {vote}: cannot be recounted: the log has only {assembly.Received} of the {assembly.Expected} parts of its RollFrozen"
                : $"vote {vote}: cannot be recounted: its roll is frozen twice");
            return Uncounted(parts[0].Part.Compound, vote, 0, TallyVerdict.NotReplayable);
        }

        return Uncounted(parts[0].Part.Compound, vote, 0, TallyVerdict.NotAnnounced);
    }

    // The audit of a vote that was not recounted: no ballot counted, none sorted by kind or reason.
    private static VoteAudit Uncounted(string compound, string vote, int ballots, TallyVerdict verdict) =>
        new(compound, vote, ballots, new Dictionary<string, int>(), 0, new Dictionary<string, int>(), new Dictionary<string, int>(), verdict);

    private static (VoteAudit Audit, VoteReplayResult? Replay) RecountVote(CompoundTrail compound, string vote, List<string> discrepancies)
    {
        VoteTrail trail = compound.Votes[vote];
        if (trail.RollParts is { } parts)
        {
            return (RollOnly(vote, parts, discrepancies), null);
        }

        VoteReplayResult result;
        try
        {
            // Positions in the result are entry indexes (CompoundTrail.Apply).
            result = compound.Replay.Finish(vote);
        }
        catch (VoteReplayException e)
        {
            string message = EventPosition().Replace(InputFile.OneLine(e.Message), m => $"entry {m.Groups[1].Value}");
            discrepancies.Add($"vote {vote}: cannot be recounted: {message}");
            return (Uncounted(compound.Id, vote, trail.Casts, TallyVerdict.NotReplayable), null);
        }

        var kinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var rejected = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var ignored = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (ReplayedBallot ballot in result.Ballots)
        {
            string kind = ballot.Channel switch
            {
                BallotChannel.Online => trail.KindOf(ballot.Position, compound.Replay),
                BallotChannel.Custodial => VoteAudit.Custodial,
                _ => VoteAudit.Paper,
            };
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            switch (ballot.Disposition)
            {
                case BallotDisposition.Rejected:
                    // The server verifies every ballot before logging it, so a logged ballot that
                    // fails an offline check was altered or should never have been accepted.
                    rejected[ballot.Reason!] = rejected.GetValueOrDefault(ballot.Reason!) + 1;
                    discrepancies.Add($"vote {vote}: ballot at entry {ballot.Position} is rejected: {ballot.Reason}{Explain(ballot.Reason!)}");
                    break;
                case BallotDisposition.Ignored:
                    ignored[ballot.Reason!] = ignored.GetValueOrDefault(ballot.Reason!) + 1;
                    break;
            }
        }

        TallyVerdict verdict = TallyVerdict.NotPublished;
        if (result.Published is TallyPublished published)
        {
            verdict = result.MatchesPublished() ? TallyVerdict.Matches : TallyVerdict.Differs;
            if (verdict == TallyVerdict.Differs)
            {
                List<string> differences = [.. VoteAudit.Differences(published, result.ToTallyPublished(published.At, published.Actor))];
                discrepancies.Add($"vote {vote}: the published tally does not match the recount");
                discrepancies.AddRange(differences.Select(d => $"vote {vote}: {d}"));
            }
        }

        int counted = result.Ballots.Count(b => b.Disposition == BallotDisposition.Counted);
        var audit = new VoteAudit(compound.Id, vote, result.Ballots.Count, kinds, counted, rejected, ignored, verdict)
        {
            People = VotePeople.Of(vote, compound.Replay.Shared, trail.Custodial, result),
        };
        return (audit, result);
    }

    private static string Explain(string reason) => reason switch
    {
        "bad-signature" => " (the signature does not verify against the owner's enrolled key)",
        "challenge-mismatch" => " (the signed challenge is not this ballot's: the ballot was altered after signing)",
        "unknown-credential" => " (signed by a credential never enrolled)",
        _ => string.Empty,
    };

    // VoteReplayException messages name "Event <position>" among the compound's events.
    [GeneratedRegex(@"\bEvent (\d+)\b")]
    private static partial Regex EventPosition();

    // One compound's replay and what its audit lines need beyond it.
    private sealed class CompoundTrail(string id)
    {
        public string Id { get; } = id;

        public CompoundReplay Replay { get; } = new();

        public Dictionary<string, VoteTrail> Votes { get; } = new(StringComparer.Ordinal);

        public void Apply(LedgerEvent e, int index)
        {
            if (e is VoteEvent ve)
            {
                if (!Votes.TryGetValue(ve.Vote, out VoteTrail? trail))
                {
                    trail = new VoteTrail();
                    Votes.Add(ve.Vote, trail);
                }

                // Before the replay takes the event: the credentials are those enrolled before it.
                trail.Note(e, index, Replay);
            }

            Replay.Apply(e, index);
        }
    }

    // What a vote's audit line needs that its replay result does not keep.
    private sealed class VoteTrail
    {
        // The online ballots' credential kinds by entry index, or, for a credential not (yet)
        // enrolled when the ballot was logged, its id, looked up again at the end as before.
        private readonly Dictionary<int, CredentialKind> _kinds = [];
        private readonly Dictionary<int, string> _notEnrolled = [];

        // BallotCast, PaperBallotRecorded and CustodialBallotCast entries.
        public int Casts { get; private set; }

        // The vote's entries while they are all parts of its RollFrozen; null after any other.
        public List<(int Index, RollFrozen Part)>? RollParts { get; private set; } = [];

        public Dictionary<int, CustodialBallotCast> Custodial { get; } = [];

        public void Note(LedgerEvent e, int index, CompoundReplay replay)
        {
            if (e is RollFrozen part)
            {
                RollParts?.Add((index, part));
            }
            else
            {
                RollParts = null;
            }

            switch (e)
            {
                case BallotCast cast:
                    Casts++;
                    string credential = Base64UrlText.Encode(cast.Assertion.CredentialId.Span);
                    if (replay.Enrolled(credential) is { } enrolled)
                    {
                        _kinds[index] = enrolled.Kind;
                    }
                    else
                    {
                        _notEnrolled[index] = credential;
                    }

                    break;
                case CustodialBallotCast custodial:
                    Casts++;
                    Custodial[index] = custodial;
                    break;
                case PaperBallotRecorded:
                    Casts++;
                    break;
            }
        }

        public string KindOf(int index, CompoundReplay replay) =>
            _kinds.TryGetValue(index, out CredentialKind kind) ? VoteAudit.KindName(kind)
            : replay.Enrolled(_notEnrolled[index]) is { } enrolled ? VoteAudit.KindName(enrolled.Kind)
            : VoteAudit.Unenrolled;
    }
}
