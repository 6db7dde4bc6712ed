using System.Collections.Concurrent;
using System.Security.Cryptography;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Cluster;

namespace OwnersVote.Web.Features.SignIn;

/// <summary>What a challenge was issued for.</summary>
public enum PasskeyCeremony
{
    /// <summary>navigator.credentials.create for a signed-in owner.</summary>
    Registration,

    /// <summary>navigator.credentials.get to sign in.</summary>
    SignIn,
}

/// <summary>An issued challenge: the bytes, what for, for whom, until when.</summary>
/// <param name="Challenge">The random challenge (WebAuthn §13.4.3: at least 16 random bytes).</param>
/// <param name="Ceremony">Registration or sign-in.</param>
/// <param name="OwnerHash">The owner a registration challenge was issued to, or null for sign-in.</param>
/// <param name="ExpiresAt">When it stops being accepted.</param>
public sealed record IssuedChallenge(byte[] Challenge, PasskeyCeremony Ceremony, string? OwnerHash, DateTimeOffset ExpiresAt);

/// <summary>
/// Server-side WebAuthn challenges (WebAuthn §13.4.3): random, kept on the server, single use and
/// short-lived, so a captured response cannot be replayed. A single node keeps them in memory; a
/// cluster node (<c>Cluster:Enabled</c>) in PostgreSQL (<see cref="ClusterCeremonies"/>), so the
/// options and the answer of one ceremony may reach different nodes. Anyone may ask for a sign-in
/// challenge, so at most <see cref="MaxOutstanding"/> are held at once: storage stays bounded.
/// </summary>
public sealed class PasskeyChallenges(TimeProvider time, ClusterCeremonies? cluster = null)
{
    /// <summary>How long a challenge is accepted.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>The most challenges outstanding at once (all clients together).</summary>
    public const int MaxOutstanding = 10_000;

    private readonly Lock _gate = new();

    private readonly ConcurrentDictionary<string, IssuedChallenge> _issued = new(StringComparer.Ordinal);

    /// <summary>Issues a fresh 32-byte challenge and its handle (base64url of the challenge), or null when <see cref="MaxOutstanding"/> are outstanding.</summary>
    public async Task<(string Handle, byte[] Challenge)?> IssueAsync(PasskeyCeremony ceremony, string? ownerHash, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        byte[] challenge = RandomNumberGenerator.GetBytes(32);
        string handle = Base64UrlText.Encode(challenge);
        if (cluster is not null)
        {
            var held = new HeldCeremony(KindOf(ceremony), ownerHash, challenge, now + Lifetime);
            return await cluster.HoldAsync(handle, held, now, MaxOutstanding, cancellationToken) ? (handle, challenge) : null;
        }

        lock (_gate)
        {
            if (_issued.Count >= MaxOutstanding)
            {
                foreach (KeyValuePair<string, IssuedChallenge> stale in _issued.Where(p => p.Value.ExpiresAt <= now))
                {
                    _issued.TryRemove(stale);
                }

                if (_issued.Count >= MaxOutstanding)
                {
                    return null;
                }
            }

            _issued[handle] = new IssuedChallenge(challenge, ceremony, ownerHash, now + Lifetime);
        }

        return (handle, challenge);
    }

    /// <summary>Takes the challenge out (it can never be used again); null if unknown, expired or for another ceremony or owner.</summary>
    public async Task<IssuedChallenge?> TakeAsync(string? handle, PasskeyCeremony ceremony, string? ownerHash, CancellationToken cancellationToken)
    {
        if (handle is null)
        {
            return null;
        }

        IssuedChallenge? issued;
        if (cluster is not null)
        {
            issued = await cluster.TakeAsync(handle, cancellationToken) is { } held && held.Kind == KindOf(ceremony)
                ? new IssuedChallenge(held.Payload, ceremony, held.OwnerHash, held.ExpiresAt)
                : null;
        }
        else if (!_issued.TryRemove(handle, out issued))
        {
            return null;
        }

        bool fits = issued is not null
            && issued.Ceremony == ceremony
            && string.Equals(issued.OwnerHash, ownerHash, StringComparison.Ordinal)
            && time.GetUtcNow() < issued.ExpiresAt;
        return fits ? issued : null;
    }

    private static string KindOf(PasskeyCeremony ceremony) => ceremony switch
    {
        PasskeyCeremony.Registration => "passkey-registration",
        PasskeyCeremony.SignIn => "passkey-signin",
        _ => throw new ArgumentOutOfRangeException(nameof(ceremony), ceremony, "Not a passkey ceremony."),
    };
}
