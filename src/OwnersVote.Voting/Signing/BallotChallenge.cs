using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace OwnersVote.Voting.Signing;

/// <summary>
/// The WebAuthn challenge for a ballot (DESIGN.md "Ballot signing"):
/// SHA-256("OV-BALLOT-v1\0" ‖ JCS(ballot)). The domain-separation prefix ends in one zero byte so
/// no other message of ours can hash to a ballot challenge.
/// </summary>
public static class BallotChallenge
{
    /// <summary>The prefix, ASCII "OV-BALLOT-v1" followed by one 0x00 byte.</summary>
    public static ReadOnlySpan<byte> Prefix => "OV-BALLOT-v1\0"u8;

    /// <summary>Computes the 32-byte challenge over the ballot's canonical JSON.</summary>
    public static byte[] Compute(OwnerBallot ballot)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        // A copy each time: the caller may write to its array, never to the one kept.
        return [.. s_challenges.GetValue(ballot, static b => Compute(b.ToCanonicalJson()))];
    }

    // Issue 10: a ballot's challenge was computed (canonical JSON, then SHA-256) when the ballot
    // was prepared and again for its id on the projector thread, the one serial stage of a cast.
    // Kept per ballot object, as BallotCast keeps its id; an OwnerBallot does not change once made.
    private static readonly ConditionalWeakTable<OwnerBallot, byte[]> s_challenges = [];

    /// <summary>Computes the challenge over already canonical ballot bytes, as logged.</summary>
    public static byte[] Compute(ReadOnlySpan<byte> canonicalBallot)
    {
        byte[] message = new byte[Prefix.Length + canonicalBallot.Length];
        Prefix.CopyTo(message);
        canonicalBallot.CopyTo(message.AsSpan(Prefix.Length));
        return SHA256.HashData(message);
    }
}
