using OwnersVote.Ledger;

namespace OwnersVote.Web.Ledger;

/// <summary>
/// An event whose entry exceeds what one log entry holds (<see cref="EntryBundle.MaxEntrySize"/>,
/// c2sp.org/tlog-tiles); nothing was logged. An <see cref="ArgumentException"/>, as the appender's
/// own refusal of such an entry is, so callers that handle a malformed event handle this too.
/// </summary>
public sealed class EntryTooLargeException : ArgumentException
{
    public EntryTooLargeException()
    {
    }

    public EntryTooLargeException(string message)
        : base(message)
    {
    }

    public EntryTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An entry of <paramref name="eventType"/> that is <paramref name="length"/> bytes long.</summary>
    public EntryTooLargeException(string eventType, int length)
        : base($"A {eventType} entry of {length} bytes is larger than one log entry holds ({EntryBundle.MaxEntrySize} bytes, c2sp.org/tlog-tiles); nothing was logged.")
    {
        Length = length;
    }

    /// <summary>The entry's length in bytes.</summary>
    public int Length { get; }
}
