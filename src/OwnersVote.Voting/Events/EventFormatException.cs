namespace OwnersVote.Voting.Events;

/// <summary>
/// A log entry (or the ballot inside one) is not a valid event of this schema: not canonical JSON,
/// an unknown <c>type</c>, a newer <c>v</c>, a missing, extra or mistyped field. The message names
/// the field.
/// </summary>
public sealed class EventFormatException : FormatException
{
    /// <summary>Creates the exception with a default message.</summary>
    public EventFormatException()
        : base("The log entry is not a valid event.")
    {
    }

    /// <summary>Creates the exception with a message naming the field and the problem.</summary>
    public EventFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the underlying error.</summary>
    public EventFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
