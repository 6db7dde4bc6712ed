namespace OwnersVote.Ledger;

/// <summary>Read access to the hashes of a proof, so verification runs on either form without copying.</summary>
internal interface IProofHashes
{
    public int Count { get; }

    /// <summary>The i-th hash; any length (untrusted input is checked by the verifier).</summary>
    public ReadOnlySpan<byte> this[int index] { get; }
}

internal readonly struct HashList(IReadOnlyList<Hash> hashes) : IProofHashes
{
    public int Count => hashes.Count;

    public ReadOnlySpan<byte> this[int index] => hashes[index].Bytes;
}

internal readonly struct ByteArrayList(IReadOnlyList<byte[]> hashes) : IProofHashes
{
    public int Count => hashes.Count;

    public ReadOnlySpan<byte> this[int index] => hashes[index];
}
