namespace OwnersVote.Voting;

/// <summary>
/// Voting data that cannot be counted: a malformed roll, an unknown unit, mixed choices of one
/// owner, a ballot outside the scope. The message is one line of English; <see cref="Error"/> is
/// the stable code, <see cref="Units"/> the units concerned and <see cref="Row"/> the 1-based CSV
/// record (row) number when the data came from a file.
/// </summary>
public sealed class VotingDataException : Exception
{
    /// <summary>Creates the exception.</summary>
    public VotingDataException(VotingDataError error, string message, IReadOnlyList<UnitId>? units = null, int? row = null)
        : base(row is null ? message : $"row {row}: {message}")
    {
        Error = error;
        Units = units ?? [];
        Row = row;
        Detail = message;
    }

    /// <summary>The stable reason code.</summary>
    public VotingDataError Error { get; }

    /// <summary>The units concerned (e.g. the units of an owner with mixed choices), possibly empty.</summary>
    public IReadOnlyList<UnitId> Units { get; }

    /// <summary>The 1-based row (CSV record, header = 1) the error was found in, if any.</summary>
    public int? Row { get; }

    /// <summary>The message without the row prefix.</summary>
    public string Detail { get; }

    /// <summary>The same error, located at a row.</summary>
    public VotingDataException AtRow(int row) => new(Error, Detail, Units, row);
}
