namespace OwnersVote.Ledger;

/// <summary>Merkle inclusion proofs (audit paths), RFC 9162 §2.1.3.</summary>
public static class InclusionProof
{
    /// <summary>
    /// The inclusion proof PATH(m, D[n]) of leaf <paramref name="index"/> in the tree of
    /// <paramref name="treeSize"/> leaves (RFC 9162 §2.1.3.1), nodes ordered from the leaf up.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not in [0, treeSize).</exception>
    public static IReadOnlyList<Hash> Create(long index, long treeSize, IHashSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, treeSize);
        var proof = new List<Hash>();
        Path(index, 0, treeSize, source, proof);
        return proof;
    }

    /// <summary>
    /// Verifies that <paramref name="leafHash"/> is leaf <paramref name="index"/> of the tree of
    /// <paramref name="treeSize"/> leaves with head <paramref name="root"/>, by the algorithm of
    /// RFC 9162 §2.1.3.2. Malformed input (index out of range, wrong proof length) yields false.
    /// </summary>
    public static bool Verify(long index, long treeSize, Hash leafHash, IReadOnlyList<Hash> proof, Hash root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        return Verify(index, treeSize, leafHash.Bytes, new HashList(proof), root.Bytes);
    }

    /// <summary>
    /// Verifies an inclusion proof given as untrusted bytes (e.g. decoded from a receipt). Any
    /// hash that is not 32 bytes makes the proof fail; see
    /// <see cref="Verify(long, long, Hash, IReadOnlyList{Hash}, Hash)"/>.
    /// </summary>
    public static bool Verify(long index, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        foreach (byte[] p in proof)
        {
            if (p is null)
            {
                return false;
            }
        }

        return Verify(index, treeSize, leafHash, new ByteArrayList(proof), root);
    }

    private static bool Verify<TProof>(long index, long treeSize, ReadOnlySpan<byte> leafHash, TProof proof, ReadOnlySpan<byte> root)
        where TProof : IProofHashes
    {
        // RFC 9162 §2.1.3.2 step 1: "If leaf_index is greater than or equal to tree_size, then
        // fail the proof verification."
        if (index < 0 || index >= treeSize || leafHash.Length != Hash.Size || root.Length != Hash.Size)
        {
            return false;
        }

        // Step 2-3.
        long fn = index;
        long sn = treeSize - 1;
        Span<byte> r = stackalloc byte[Hash.Size];
        leafHash.CopyTo(r);
        // Step 4.
        for (int i = 0; i < proof.Count; i++)
        {
            ReadOnlySpan<byte> p = proof[i];
            if (p.Length != Hash.Size || sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                Merkle.HashChildren(p, r, r);
                if ((fn & 1) == 0)
                {
                    while (fn != 0 && (fn & 1) == 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                Merkle.HashChildren(r, p, r);
            }

            fn >>= 1;
            sn >>= 1;
        }

        // Step 5: "If sn is equal to 0 and r and the root_hash are equal, then the log has proven
        // the inclusion of hash."
        return sn == 0 && r.SequenceEqual(root);
    }

    // RFC 9162 §2.1.3.1: for n > 1 and k the largest power of two smaller than n,
    // PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n]) for m < k, and
    // PATH(m, D[n]) = PATH(m - k, D[k:n]) : MTH(D[0:k]) for m >= k.
    private static void Path(long m, long start, long end, IHashSource source, List<Hash> proof)
    {
        long n = end - start;
        if (n == 1)
        {
            return;
        }

        long k = Merkle.LargestPowerOfTwoBelow(n);
        if (m - start < k)
        {
            Path(m, start, start + k, source, proof);
            proof.Add(Merkle.SubtreeHash(start + k, end, source));
        }
        else
        {
            Path(m, start + k, end, source, proof);
            proof.Add(Merkle.SubtreeHash(start, start + k, source));
        }
    }
}
