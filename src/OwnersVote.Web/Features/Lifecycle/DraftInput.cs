using OwnersVote.Voting;

namespace OwnersVote.Web.Features.Lifecycle;

/// <summary>One question of a draft.</summary>
/// <param name="Text">The question as owners will read it.</param>
/// <param name="Threshold">Its threshold class (Civil Code art. 278 para. 2).</param>
public sealed record DraftQuestion(string Text, ThresholdClass Threshold);

/// <summary>What the draft form sends.</summary>
/// <param name="Id">The vote id (letters, digits, '-'), fixed once saved.</param>
/// <param name="Title">The matter's title.</param>
/// <param name="Text">The matter's full text.</param>
/// <param name="Scope">The buildings in scope, comma-separated; empty for the whole compound.</param>
/// <param name="Questions">The questions, at least one.</param>
/// <param name="OpensAt">When voting opens.</param>
/// <param name="VotingDays">The voting period in days (5–60).</param>
/// <param name="ObjectionHours">The objection period in hours, or null for none.</param>
/// <param name="Reminders">Reminder rounds, hours before the close.</param>
/// <param name="AllowChange">Whether owners may change their ballot while the vote is open.</param>
/// <param name="SilentMajority">The silent-majority clause (off by default; DESIGN.md §1).</param>
public sealed record DraftInput(
    string Id,
    string Title,
    string Text,
    string Scope,
    IReadOnlyList<DraftQuestion> Questions,
    DateTimeOffset OpensAt,
    int VotingDays,
    int? ObjectionHours,
    IReadOnlyList<int> Reminders,
    bool AllowChange,
    bool SilentMajority);
