using OwnersVote.Voting;

namespace OwnersVote.Web.Projections;

// The events the projections are built from, by their DESIGN.md §2 names, reduced to what the
// tables hold. The Projector is the only code that turns them into rows, so feeding it from the
// log changes no page or endpoint. The encoded log events (OwnersVote.Voting.Events: per-vote
// RollFrozen, multi-question MatterPublished, signed BallotCast) map onto these; switching the
// Projector's input to them is the next step, together with the signed-ballot flow.

/// <summary>A log event the projections apply, with the time it was sequenced.</summary>
public abstract record LogEvent(DateTimeOffset At);

/// <summary>A compound is registered.</summary>
public sealed record CompoundRegistered(string CompoundId, string Name, string Locality, DateTimeOffset At) : LogEvent(At);

/// <summary>The roll is frozen: every exclusive unit with its area (JI art. 8) and headcount principal (JI art. 9).</summary>
public sealed record RollFrozen(string CompoundId, Roll Roll, DateTimeOffset At) : LogEvent(At);

/// <summary>A matter is published for a vote: its text, threshold class, scope and dates.</summary>
public sealed record MatterPublished(
    string MatterId,
    string CompoundId,
    Matter Matter,
    string Text,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    DateTimeOffset At) : LogEvent(At);

/// <summary>An owner's online ballot, signed on the owner's device; a later one supersedes an earlier one.</summary>
public sealed record BallotCast(string MatterId, OwnerId Owner, Choice Choice, DateTimeOffset At) : LogEvent(At);

/// <summary>A paper ballot read from a scan and confirmed by two officers.</summary>
public sealed record PaperBallotRecorded(string MatterId, OwnerId Owner, Choice Choice, DateTimeOffset At) : LogEvent(At);

/// <summary>The vote is closed; no further ballot counts.</summary>
public sealed record VoteClosed(string MatterId, DateTimeOffset At) : LogEvent(At);

/// <summary>The result is published.</summary>
public sealed record TallyPublished(string MatterId, bool Passed, DateTimeOffset At) : LogEvent(At);
