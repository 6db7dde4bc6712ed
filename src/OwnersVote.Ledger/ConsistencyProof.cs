using System.Numerics;

namespace OwnersVote.Ledger;

/// <summary>Merkle consistency proofs between two tree sizes, RFC 9162 §2.1.4.</summary>
public static class ConsistencyProof
{
    /// <summary>
    /// The consistency proof PROOF(m, D[n]) = SUBPROOF(m, D[n], true) that the tree of
    /// <paramref name="size1"/> leaves is a prefix of the tree of <paramref name="size2"/> leaves
    /// (RFC 9162 §2.1.4.1). Empty when the sizes are equal.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 &lt; size1 ≤ size2: a proof from the empty tree proves nothing.</exception>
    public static IReadOnlyList<Hash> Create(long size1, long size2, IHashSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size1, size2);
        var proof = new List<Hash>();
        SubProof(size1, 0, size2, true, source, proof);
        return proof;
    }

    /// <summary>
    /// Verifies that the tree of <paramref name="size1"/> leaves with head <paramref name="root1"/>
    /// is a prefix of the tree of <paramref name="size2"/> leaves with head <paramref name="root2"/>
    /// by the algorithm of RFC 9162 §2.1.4.2. Equal sizes need an empty proof and equal roots. A
    /// first size of 0, a first size above the second, or a malformed proof yields false.
    /// </summary>
    public static bool Verify(long size1, long size2, Hash root1, Hash root2, IReadOnlyList<Hash> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        return Verify(size1, size2, root1.Bytes, root2.Bytes, new HashList(proof));
    }

    /// <summary>
    /// Verifies a consistency proof given as untrusted bytes. Roots are compared byte for byte when
    /// the sizes are equal; otherwise any hash that is not 32 bytes makes the proof fail; see
    /// <see cref="Verify(long, long, Hash, Hash, IReadOnlyList{Hash})"/>.
    /// </summary>
    public static bool Verify(long size1, long size2, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        foreach (byte[] c in proof)
        {
            if (c is null)
            {
                return false;
            }
        }

        return Verify(size1, size2, root1, root2, new ByteArrayList(proof));
    }

    private static bool Verify<TProof>(long size1, long size2, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2, TProof proof)
        where TProof : IProofHashes
    {
        // Consistency with the empty tree is vacuous, so a proof from size 0 is rejected as an
        // error (transparency-dev/merkle test vectors), as is a shrinking tree.
        if (size1 <= 0 || size1 > size2)
        {
            return false;
        }

        if (size1 == size2)
        {
            return proof.Count == 0 && root1.SequenceEqual(root2);
        }

        // RFC 9162 §2.1.4.2 step 1: "If consistency_path is an empty array, stop and fail the
        // proof verification."
        if (proof.Count == 0 || root1.Length != Hash.Size || root2.Length != Hash.Size)
        {
            return false;
        }

        for (int i = 0; i < proof.Count; i++)
        {
            if (proof[i].Length != Hash.Size)
            {
                return false;
            }
        }

        // Step 2: "If first is an exact power of 2, then prepend first_hash to the
        // consistency_path array."
        bool prepend = BitOperations.IsPow2(size1);
        // Step 3.
        long fn = size1 - 1;
        long sn = size2 - 1;
        // Step 4: "If LSB(fn) is set, then right-shift both fn and sn equally until LSB(fn) is
        // not set."
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        // Step 5: "Set both fr and sr to the first value in the consistency_path array."
        Span<byte> fr = stackalloc byte[Hash.Size];
        Span<byte> sr = stackalloc byte[Hash.Size];
        (prepend ? root1 : proof[0]).CopyTo(fr);
        fr.CopyTo(sr);
        // Step 6: for each subsequent value c.
        for (int i = prepend ? 0 : 1; i < proof.Count; i++)
        {
            ReadOnlySpan<byte> c = proof[i];
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                Merkle.HashChildren(c, fr, fr);
                Merkle.HashChildren(c, sr, sr);
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
                Merkle.HashChildren(sr, c, sr);
            }

            fn >>= 1;
            sn >>= 1;
        }

        // Step 7: "verify that the fr calculated is equal to the first_hash supplied, that the sr
        // calculated is equal to the second_hash supplied, and that sn is 0."
        return sn == 0 && fr.SequenceEqual(root1) && sr.SequenceEqual(root2);
    }

    // RFC 9162 §2.1.4.1: SUBPROOF(m, D[m], true) = {}; SUBPROOF(m, D[m], false) = {MTH(D[m])};
    // for m < n and k the largest power of two smaller than n:
    // m <= k: SUBPROOF(m, D[0:k], b) : MTH(D[k:n]);
    // m > k:  SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k]).
    private static void SubProof(long m, long start, long end, bool b, IHashSource source, List<Hash> proof)
    {
        long n = end - start;
        if (m == n)
        {
            if (!b)
            {
                proof.Add(Merkle.SubtreeHash(start, end, source));
            }

            return;
        }

        long k = Merkle.LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            SubProof(m, start, start + k, b, source, proof);
            proof.Add(Merkle.SubtreeHash(start + k, end, source));
        }
        else
        {
            SubProof(m - k, start + k, end, false, source, proof);
            proof.Add(Merkle.SubtreeHash(start, start + k, source));
        }
    }
}
