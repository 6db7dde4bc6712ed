using System.Collections.Concurrent;
using System.Security.Cryptography;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Web.Features.Proxies;

/// <summary>A mandate prepared for the owner's signature: the exact mandate, for whom, until when.</summary>
/// <param name="Mandate">The mandate the owner read; its JCS bytes are what the passkey signs.</param>
/// <param name="OwnerHash">The signed-in owner it was prepared for.</param>
/// <param name="ByInvitation">True when the proxy is not an owner on the roll and needs an invitation from the desk.</param>
/// <param name="ExpiresAt">When it stops being accepted.</param>
public sealed record PendingMandate(ProxyMandate Mandate, string OwnerHash, bool ByInvitation, DateTimeOffset ExpiresAt);

/// <summary>
/// Mandates waiting for the owner's passkey or device-key signature, as <see cref="Ballots.BallotSessions"/>
/// holds ballots: single use, short-lived, bounded, in memory. The mandate carries a fresh nonce, so
/// a captured assertion cannot be replayed into a second mandate.
/// </summary>
public sealed class MandateSessions(TimeProvider time)
{
    /// <summary>How long a prepared mandate may wait for its signature.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>The most prepared mandates outstanding at once.</summary>
    public const int MaxOutstanding = 10_000;

    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, PendingMandate> _pending = new(StringComparer.Ordinal);

    /// <summary>Holds a prepared mandate; returns its handle, or null when too many are outstanding.</summary>
    public string? Hold(ProxyMandate mandate, string ownerHash, bool byInvitation)
    {
        ArgumentNullException.ThrowIfNull(mandate);
        DateTimeOffset now = time.GetUtcNow();
        string handle = Base64UrlText.Encode(RandomNumberGenerator.GetBytes(24));
        lock (_gate)
        {
            if (_pending.Count >= MaxOutstanding)
            {
                foreach (KeyValuePair<string, PendingMandate> stale in _pending.Where(p => p.Value.ExpiresAt <= now))
                {
                    _pending.TryRemove(stale);
                }

                if (_pending.Count >= MaxOutstanding)
                {
                    return null;
                }
            }

            _pending[handle] = new PendingMandate(mandate, ownerHash, byInvitation, now + Lifetime);
        }

        return handle;
    }

    /// <summary>Takes a prepared mandate out (it can never be used again); null if unknown, expired or another owner's.</summary>
    public PendingMandate? Take(string? handle, string ownerHash)
    {
        if (handle is null || !_pending.TryRemove(handle, out PendingMandate? pending))
        {
            return null;
        }

        return string.Equals(pending.OwnerHash, ownerHash, StringComparison.Ordinal) && time.GetUtcNow() < pending.ExpiresAt ? pending : null;
    }
}
