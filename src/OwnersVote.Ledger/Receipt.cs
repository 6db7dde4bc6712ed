using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace OwnersVote.Ledger;

/// <summary>
/// An offline-verifiable proof that an entry is in the log (c2sp.org/tlog-proof, <c>.tlog-proof</c>):
/// <c>c2sp.org/tlog-proof@v1</c>, optional <c>extra &lt;base64&gt;</c>, <c>index &lt;n&gt;</c>,
/// the inclusion proof hashes, an empty line, then the checkpoint note verbatim.
/// </summary>
public sealed class Receipt
{
    /// <summary>The first line: "The first line MUST be the string c2sp.org/tlog-proof@v1."</summary>
    public const string Header = "c2sp.org/tlog-proof@v1";

    // An inclusion proof in a tree of fewer than 2^63 leaves has at most 63 hashes.
    private const int MaxProofLines = 63;

    // Header and its line end, from the one constant Parse also checks against.
    private static readonly byte[] s_headerLine = Encoding.ASCII.GetBytes(Header + "\n");

    /// <summary>Creates a receipt.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative index or more than 63 proof hashes.</exception>
    /// <exception cref="ArgumentException">Extra data is given but empty.</exception>
    public Receipt(long index, IReadOnlyList<Hash> inclusionProof, byte[] checkpoint, byte[]? extra = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentNullException.ThrowIfNull(inclusionProof);
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(inclusionProof.Count, MaxProofLines, nameof(inclusionProof));
        if (extra is { Length: 0 })
        {
            throw new ArgumentException("Extra data, when present, is not empty.", nameof(extra));
        }

        Index = index;
        InclusionProof = [.. inclusionProof];
        Checkpoint = checkpoint;
        Extra = extra;
    }

    /// <summary>The zero-based index of the entry in the log.</summary>
    public long Index { get; }

    /// <summary>The RFC 6962 §2.1.1 inclusion proof, from the leaf's sibling up to the root's child.</summary>
    public IReadOnlyList<Hash> InclusionProof { get; }

    /// <summary>The signed checkpoint note, verbatim, with any cosignatures.</summary>
    public byte[] Checkpoint { get; }

    /// <summary>Opaque extra data. "Applications MUST NOT implicitly trust the extra data, as it is not authenticated."</summary>
    public byte[]? Extra { get; }

    /// <summary>Formats the receipt.</summary>
    public byte[] Format()
    {
        // One array of the exact size: a receipt is formatted for every ballot cast (issue 10).
        // The lines are ASCII: the header, base64 and decimal digits.
        Span<byte> index = stackalloc byte[20];
        Index.TryFormat(index, out int indexLength, default, CultureInfo.InvariantCulture);
        int extraLength = Extra is null ? 0 : ExtraPrefix.Length + Base64.GetMaxEncodedToUtf8Length(Extra.Length) + 1;
        int proofLine = Base64.GetMaxEncodedToUtf8Length(Hash.Size) + 1;
        byte[] receipt = new byte[s_headerLine.Length + extraLength + IndexPrefix.Length + indexLength + 1 + (InclusionProof.Count * proofLine) + 1 + Checkpoint.Length];

        Span<byte> rest = receipt;
        Write(ref rest, s_headerLine);
        if (Extra is not null)
        {
            Write(ref rest, ExtraPrefix);
            WriteBase64(ref rest, Extra);
            Write(ref rest, "\n"u8);
        }

        Write(ref rest, IndexPrefix);
        Write(ref rest, index[..indexLength]);
        Write(ref rest, "\n"u8);
        foreach (Hash hash in InclusionProof)
        {
            WriteBase64(ref rest, hash.Bytes);
            Write(ref rest, "\n"u8);
        }

        Write(ref rest, "\n"u8);
        Write(ref rest, Checkpoint);
        return receipt;
    }

    private static ReadOnlySpan<byte> ExtraPrefix => "extra "u8;

    private static ReadOnlySpan<byte> IndexPrefix => "index "u8;

