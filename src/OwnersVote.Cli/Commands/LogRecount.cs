using System.Globalization;
using System.Text.RegularExpressions;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Cli.Commands;

/// <summary>What <see cref="LogRecount.Recount(DecodedLog)"/> found: each vote's audit and every discrepancy.</summary>
/// <param name="Votes">One audit per vote, in order of the vote's first entry.</param>
/// <param name="Discrepancies">Each problem, one line naming the entry index or vote; empty when all is well.</param>
/// <param name="Compounds">How many compounds the log holds.</param>
public sealed record RecountReport(IReadOnlyList<VoteAudit> Votes, IReadOnlyList<string> Discrepancies, int Compounds)
{
    /// <summary>Each vote's replay (by vote id), for comparing with what a server shows.</summary>
    public IReadOnlyDictionary<string, VoteReplayResult> Replays { get; init; } = new Dictionary<string, VoteReplayResult>();
}

/// <summary>
/// Recounts every vote of a verified log (DESIGN.md §2: "The server's published TallyPublished
/// must equal what ov verify recomputes from the downloaded log; a mismatch is a failed audit"):
/// decodes each entry with <see cref="EventCodec"/>, groups the events by compound and vote,
/// replays each vote with <see cref="VoteReplay"/> — which verifies every <c>BallotCast</c>'s
/// WebAuthn assertion against the enrolled key — and compares the recount with the published tally.
/// </summary>
public static partial class LogRecount
{
    /// <summary>Recounts the votes in <paramref name="entries"/> (the log's entries in index order).</summary>
    public static RecountReport Recount(IReadOnlyList<ReadOnlyMemory<byte>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return Recount(DecodedLog.Of(entries));
    }

    /// <summary>Recounts the votes of a decoded log.</summary>
    public static RecountReport Recount(DecodedLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        IReadOnlyList<LedgerEvent?> decoded = log.Events;

        var discrepancies = new List<string>();
        var compounds = new Dictionary<string, List<(long Index, LedgerEvent Event)>>(StringComparer.Ordinal);
        for (int i = 0; i < decoded.Count; i++)
        {
            if (decoded[i] is not LedgerEvent e)
            {
                discrepancies.Add(log.Error(i)!);
                continue;
            }

            if (!compounds.TryGetValue(e.Compound, out List<(long, LedgerEvent)>? events))
            {
                events = [];
                compounds.Add(e.Compound, events);
            }

            events.Add((i, e));
        }

        var jobs = new List<(string Compound, string Vote, List<(long Index, LedgerEvent Event)> Events, Dictionary<string, CredentialKind> Enrolled)>();
        foreach ((string compound, List<(long Index, LedgerEvent Event)> events) in compounds)
        {
            var enrolled = new Dictionary<string, CredentialKind>(StringComparer.Ordinal);
            foreach (CredentialEnrolled c in events.Select(e => e.Event).OfType<CredentialEnrolled>())
            {
                enrolled.TryAdd(Base64UrlText.Encode(c.CredentialId.Span), c.Kind);
            }

            IEnumerable<string> voteIds = events.Select(e => e.Event).OfType<VoteEvent>().Select(e => e.Vote).Distinct(StringComparer.Ordinal);
            jobs.AddRange(voteIds.Select(vote => (compound, vote, events, enrolled)));
        }

        var audits = new VoteAudit[jobs.Count];
        var found = new List<string>[jobs.Count];
        var replayed = new Dictionary<string, VoteReplayResult>[jobs.Count];
        Parallel.For(0, jobs.Count, j =>
        {
            found[j] = [];
            replayed[j] = new(StringComparer.Ordinal);
            audits[j] = RecountVote(jobs[j].Compound, jobs[j].Vote, jobs[j].Events, jobs[j].Enrolled, found[j], replayed[j]);
        });

        discrepancies.AddRange(found.SelectMany(f => f));

        // In vote order, as one pass would have filled it: a later vote of the same id wins.
        var replays = new Dictionary<string, VoteReplayResult>(StringComparer.Ordinal);
        foreach ((string vote, VoteReplayResult result) in replayed.SelectMany(r => r))
        {
            replays[vote] = result;
        }

        return new RecountReport(audits, discrepancies, compounds.Count) { Replays = replays };
    }

    // A vote whose only entries are its RollFrozen (issue 6 §4: the roll book freezes a roll before
    // the vote is announced) has nothing to count yet; its parts must still be whole and in order.
    private static VoteAudit? RollOnly(string vote, List<(long Index, LedgerEvent Event)> events, List<string> discrepancies)
    {
        List<(long Index, RollFrozen Part)> parts = [];
        foreach ((long index, LedgerEvent e) in events)
        {
            if (e is VoteEvent ve && ve.Vote == vote)
            {
                if (e is not RollFrozen part)
                {
                    return null;
                }

                parts.Add((index, part));
            }
        }

        var assembly = new RollAssembly();
        foreach ((long index, RollFrozen part) in parts)
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

    private static VoteAudit RecountVote(
        string compound, string vote, List<(long Index, LedgerEvent Event)> events, Dictionary<string, CredentialKind> enrolled, List<string> discrepancies, Dictionary<string, VoteReplayResult> replays)
    {
        if (RollOnly(vote, events, discrepancies) is { } pending)
        {
            return pending;
        }

        VoteReplayResult result;
        try
        {
            // Positions in the result are positions in the compound's events.
            result = VoteReplay.Replay(events.Select(e => e.Event), vote);
        }
        catch (VoteReplayException e)
        {
            string message = EventPosition().Replace(InputFile.OneLine(e.Message), m =>
                $"entry {events[int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture)].Index}");
            discrepancies.Add($"vote {vote}: cannot be recounted: {message}");
            int casts = events.Count(x => x.Event is BallotCast or PaperBallotRecorded or CustodialBallotCast && ((VoteEvent)x.Event).Vote == vote);
            return Uncounted(compound, vote, casts, TallyVerdict.NotReplayable);
        }

        replays[vote] = result;
        var kinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var rejected = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var ignored = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (ReplayedBallot ballot in result.Ballots)
        {
            (long index, LedgerEvent e) = events[ballot.Position];
            string kind = e switch
            {
                BallotCast cast => VoteAudit.KindOf(cast, enrolled),
                CustodialBallotCast => VoteAudit.Custodial,
                _ => VoteAudit.Paper,
            };
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            switch (ballot.Disposition)
            {
                case BallotDisposition.Rejected:
                    // The server verifies every ballot before logging it, so a logged ballot that
                    // fails an offline check was altered or should never have been accepted.
                    rejected[ballot.Reason!] = rejected.GetValueOrDefault(ballot.Reason!) + 1;
                    discrepancies.Add($"vote {vote}: ballot at entry {index} is rejected: {ballot.Reason}{Explain(ballot.Reason!)}");
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
        return new VoteAudit(compound, vote, result.Ballots.Count, kinds, counted, rejected, ignored, verdict) { People = VotePeople.Of(vote, events, result) };
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
}
