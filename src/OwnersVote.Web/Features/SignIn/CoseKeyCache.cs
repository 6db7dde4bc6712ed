using System.Collections.Concurrent;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Web.Features.SignIn;

/// <summary>
/// Parsed credential public keys, shared by the cast path and the projector, so a P-256 key is
/// imported once per credential (importing costs about 1.5 verifications) rather than twice per
/// ballot. Keyed by the COSE_Key bytes as enrolled in the log, so a key can never be served for
/// other bytes; bounded to <see cref="Capacity"/> keys (emptied when full — a miss only re-parses).
/// </summary>
public sealed class CoseKeyCache
{
    /// <summary>The most keys kept at once.</summary>
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<string, CoseKey> _keys = new(StringComparer.Ordinal);

    /// <summary>The parsed key for <paramref name="encoded"/> (a COSE_Key, RFC 9052 §7).</summary>
    /// <exception cref="FormatException">The bytes are not a supported COSE_Key (as <see cref="CoseKey.Parse"/>).</exception>
    public CoseKey Get(byte[] encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        string id = Convert.ToBase64String(encoded);
        if (_keys.TryGetValue(id, out CoseKey? key))
        {
            return key;
        }

        key = CoseKey.Parse(encoded);
        if (_keys.Count >= Capacity)
        {
            _keys.Clear();
        }

        return _keys.GetOrAdd(id, key);
    }
}
