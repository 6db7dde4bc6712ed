namespace OwnersVote.Voting;

/// <summary>
/// One line of the explanation of a tally, in Chinese and English, with a stable code a user
/// interface can translate on its own.
/// </summary>
/// <param name="Code">Which test this line reports on.</param>
/// <param name="Met">Whether the test is met (for <see cref="TallyReasonCode.Result"/>: whether the matter passed).</param>
/// <param name="Chinese">The line in Chinese, citing the rule.</param>
/// <param name="English">The line in English, citing the rule.</param>
public sealed record TallyReason(TallyReasonCode Code, bool Met, string Chinese, string English);
