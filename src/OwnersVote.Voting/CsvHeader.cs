namespace OwnersVote.Voting;

/// <summary>Checks shared by the CSV formats: the exact header and the field count.</summary>
internal static class CsvHeader
{
    public static void Check(IReadOnlyList<CsvRecord> records, string[] columns)
    {
        string expected = string.Join(',', columns);
        if (records.Count == 0)
        {
            throw new VotingDataException(VotingDataError.WrongHeader, $"empty file: expected the header '{expected}'", row: 1);
        }

        if (!records[0].Fields.SequenceEqual(columns, StringComparer.Ordinal))
        {
            throw new VotingDataException(VotingDataError.WrongHeader, $"expected the header '{expected}', found '{string.Join(',', records[0].Fields)}'", row: 1);
        }
    }

    public static void CheckColumnCount(CsvRecord record, int count)
    {
        if (record.Fields.Count != count)
        {
            throw new VotingDataException(VotingDataError.WrongColumnCount, $"expected {count} fields, found {record.Fields.Count}", row: record.Row);
        }
    }
}
