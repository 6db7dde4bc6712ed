namespace OwnersVote.Voting;

/// <summary>Writes CSV fields per RFC 4180 §2.6–2.7.</summary>
public static class CsvWriter
{
    /// <summary>The field as written: quoted, with quotes doubled, when it holds a comma, a quote,
    /// a line break or surrounding spaces; otherwise as is.</summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        bool quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (value.Length > 0 && (value[0] == ' ' || value[^1] == ' '));
        return quote ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
