namespace OwnersVote.Web.Spreadsheets;

/// <summary>An uploaded or named spreadsheet cannot be read; the message names it and says why, on one line.</summary>
public sealed class SpreadsheetException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SpreadsheetException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SpreadsheetException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public SpreadsheetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
