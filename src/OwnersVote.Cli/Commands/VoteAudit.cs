using OwnersVote.Voting;
using OwnersVote.Voting.Events;

namespace OwnersVote.Cli.Commands;

/// <summary>How a vote's recount compares with what was published.</summary>
public enum TallyVerdict
{
    /// <summary>The published <c>TallyPublished</c> equals the recount.</summary>
    Matches,

    /// <summary>The published tally differs from the recount: a failed audit (DESIGN.md §2).</summary>
    Differs,

    /// <summary>No <c>TallyPublished</c> in the log yet (an open vote).</summary>
    NotPublished,

    /// <summary>The vote's events could not be replayed at all.</summary>
    NotReplayable,

    /// <summary>
    /// Only the vote's roll is in the log (<c>RollFrozen</c>, whole): frozen in the roll book
    /// before the vote is announced, nothing to count yet.
    /// </summary>
    NotAnnounced,
}

/// <summary>The recount of one vote as <c>ov verify</c> reports it.</summary>
/// <param name="Compound">The compound id.</param>
/// <param name="Vote">The vote id.</param>
/// <param name="Ballots">How many <c>BallotCast</c> and <c>PaperBallotRecorded</c> the vote has.</param>
/// <param name="Kinds">Ballots per credential kind: <c>passkey</c>, <c>device-key</c>, or <c>unenrolled</c>; and <c>paper</c>.</param>
/// <param name="Counted">Ballots counted in the tally.</param>
/// <param name="Rejected">Ballots that failed a check, per reason code (<see cref="ReplayedBallot.Reason"/>).</param>
/// <param name="Ignored">Valid ballots not counted (replaced, superseded, after close), per reason.</param>
/// <param name="Verdict">The comparison with the published tally.</param>
public sealed record VoteAudit(
    string Compound,
    string Vote,
    int Ballots,
    IReadOnlyDictionary<string, int> Kinds,
    int Counted,
    IReadOnlyDictionary<string, int> Rejected,
    IReadOnlyDictionary<string, int> Ignored,
    TallyVerdict Verdict)
{
    /// <summary>Enrolments, proxies and custodial ballots the vote's replay saw (issue 6), or null when it could not be replayed.</summary>
    public VotePeople? People { get; init; }

    /// <summary>The credential kind names, as <c>CredentialEnrolled</c> spells them.</summary>
    public const string Passkey = "passkey";

    /// <summary>A browser's WebCrypto device key (issue 11).</summary>
    public const string DeviceKey = "device-key";

    /// <summary>A ballot whose credential was never enrolled in the compound.</summary>
    public const string Unenrolled = "unenrolled";

    /// <summary>A paper ballot recorded by two officers (<c>PaperBallotRecorded</c>).</summary>
    public const string Paper = "paper";

    /// <summary>A ballot entered at the desk by two officers (<c>CustodialBallotCast</c>).</summary>
    public const string Custodial = "custodial";

    /// <summary>
    /// The report line, e.g. <c>vote b57-lift: 6 ballots (5 passkey, 1 device-key), 5 counted,
    /// 1 ignored (replaced-by-later 1), recount matches published tally</c>.
    /// </summary>
    public string Describe(bool withCompound)
    {
        List<string> kinds = [$"{Kinds.GetValueOrDefault(Passkey)} {Passkey}", $"{Kinds.GetValueOrDefault(DeviceKey)} {DeviceKey}"];
        if (Kinds.GetValueOrDefault(Unenrolled) is int unenrolled and > 0)
        {
            kinds.Add($"{unenrolled} {Unenrolled}");
        }

        if (Kinds.GetValueOrDefault(Paper) is int paper and > 0)
        {
            kinds.Add($"{paper} {Paper}");
        }

        if (Kinds.GetValueOrDefault(Custodial) is int custodial and > 0)
        {
            kinds.Add($"{custodial} {Custodial}");
        }

        List<string> parts = [$"{Ballots} ballots ({string.Join(", ", kinds)})", $"{Counted} counted"];
        if (Rejected.Count > 0)
        {
            parts.Add($"{Rejected.Values.Sum()} rejected ({Reasons(Rejected)})");
        }

        if (Ignored.Count > 0)
        {
            parts.Add($"{Ignored.Values.Sum()} ignored ({Reasons(Ignored)})");
        }

        parts.Add(Verdict switch
        {
            TallyVerdict.Matches => "recount matches published tally",
            TallyVerdict.Differs => "recount DOES NOT MATCH published tally",
            TallyVerdict.NotPublished => "no tally published yet",
            TallyVerdict.NotAnnounced => "roll frozen, not announced yet",
            _ => "cannot be recounted",
        });
        return $"vote {(withCompound ? Compound + "/" : string.Empty)}{Vote}: {string.Join(", ", parts)}";
    }

    private static string Reasons(IReadOnlyDictionary<string, int> reasons) =>
        string.Join(", ", reasons.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value}"));

    /// <summary>The name of a credential kind, as <c>CredentialEnrolled</c> spells it.</summary>
    internal static string KindName(CredentialKind kind) => kind == CredentialKind.DeviceKey ? DeviceKey : Passkey;

    /// <summary>The differences between a published tally and the recount, one line each.</summary>
    internal static IEnumerable<string> Differences(TallyPublished published, TallyPublished recount)
    {
        if (published.Rule != recount.Rule)
        {
            yield return $"rule published {published.Rule}, the matter's is {recount.Rule}";
        }

        var byId = published.Questions.ToDictionary(q => q.Question, StringComparer.Ordinal);
        foreach (QuestionTally mine in recount.Questions)
        {
            if (!byId.Remove(mine.Question, out QuestionTally? theirs))
            {
                yield return $"question {mine.Question}: not in the published tally";
                continue;
            }

            foreach ((string name, DoubleCount p, DoubleCount r) in new[]
            {
                ("total", theirs.Total, mine.Total),
                ("participating", theirs.Participating, mine.Participating),
                ("yes", theirs.Yes, mine.Yes),
                ("no", theirs.No, mine.No),
                ("abstain", theirs.Abstain, mine.Abstain),
                ("invalid", theirs.Invalid, mine.Invalid),
            })
            {
                if (p != r)
                {
                    yield return $"question {mine.Question}: {name} published {Format(p)}, recount {Format(r)}";
                }
            }

            if ((theirs.QuorumMet, theirs.Passed) != (mine.QuorumMet, mine.Passed))
            {
                yield return $"question {mine.Question}: result published {Outcome(theirs)}, recount {Outcome(mine)}";
            }
        }

        foreach (string extra in byId.Keys)
        {
            yield return $"question {extra}: published but the matter has no such question";
        }
    }

    private static string Format(DoubleCount count) => $"{count.Area} m² / {count.Heads} heads";

    private static string Outcome(QuestionTally q) => !q.QuorumMet ? "no-quorum" : q.Passed ? "passed" : "failed";
}
