using System.Threading.RateLimiting;

namespace OwnersVote.Web.Features.SignIn;

/// <summary>
/// How many times the phone's last four digits may be tried for one invitation code: 5 per day,
/// whatever the client address, so the 10⁴ endings cannot be walked through from many addresses.
/// Only codes that exist reach this check, so the partitions are bounded by the invitations issued.
/// </summary>
public sealed class PhoneAttempts : IDisposable
{
    /// <summary>Attempts per window and code.</summary>
    public const int PermitLimit = 5;

    /// <summary>The window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(1);

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(codeHash =>
        RateLimitPartition.GetFixedWindowLimiter(codeHash, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = PermitLimit,
            Window = Window,
            QueueLimit = 0,
        }));

    /// <summary>True when the digits may be tried for this code now (the attempt is counted).</summary>
    public bool TryAttempt(string codeHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(codeHash);
        using RateLimitLease lease = _limiter.AttemptAcquire(codeHash);
        return lease.IsAcquired;
    }

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();
}
