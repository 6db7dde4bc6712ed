using OwnersVote.Ledger.Sequencing;

namespace OwnersVote.Web.Ledger;

/// <summary>What the projection decided for a ballot entry: whether it counts now, and why not.</summary>
/// <param name="Counts">Whether it is the principal's counted ballot at the end of its projection run.</param>
/// <param name="Rejection">Why the count does not take it (VoteReplay's code), or null.</param>
public sealed record ProjectedBallot(bool Counts, string? Rejection);

/// <summary>An appended entry: where it is, its logged bytes, and what the projection decided for a ballot.</summary>
/// <param name="Appended">Its index, leaf hash and cosigned checkpoint (as <see cref="EventLog.AppendAsync"/>).</param>
/// <param name="Entry">The logged bytes (EventCodec, RFC 8785).</param>
/// <param name="Ballot">For a ballot this process projected, the projection's decision; null otherwise.</param>
public sealed record ProjectedAppend(AppendResult Appended, byte[] Entry, ProjectedBallot? Ballot);
