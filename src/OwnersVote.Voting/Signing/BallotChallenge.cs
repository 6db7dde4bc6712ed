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
        return Compute(ballot.ToCanonicalJson());
    }

    /// <summary>Computes the challenge over already canonical ballot bytes, as logged.</summary>
    public static byte[] Compute(ReadOnlySpan<byte> canonicalBallot)
    {
        byte[] message = new byte[Prefix.Length + canonicalBallot.Length];
        Prefix.CopyTo(message);
        canonicalBallot.CopyTo(message.AsSpan(Prefix.Length));
        return SHA256.HashData(message);
    }
}
