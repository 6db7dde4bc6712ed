using System.Globalization;

namespace OwnersVote.Voting.Events;

/// <summary>
/// Timestamps in events and ballots: RFC 3339 UTC with exactly three fractional digits,
/// <c>2025-03-01T08:30:00.000Z</c>, so each instant has one spelling (the JCS bytes must not vary)
/// and JavaScript's <c>Date</c> holds it exactly.
/// </summary>
public static class EventTime
{
    private const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'";

    /// <summary>Drops sub-millisecond ticks and converts to UTC, giving an instant events can carry.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset instant)
    {
        DateTimeOffset utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    /// <summary>Formats an instant as RFC 3339 UTC with milliseconds.</summary>
    /// <exception cref="ArgumentException">The instant has sub-millisecond ticks (use <see cref="Truncate"/> first).</exception>
    public static string ToText(DateTimeOffset instant)
    {
        if (instant.UtcTicks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentException($"{instant:O} has sub-millisecond ticks; events carry whole milliseconds (EventTime.Truncate).", nameof(instant));
        }

        return instant.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);
    }

    /// <summary>Parses the one accepted spelling; returns false for anything else.</summary>
    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        instant = default;
        if (text is null || text.Length != 24
            || !DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime parsed))
        {
            return false;
        }

        instant = new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Utc));
        return true;
    }
}
