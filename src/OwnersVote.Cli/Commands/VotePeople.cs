using System.Globalization;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Cli.Commands;

/// <summary>
/// Who could vote in a vote and who acted for whom, as <c>ov verify</c> saw it in the log (issue 6):
/// the compound's credential enrolments and revocations the replay applied, the proxy mandates
/// (Shanghai art. 18) that cover the vote and their revocations, the custodial ballots, and the
/// ballots proxies cast. Every officer appears by staff id, every person by keyed hash.
/// </summary>
/// <param name="Enrolled">The compound's <c>CredentialEnrolled</c> entries.</param>
/// <param name="Revoked">The compound's <c>CredentialRevoked</c> entries.</param>
/// <param name="Proxies">The <c>ProxyGranted</c> entries whose mandate covers the vote.</param>
/// <param name="ProxiesRevoked">The <c>ProxyRevoked</c> entries of those mandates.</param>
/// <param name="Custodial">The vote's <c>CustodialBallotCast</c> entries and what became of each.</param>
/// <param name="ProxyBallots">The vote's ballots cast by a proxy and what became of each.</param>
/// <param name="Approvals">The compound's <c>EnrolmentApproved</c> entries: invitations two officers issued at the desk.</param>
public sealed record VotePeople(
    IReadOnlyList<(long Index, CredentialEnrolled Event)> Enrolled,
    IReadOnlyList<(long Index, CredentialRevoked Event)> Revoked,
    IReadOnlyList<(long Index, ProxyGranted Event)> Proxies,
    IReadOnlyList<(long Index, ProxyRevoked Event)> ProxiesRevoked,
    IReadOnlyList<(long Index, CustodialBallotCast Event, ReplayedBallot Fate)> Custodial,
    IReadOnlyList<(long Index, ReplayedBallot Fate)> ProxyBallots,
    IReadOnlyList<(long Index, EnrolmentApproved Event)> Approvals)
{
    /// <summary>Whether anything beyond enrolments is worth a line without <c>--verbose</c>.</summary>
    public bool HasProxiesOrCustodial => Proxies.Count > 0 || Custodial.Count > 0 || ProxyBallots.Count > 0;

    /// <summary>Gathers a vote's people from the compound's own events and the vote's custodial ballots (by entry index) and its replay.</summary>
    /// <param name="vote">The vote id.</param>
    /// <param name="shared">The compound's own events with their entry indexes (<see cref="CompoundReplay.Shared"/>).</param>
    /// <param name="custodial">The vote's <c>CustodialBallotCast</c> entries by entry index.</param>
    /// <param name="replay">The vote's replay, whose positions are entry indexes.</param>
    public static VotePeople Of(
        string vote, IReadOnlyList<(int Position, LedgerEvent Event)> shared, IReadOnlyDictionary<int, CustodialBallotCast> custodial, VoteReplayResult replay)
    {
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(custodial);
        ArgumentNullException.ThrowIfNull(replay);
        MatterPublished matter = replay.Matter;
        // A period mandate concerns the vote if its period meets the voting period.
        bool Concerns(ProxyMandate m) => m.Vote is not null ? m.Vote == vote : m.From < matter.Closes && matter.Opens < m.Until;
        List<(long, ProxyGranted)> proxies = [.. Of<ProxyGranted>(shared).Where(p => Concerns(p.Event.Mandate))];
        HashSet<string> mandates = [.. proxies.Select(p => p.Item2.MandateId)];
        return new VotePeople(
            [.. Of<CredentialEnrolled>(shared)],
            [.. Of<CredentialRevoked>(shared)],
            proxies,
            [.. Of<ProxyRevoked>(shared).Where(r => mandates.Contains(r.Event.Mandate))],
            [.. replay.Ballots.Where(b => b.Channel == BallotChannel.Custodial).Select(b => ((long)b.Position, custodial[b.Position], b))],
            [.. replay.Ballots.Where(b => b.Proxy is not null).Select(b => ((long)b.Position, b))],
            [.. Of<EnrolmentApproved>(shared)]);
    }

    private static IEnumerable<(long Index, T Event)> Of<T>(IReadOnlyList<(int Position, LedgerEvent Event)> events)
        where T : LedgerEvent =>
        events.Where(e => e.Event is T).Select(e => ((long)e.Position, (T)e.Event));

    /// <summary>The summary line, e.g. <c>  people: 12 enrolments (0 revoked), 1 proxy mandates (0 revoked), 1 proxy ballots (1 counted), 0 custodial ballots (0 counted)</c>.</summary>
    public string Summary() => string.Create(
        CultureInfo.InvariantCulture,
        $"  people: {Enrolled.Count} enrolments ({Revoked.Count} revoked), {Proxies.Count} proxy mandates ({ProxiesRevoked.Count} revoked), " +
        $"{ProxyBallots.Count} proxy ballots ({ProxyBallots.Count(b => b.Fate.Disposition == BallotDisposition.Counted)} counted), " +
        $"{Custodial.Count} custodial ballots ({Custodial.Count(c => c.Fate.Disposition == BallotDisposition.Counted)} counted)");

    /// <summary>One line per entry, in log order, for <c>--verbose</c>.</summary>
    public IEnumerable<string> Details()
    {
        var lines = new List<(long Index, string Line)>();
        lines.AddRange(Enrolled.Select(e => (e.Index, $"enrolment: owner {Short(e.Event.Owner)} {WireKind(e.Event.Kind)} {Base64UrlText.Encode(e.Event.CredentialId.Span)}, officers {string.Join(" ", e.Event.Officers)}, active from {EventTime.ToText(e.Event.ActiveFrom)}")));
        lines.AddRange(Approvals.Select(e => (e.Index, $"enrolment approved: {(e.Event.ForProxy ? "proxy" : "owner")} {Short(e.Event.Person)} at unit {e.Event.Unit}, asked by {e.Event.RequestedBy}, approved by {e.Event.ApprovedBy}")));
        lines.AddRange(Revoked.Select(e => (e.Index, $"credential revoked: owner {Short(e.Event.Owner)} {Base64UrlText.Encode(e.Event.CredentialId.Span)}, officers {string.Join(" ", e.Event.Officers)}, reason {e.Event.Reason}")));
        lines.AddRange(Proxies.Select(e => (e.Index, $"proxy granted: mandate {Short(e.Event.MandateId)}, owner {Short(e.Event.Mandate.Owner)} to proxy {Short(e.Event.Mandate.Proxy)}, {Scope(e.Event.Mandate)}, {Evidence(e.Event)}")));
        lines.AddRange(ProxiesRevoked.Select(e => (e.Index, $"proxy revoked: mandate {Short(e.Event.Mandate)} by {e.Event.Officer ?? "the owner online"}")));
        lines.AddRange(ProxyBallots.Select(b => (b.Index, $"proxy ballot: principal {b.Fate.Principal} under mandate {Short(b.Fate.Proxy!)}, {Fate(b.Fate)}")));
        lines.AddRange(Custodial.Select(c => (c.Index, $"custodial ballot: principal {c.Event.Principal}, entered by {c.Event.EnteredBy}, confirmed by {c.Event.ConfirmedBy}, {Fate(c.Fate)}")));
        return lines.OrderBy(l => l.Index).Select(l => string.Create(CultureInfo.InvariantCulture, $"    entry {l.Index}: {l.Line}"));
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;

    private static string WireKind(CredentialKind kind) => kind == CredentialKind.DeviceKey ? VoteAudit.DeviceKey : VoteAudit.Passkey;

    private static string Scope(ProxyMandate m) =>
        m.Vote is not null ? $"for vote {m.Vote}" : $"from {EventTime.ToText(m.From!.Value)} until {EventTime.ToText(m.Until!.Value)}";

    private static string Evidence(ProxyGranted g) =>
        g.Scan is not null ? $"scan {Short(g.Scan)} registered by {g.Officer}" : "signed online by the owner";

    private static string Fate(ReplayedBallot b) => b.Disposition switch
    {
        BallotDisposition.Counted => "counted",
        BallotDisposition.Rejected => $"rejected ({b.Reason})",
        _ => $"ignored ({b.Reason})",
    };
}
