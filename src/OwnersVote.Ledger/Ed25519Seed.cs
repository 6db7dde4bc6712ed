using System.Security.Cryptography;

namespace OwnersVote.Ledger;

/// <summary>Fresh Ed25519 seeds for key generation (the only randomness in the library).</summary>
internal static class Ed25519Seed
{
    public static byte[] Generate() => RandomNumberGenerator.GetBytes(NoteKeyEncoding.Ed25519KeySize);
}
