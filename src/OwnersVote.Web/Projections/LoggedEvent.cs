using OwnersVote.Ledger;
using OwnersVote.Voting.Events;

namespace OwnersVote.Web.Projections;

/// <summary>A decoded log entry with its place in the log.</summary>
/// <param name="Index">The entry's index (RFC 9162 leaf index).</param>
/// <param name="Event">The decoded event (EventCodec).</param>
/// <param name="TreeRoot">The root hash of the log's tree of <c>Index + 1</c> entries: what a checkpoint of that size commits to.</param>
public sealed record LoggedEvent(long Index, LedgerEvent Event, Hash TreeRoot);
