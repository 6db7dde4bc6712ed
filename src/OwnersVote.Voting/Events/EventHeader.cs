namespace OwnersVote.Voting.Events;

/// <summary>The common fields of an event as read from the wire.</summary>
internal readonly record struct EventHeader(string Compound, string? Vote, DateTimeOffset At, string Actor);
