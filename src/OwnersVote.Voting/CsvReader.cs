using System.Text;

namespace OwnersVote.Voting;

/// <summary>
/// A small strict reader for RFC 4180 CSV, UTF-8 with an optional byte order mark. Strict means
/// a malformed file is refused, not guessed at: a quote inside an unquoted field, text after a
/// closing quote, an unterminated quoted field or invalid UTF-8 is an error naming the row.
/// </summary>
public static class CsvReader
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes strict UTF-8 (an optional BOM is dropped) and reads every record.</summary>
    /// <exception cref="VotingDataException">Invalid UTF-8 or malformed CSV
    /// (<see cref="VotingDataError.MalformedCsv"/>).</exception>
    public static IReadOnlyList<CsvRecord> ReadAll(ReadOnlySpan<byte> utf8)
    {
        string text;
        try
        {
            text = s_strictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            // The only failure GetString has with throwOnInvalidBytes: bytes that are not UTF-8.
            throw new VotingDataException(VotingDataError.MalformedCsv, "the file is not valid UTF-8");
        }

        return ReadAll(text);
    }

    /// <summary>
    /// Reads every record of <paramref name="text"/>. Records end with CRLF or LF (RFC 4180 §2.1,
    /// LF accepted as well); the last record may lack one; empty lines at the very end are
    /// ignored. A leading U+FEFF is dropped.
    /// </summary>
    /// <exception cref="VotingDataException">Malformed CSV (<see cref="VotingDataError.MalformedCsv"/>).</exception>
    public static IReadOnlyList<CsvRecord> ReadAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int row = 1;
        int i = 0;
        bool recordStarted = false;
        while (i < text.Length)
        {
            char c = text[i];
            recordStarted = true;
            if (c == '"' && field.Length == 0)
            {
                // RFC 4180 §2.5–2.7: a quoted field; "" inside it is one quote.
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw Malformed(row, "unterminated quoted field");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i]);
                    i++;
                }

                if (i < text.Length && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
                {
                    throw Malformed(row, "text after a closing quote");
                }

                fields.Add(field.ToString());
                field.Clear();
                if (i < text.Length && text[i] == ',')
                {
                    i++;
                    continue;
                }

                if (i < text.Length)
                {
                    i = EndOfLine(text, i, row);
                }

                records.Add(new CsvRecord(row++, [.. fields]));
                fields.Clear();
                recordStarted = false;
                continue;
            }

            switch (c)
            {
                case '"':
                    throw Malformed(row, "quote inside an unquoted field");
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    i++;
                    break;
                case '\n':
                case '\r':
                    fields.Add(field.ToString());
                    field.Clear();
                    i = EndOfLine(text, i, row);
                    records.Add(new CsvRecord(row++, [.. fields]));
                    fields.Clear();
                    recordStarted = false;
                    break;
                default:
                    field.Append(c);
                    i++;
                    break;
            }
        }

        if (recordStarted)
        {
            fields.Add(field.ToString());
            records.Add(new CsvRecord(row, [.. fields]));
        }

        // Blank lines at the very end (an editor's extra newline) are not records.
        while (records.Count > 0 && records[^1].Fields is [""])
        {
            records.RemoveAt(records.Count - 1);
        }

        return records;
    }

    private static int EndOfLine(string text, int i, int row)
    {
        if (text[i] == '\n')
        {
            return i + 1;
        }

        if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
        {
            return i + 2;
        }

        throw Malformed(row, "a carriage return not followed by a line feed");
    }

    private static VotingDataException Malformed(int row, string what) =>
        new(VotingDataError.MalformedCsv, $"malformed CSV: {what}", row: row);
}
