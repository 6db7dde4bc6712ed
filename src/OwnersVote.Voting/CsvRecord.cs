namespace OwnersVote.Voting;

/// <summary>One CSV record (RFC 4180) and its 1-based row number (the header is row 1).</summary>
/// <param name="Row">The 1-based record number, as a spreadsheet would show it.</param>
/// <param name="Fields">The unquoted field values.</param>
public sealed record CsvRecord(int Row, IReadOnlyList<string> Fields);