    private static void Write(ref Span<byte> destination, scoped ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination);
        destination = destination[bytes.Length..];
    }

    private static void WriteBase64(ref Span<byte> destination, scoped ReadOnlySpan<byte> bytes)
    {
        Base64.EncodeToUtf8(bytes, destination, out _, out int written);
        destination = destination[written..];
    }

    /// <summary>Parses a receipt; the checkpoint must be a well-formed note (it is verified by <see cref="Verify(Hash, string, IEnumerable{INoteVerifier}, IEnumerable{INoteVerifier}, int)"/>).</summary>
    /// <exception cref="MalformedReceiptException">The bytes do not follow c2sp.org/tlog-proof.</exception>
    public static Receipt Parse(ReadOnlySpan<byte> receipt)
    {
        ReadOnlySpan<byte> rest = receipt;
        if (NextLine(ref rest) != Header)
        {
            throw new MalformedReceiptException($"The first line must be '{Header}'.");
        }

        string line = NextLine(ref rest);
        byte[]? extra = null;

        // "The second line MAY start with the string extra followed by a space (U+0020) and
        // base64-encoded opaque extra data."
        if (line.StartsWith("extra ", StringComparison.Ordinal))
        {
            extra = StrictBase64.Decode(line.AsSpan(6));
            if (extra is null || extra.Length == 0)
            {
                throw new MalformedReceiptException("The extra line is not non-empty base64.");
            }

            line = NextLine(ref rest);
        }

        // "The next line MUST start with the string index followed by a space (U+0020) and the
        // zero-based index of the entry in the log, represented as an ASCII decimal with no
        // leading zeroes (unless the index is 0)."
        if (!line.StartsWith("index ", StringComparison.Ordinal))
        {
            throw new MalformedReceiptException("Expected 'index <n>'.");
        }

        long index;
        try
        {
            index = Ledger.Checkpoint.ParseSize(line[6..], "index");
        }
        catch (MalformedCheckpointException e)
        {
            throw new MalformedReceiptException(e.Message, e);
        }

        // "The next zero or more non-empty lines are the base64-encoded Merkle inclusion proof";
        // "After the inclusion proof lines and an empty line, the checkpoint ... verbatim".
        List<Hash> proof = [];
        while ((line = NextLine(ref rest)).Length != 0)
        {
            byte[]? hash = StrictBase64.Decode(line);
            if (hash is null || hash.Length != Hash.Size)
            {
                throw new MalformedReceiptException($"Inclusion proof line {proof.Count + 1} is not a base64 SHA-256 hash.");
            }

            proof.Add(Hash.FromBytes(hash));
            if (proof.Count > MaxProofLines)
            {
                throw new MalformedReceiptException($"More than {MaxProofLines} inclusion proof lines.");
            }
        }

        byte[] checkpoint = rest.ToArray();
        try
        {
            Note.Parse(checkpoint);
        }
        catch (MalformedNoteException e)
        {
            throw new MalformedReceiptException($"The checkpoint is not a signed note: {e.Message}", e);
        }

        return new Receipt(index, proof, checkpoint, extra);
    }

    /// <summary>Verifies the receipt for an entry: see <see cref="Verify(Hash, string, IEnumerable{INoteVerifier}, IEnumerable{INoteVerifier}, int)"/>.</summary>
    public ReceiptVerification Verify(ReadOnlySpan<byte> entry, string origin, IEnumerable<INoteVerifier> logKeys, IEnumerable<INoteVerifier> witnessKeys, int requiredCosignatures) =>
        Verify(Merkle.HashLeaf(entry), origin, logKeys, witnessKeys, requiredCosignatures);

    /// <summary>
    /// Verifies, offline, that the entry with this leaf hash is at <see cref="Index"/> in the log:
    /// the checkpoint is signed by a log key and has the expected origin, at least
    /// <paramref name="requiredCosignatures"/> distinct witness keys cosigned it, and the inclusion
    /// proof leads from the leaf hash to the checkpoint's root.
    /// </summary>
    public ReceiptVerification Verify(Hash leafHash, string origin, IEnumerable<INoteVerifier> logKeys, IEnumerable<INoteVerifier> witnessKeys, int requiredCosignatures)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(logKeys);
        ArgumentNullException.ThrowIfNull(witnessKeys);
        ArgumentOutOfRangeException.ThrowIfNegative(requiredCosignatures);
        List<INoteVerifier> logs = [.. logKeys];
        List<INoteVerifier> witnesses = [.. witnessKeys];

        SignedCheckpoint signed;
        try
        {
            signed = Ledger.Checkpoint.Open(Checkpoint, logs.Concat(witnesses).Distinct());
        }
        catch (Exception e) when (e is MalformedNoteException or NoteVerificationException or MalformedCheckpointException)
        {
            return ReceiptVerification.Failed($"checkpoint rejected: {e.Message}");
        }

        if (!signed.Note.Signatures.Any(s => logs.Contains(s.Verifier)))
        {
            return ReceiptVerification.Failed("checkpoint is not signed by the log key");
        }

        Checkpoint checkpoint = signed.Checkpoint;
        if (checkpoint.Origin != origin)
        {
            return ReceiptVerification.Failed($"checkpoint origin '{checkpoint.Origin}' is not '{origin}'");
        }

        string[] cosigners = [.. signed.Note.Signatures.Where(s => witnesses.Contains(s.Verifier)).Select(s => s.Signature.Name).Distinct(StringComparer.Ordinal)];
        if (cosigners.Length < requiredCosignatures)
        {
            return ReceiptVerification.Failed($"{cosigners.Length} of the required {requiredCosignatures} witness cosignatures");
        }

        if (Index >= checkpoint.Size)
        {
            return ReceiptVerification.Failed($"index {Index} is not below the tree size {checkpoint.Size}");
        }

        if (!Ledger.InclusionProof.Verify(Index, checkpoint.Size, leafHash, InclusionProof, checkpoint.Root))
        {
            return ReceiptVerification.Failed($"inclusion proof for index {Index} does not lead to the root of size {checkpoint.Size}");
        }

        return ReceiptVerification.Verified(checkpoint, cosigners);
    }

    private static string NextLine(ref ReadOnlySpan<byte> rest)
    {
        int end = rest.IndexOf((byte)'\n');
        if (end < 0)
        {
            throw new MalformedReceiptException("Expected a newline-terminated line.");
        }

        ReadOnlySpan<byte> line = rest[..end];
        rest = rest[(end + 1)..];
        if (line.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E))
        {
            throw new MalformedReceiptException("Receipt header lines are printable ASCII.");
        }

        return Encoding.ASCII.GetString(line);
    }
}
