namespace OwnersVote.Ledger.Tests;

/// <summary>A clock stopped at a given POSIX time (the clock is the one thing tests fake).</summary>
internal sealed class FixedTimeProvider(long unixSeconds) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
}
