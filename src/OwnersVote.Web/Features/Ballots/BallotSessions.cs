using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Cluster;

namespace OwnersVote.Web.Features.Ballots;

/// <summary>A ballot prepared for signing: the exact ballot, its challenge, for whom, until when.</summary>
/// <param name="Ballot">The ballot the owner confirmed; its JCS bytes are what the passkey signs.</param>
/// <param name="Challenge">SHA-256("OV-BALLOT-v1\0" ‖ JCS(ballot)).</param>
/// <param name="OwnerHash">The signed-in owner it was prepared for.</param>
/// <param name="ExpiresAt">When it stops being accepted.</param>
public sealed record PendingBallot(OwnerBallot Ballot, byte[] Challenge, string OwnerHash, DateTimeOffset ExpiresAt);

/// <summary>
/// Ballots waiting for their passkey signature (DESIGN.md "Ballot signing"). Each carries a fresh
/// server nonce, is single use and short-lived, so a captured assertion cannot be replayed into a
/// second ballot. Kept like the sign-in challenges — in memory on a single node, in PostgreSQL on a
/// cluster node (<see cref="ClusterCeremonies"/>, no session affinity needed) — and bounded: at
/// most <see cref="BallotSettings.MaxPrepared"/> at once.
/// </summary>
public sealed class BallotSessions(TimeProvider time, IOptions<BallotSettings> settings, ClusterCeremonies? cluster = null)
{
    /// <summary>How long a prepared ballot may wait for its signature.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>The most prepared ballots outstanding at once, unless <see cref="BallotSettings.MaxPrepared"/> says otherwise.</summary>
    public const int DefaultMaxPrepared = 100_000;

    private readonly int _maxPrepared = settings.Value.MaxPrepared > 0
        ? settings.Value.MaxPrepared
        : throw new InvalidOperationException($"{BallotSettings.Section}:{nameof(BallotSettings.MaxPrepared)} must be a positive number, not {settings.Value.MaxPrepared}.");

    private const string Kind = "ballot";

    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, PendingBallot> _pending = new(StringComparer.Ordinal);

    /// <summary>A fresh nonce for a ballot: 16 random bytes, unpadded base64url (WebAuthn §13.4.3).</summary>
    public static string NewNonce() => Base64UrlText.Encode(RandomNumberGenerator.GetBytes(16));

    /// <summary>Holds a prepared ballot; returns its handle, or null when too many are outstanding.</summary>
    public async Task<string?> HoldAsync(OwnerBallot ballot, string ownerHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        DateTimeOffset now = time.GetUtcNow();
        byte[] challenge = BallotChallenge.Compute(ballot);
        string handle = Base64UrlText.Encode(RandomNumberGenerator.GetBytes(24));
        if (cluster is not null)
        {
            // The ballot's JSON is held, not its challenge: the challenge is recomputed from it.
            byte[] json = JsonSerializer.SerializeToUtf8Bytes(ballot.ToJson());
            return await cluster.HoldAsync(handle, new HeldCeremony(Kind, ownerHash, json, now + Lifetime), now, _maxPrepared, cancellationToken) ? handle : null;
        }

        lock (_gate)
        {
            if (_pending.Count >= _maxPrepared)
            {
                foreach (KeyValuePair<string, PendingBallot> stale in _pending.Where(p => p.Value.ExpiresAt <= now))
                {
                    _pending.TryRemove(stale);
                }

                if (_pending.Count >= _maxPrepared)
                {
                    return null;
                }
            }

            _pending[handle] = new PendingBallot(ballot, challenge, ownerHash, now + Lifetime);
        }

        return handle;
    }

    /// <summary>Takes a prepared ballot out (it can never be used again); null if unknown, expired or another owner's.</summary>
    public async Task<PendingBallot?> TakeAsync(string? handle, string ownerHash, CancellationToken cancellationToken)
    {
        if (handle is null)
        {
            return null;
        }

        PendingBallot? pending;
        if (cluster is not null)
        {
            if (await cluster.TakeAsync(handle, cancellationToken) is not { Kind: Kind } held)
            {
                return null;
            }

            OwnerBallot ballot = OwnerBallot.FromJson(JsonNode.Parse(held.Payload));
            pending = new PendingBallot(ballot, BallotChallenge.Compute(ballot), held.OwnerHash ?? "", held.ExpiresAt);
        }
        else if (!_pending.TryRemove(handle, out pending))
        {
            return null;
        }

        return string.Equals(pending.OwnerHash, ownerHash, StringComparison.Ordinal) && time.GetUtcNow() < pending.ExpiresAt ? pending : null;
    }
}
