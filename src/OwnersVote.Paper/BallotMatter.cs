namespace OwnersVote.Paper;

/// <summary>What every ballot of one vote prints: the compound and the matter with its questions.</summary>
/// <param name="Compound">The compound's name (小区).</param>
/// <param name="Title">The matter's title.</param>
/// <param name="Text">The matter's full text; when it does not fit, a summary is printed and <paramref name="NoticeReference"/> is required.</param>
/// <param name="NoticeReference">Where the full text was published (the notice's reference), or null.</param>
/// <param name="Questions">One row per question, 1 to <see cref="BallotLayout.MaxQuestions"/>.</param>
public sealed record BallotMatter(string Compound, string Title, string Text, string? NoticeReference, IReadOnlyList<string> Questions);

/// <summary>One owner's page.</summary>
/// <param name="Building">The building.</param>
/// <param name="Area">The exclusive area (JI art. 8) printed in m², e.g. <c>89.50</c>; null prints a dash.</param>
/// <param name="Owner">How the owner is named on the sheet (name or the roll's owner reference).</param>
/// <param name="Code">Vote, unit and serial carried by the QR code.</param>
/// <param name="Units">The units printed (an owner with several units signs one ballot, JI art. 9); null prints the code's unit.</param>
public sealed record BallotSheet(string Building, Voting.Area? Area, string Owner, BallotCode Code, string? Units = null);

/// <summary>The ballot cannot be laid out: too many questions, or text that does not fit.</summary>
public sealed class BallotLayoutException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BallotLayoutException(string message)
        : base(message)
    {
    }
}
