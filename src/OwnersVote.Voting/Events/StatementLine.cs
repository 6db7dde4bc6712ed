namespace OwnersVote.Voting.Events;

/// <summary>One line of a published statement.</summary>
/// <param name="Date">The day the money moved (or, for <see cref="StatementLineKind.Planned"/>, the day it was proposed).</param>
/// <param name="Kind">What the line records.</param>
/// <param name="Amount">The amount in fen (分, 0.01 yuan), positive; the kind gives its direction.</param>
/// <param name="Description">What it was for, as owners read it.</param>
/// <param name="Vote">The vote that authorised the spending (or that a planned spending awaits), or null.</param>
/// <param name="Document">SHA-256 of the invoice, contract or quotation behind the line, or null.</param>
public sealed record StatementLine(
    DateOnly Date,
    StatementLineKind Kind,
    long Amount,
    string Description,
    string? Vote = null,
    string? Document = null)
{
    /// <summary>The line's effect on the balance in fen: + for income, − for spending, 0 for planned.</summary>
    public long Effect => Kind switch
    {
        StatementLineKind.Spending => checked(-Amount),
        StatementLineKind.Planned => 0,
        _ => Amount,
    };
}
