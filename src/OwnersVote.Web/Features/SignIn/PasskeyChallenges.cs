using System.Collections.Concurrent;
using System.Security.Cryptography;
using OwnersVote.Voting.Signing;

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
/// short-lived, so a captured response cannot be replayed. Kept in this process's memory: a web
/// farm needs sticky sessions for the few seconds of a ceremony. Anyone may ask for a sign-in
/// challenge, so at most <see cref="MaxOutstanding"/> are held at once: memory stays bounded.
/// </summary>
public sealed class PasskeyChallenges(TimeProvider time)
{
    /// <summary>How long a challenge is accepted.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>The most challenges outstanding at once (all clients together).</summary>
    public const int MaxOutstanding = 10_000;

    private readonly Lock _gate = new();

    private readonly ConcurrentDictionary<string, IssuedChallenge> _issued = new(StringComparer.Ordinal);

    /// <summary>Issues a fresh 32-byte challenge and its handle (base64url of the challenge), or null when <see cref="MaxOutstanding"/> are outstanding.</summary>
    public (string Handle, byte[] Challenge)? Issue(PasskeyCeremony ceremony, string? ownerHash)
    {
        DateTimeOffset now = time.GetUtcNow();
        byte[] challenge = RandomNumberGenerator.GetBytes(32);
        string handle = Base64UrlText.Encode(challenge);
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
    public IssuedChallenge? Take(string? handle, PasskeyCeremony ceremony, string? ownerHash)
    {
        if (handle is null || !_issued.TryRemove(handle, out IssuedChallenge? issued))
        {
            return null;
        }

        bool fits = issued.Ceremony == ceremony
            && string.Equals(issued.OwnerHash, ownerHash, StringComparison.Ordinal)
            && time.GetUtcNow() < issued.ExpiresAt;
        return fits ? issued : null;
    }
}
