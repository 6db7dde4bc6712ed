using NSec.Cryptography;

namespace OwnersVote.Ledger;

/// <summary>Imports raw 32-byte Ed25519 public keys from key strings.</summary>
internal static class Ed25519PublicKey
{
    public static PublicKey Import(byte[] key)
    {
        PublicKey? publicKey = null;
        if (key.Length != NoteKeyEncoding.Ed25519KeySize
            || !PublicKey.TryImport(SignatureAlgorithm.Ed25519, key, KeyBlobFormat.RawPublicKey, out publicKey)
            || publicKey is null)
        {
            throw new NoteKeyFormatException($"An Ed25519 public key is 32 bytes, not {key.Length}.");
        }

        return publicKey;
    }
}
