using System.Globalization;
using System.Text;

namespace OwnersVote.Ledger;

/// <summary>
/// The body of a c2sp.org/tlog-witness <c>add-checkpoint</c> request: <c>old &lt;size&gt;\n</c>,
/// zero or more base64 consistency proof lines, an empty line, then the signed checkpoint note.
/// </summary>
public sealed class AddCheckpointRequest
{
    /// <summary>"The client MUST NOT send more than 63 consistency proof lines."</summary>
    public const int MaxProofLines = 63;

    /// <summary>Creates a request.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The old size is negative or the proof has more than 63 hashes.</exception>
    public AddCheckpointRequest(long oldSize, IReadOnlyList<Hash> consistencyProof, byte[] checkpoint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(oldSize);
        ArgumentNullException.ThrowIfNull(consistencyProof);
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(consistencyProof.Count, MaxProofLines, nameof(consistencyProof));
        OldSize = oldSize;
        ConsistencyProof = [.. consistencyProof];
        Checkpoint = checkpoint;
    }

    /// <summary>The size of the latest checkpoint the client believes the witness cosigned (0 if none).</summary>
    public long OldSize { get; }

    /// <summary>The RFC 6962 consistency proof from <see cref="OldSize"/> to the checkpoint's size.</summary>
    public IReadOnlyList<Hash> ConsistencyProof { get; }

    /// <summary>The signed checkpoint note, verbatim.</summary>
    public byte[] Checkpoint { get; }

    /// <summary>Formats the request body.</summary>
    public byte[] Format()
    {
        // "The old size line MUST consist of the string old, a single space (0x20), and the tree
        // size of the previous checkpoint encoded as an ASCII decimal with no leading zeroes";
        // "Each line MUST terminate in a newline character".
        StringBuilder head = new();
        head.Append("old ").Append(OldSize.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (Hash hash in ConsistencyProof)
        {
            head.Append(hash.ToBase64()).Append('\n');
        }

        head.Append('\n');
        return [.. Encoding.ASCII.GetBytes(head.ToString()), .. Checkpoint];
    }

    /// <summary>Parses a request body (the checkpoint note itself is parsed by the witness).</summary>
    /// <exception cref="MalformedWitnessRequestException">The body does not follow the format.</exception>
    public static AddCheckpointRequest Parse(ReadOnlySpan<byte> body)
    {
        ReadOnlySpan<byte> rest = body;
        string oldLine = NextLine(ref rest, "old size");
        if (!oldLine.StartsWith("old ", StringComparison.Ordinal))
        {
            throw new MalformedWitnessRequestException("The first line must be 'old <size>'.");
        }

        long oldSize;
        try
        {
            oldSize = Ledger.Checkpoint.ParseSize(oldLine[4..], "old size");
        }
        catch (MalformedCheckpointException e)
        {
            throw new MalformedWitnessRequestException(e.Message, e);
        }

        List<Hash> proof = [];
        while (true)
        {
            string line = NextLine(ref rest, "consistency proof line or empty line");
            if (line.Length == 0)
            {
                break;
            }

            // "Each consistency proof line MUST encode a single hash in base64."
            byte[]? hash = StrictBase64.Decode(line);
            if (hash is null || hash.Length != Hash.Size)
            {
                throw new MalformedWitnessRequestException($"Consistency proof line {proof.Count + 1} is not a base64 SHA-256 hash.");
            }

            proof.Add(Hash.FromBytes(hash));
            if (proof.Count > MaxProofLines)
            {
                throw new MalformedWitnessRequestException($"More than {MaxProofLines} consistency proof lines.");
            }
        }

        if (rest.IsEmpty)
        {
            throw new MalformedWitnessRequestException("The request has no checkpoint after the empty line.");
        }

        return new AddCheckpointRequest(oldSize, proof, rest.ToArray());
    }

    private static string NextLine(ref ReadOnlySpan<byte> rest, string what)
    {
        int end = rest.IndexOf((byte)'\n');
        if (end < 0)
        {
            throw new MalformedWitnessRequestException($"Expected a newline-terminated {what}.");
        }

        ReadOnlySpan<byte> line = rest[..end];
        rest = rest[(end + 1)..];
        if (line.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E))
        {
            throw new MalformedWitnessRequestException($"The {what} is not printable ASCII.");
        }

        return Encoding.ASCII.GetString(line);
    }
}
