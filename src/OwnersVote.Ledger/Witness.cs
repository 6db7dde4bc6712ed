using System.Text;

namespace OwnersVote.Ledger;

/// <summary>
/// The logic of a c2sp.org/tlog-witness witness: checks an <c>add-checkpoint</c> request against
/// the logs it knows and the latest checkpoint it cosigned, and answers with cosignatures
/// (c2sp.org/tlog-cosignature) or the status the spec requires. The HTTP server is the shell's.
/// </summary>
public sealed class Witness
{
    private readonly IReadOnlyList<CosignatureSigner> _cosigners;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<INoteVerifier>> _logs;
    private readonly IWitnessStateStore _store;

    /// <summary>Creates a witness.</summary>
    /// <param name="cosigners">The witness key(s); each successful request gets one cosignature per key.</param>
    /// <param name="logs">The known logs: origin → the log's trusted public key(s).</param>
    /// <param name="store">Where the latest cosigned checkpoint of each log is kept.</param>
    public Witness(IReadOnlyList<CosignatureSigner> cosigners, IReadOnlyDictionary<string, IReadOnlyList<INoteVerifier>> logs, IWitnessStateStore store)
    {
        ArgumentNullException.ThrowIfNull(cosigners);
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentNullException.ThrowIfNull(store);
        if (cosigners.Count == 0)
        {
            throw new ArgumentException("A witness needs at least one cosigner key.", nameof(cosigners));
        }

        _cosigners = cosigners;
        _logs = logs;
        _store = store;
    }

    /// <summary>Handles one <c>POST &lt;submission prefix&gt;/add-checkpoint</c> request body.</summary>
    public async Task<WitnessResponse> AddCheckpointAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        AddCheckpointRequest request;
        Checkpoint claimed;
        try
        {
            request = AddCheckpointRequest.Parse(body.Span);

            // Read the origin before knowing which keys to verify with; nothing else is trusted yet.
            claimed = Checkpoint.Parse(Note.Parse(request.Checkpoint).Text);
        }
        catch (FormatException e) when (e is MalformedWitnessRequestException or MalformedNoteException or MalformedCheckpointException)
        {
            return WitnessResponse.Error(400, $"malformed request: {e.Message}");
        }

        // "If the checkpoint origin is unknown, the witness MUST respond with a "404 Not Found"".
        if (!_logs.TryGetValue(claimed.Origin, out IReadOnlyList<INoteVerifier>? logKeys))
        {
            return WitnessResponse.Error(404, "unknown log origin");
        }

        // "The witness MUST verify the checkpoint signature against the public key(s) it trusts for
        // the checkpoint origin, and it MUST ignore signatures from unknown keys. ... If none of
        // the signatures verify against a trusted public key, the witness MUST respond with a
        // "403 Forbidden"". A known key's failing signature rejects the note (signed-note SHOULD).
        SignedCheckpoint signed;
        try
        {
            signed = Checkpoint.Open(request.Checkpoint, logKeys);
        }
        catch (NoteVerificationException e)
        {
            return WitnessResponse.Error(403, $"checkpoint not signed by a known log key: {e.Message}");
        }

        Checkpoint checkpoint = signed.Checkpoint;

        // "The old size MUST be equal to or lower than the checkpoint size. Otherwise, the witness
        // MUST respond with a "400 Bad Request"".
        if (request.OldSize > checkpoint.Size)
        {
            return WitnessResponse.Error(400, $"old size {request.OldSize} is above the checkpoint size {checkpoint.Size}");
        }

        CosignedCheckpoint? latest = await _store.GetAsync(checkpoint.Origin, cancellationToken).ConfigureAwait(false);
        long latestSize = latest?.Checkpoint.Size ?? 0;

        // "The witness MUST check that the old size matches the size of the latest checkpoint it
        // cosigned for the checkpoint's origin (or zero if it never cosigned a checkpoint for that
        // origin). If it doesn't match, the witness MUST respond with a "409 Conflict"" with the size.
        if (request.OldSize != latestSize)
        {
            return WitnessResponse.SizeConflict(latestSize);
        }

        if (request.OldSize == checkpoint.Size)
        {
            // "If the old size matches the checkpoint size, the witness MUST check that the root
            // hashes are also identical. If they don't match, the witness MUST respond with a
            // "409 Conflict"". With no record the old tree is the empty tree.
            Hash latestRoot = latest?.Checkpoint.Root ?? Merkle.EmptyRoot;
            if (checkpoint.Root != latestRoot)
            {
                return WitnessResponse.Error(409, $"checkpoint root differs from the cosigned checkpoint of the same size {checkpoint.Size}");
            }

            if (request.ConsistencyProof.Count != 0)
            {
                return WitnessResponse.Error(422, "the consistency proof between equal sizes must be empty");
            }
        }
        else if (request.OldSize == 0)
        {
            // "The proof MUST be empty if the old size is zero."
            if (request.ConsistencyProof.Count != 0)
            {
                return WitnessResponse.Error(422, "the consistency proof from size 0 must be empty");
            }
        }
        else if (!ConsistencyProof.Verify(request.OldSize, checkpoint.Size, latest!.Checkpoint.Root, checkpoint.Root, request.ConsistencyProof))
        {
            // latest is not null here: OldSize == latestSize > 0.
            // "If the Merkle Consistency Proof doesn't verify, the witness MUST respond with a
            // "422 Unprocessable Entity"".
            return WitnessResponse.Error(422, $"consistency proof from {request.OldSize} to {checkpoint.Size} does not verify");
        }

        // "If all the checks above pass, the witness MUST update its record of the latest cosigned
        // checkpoint"; "checking the old size against the latest checkpoint and persisting the new
        // checkpoint must be performed atomically" — otherwise a slower request for a smaller size
        // could roll the record back. The compare-and-swap fails if another request won the race.
        var next = new CosignedCheckpoint(checkpoint, request.Checkpoint);
        if (!await _store.CompareAndSwapAsync(checkpoint.Origin, latest, next, cancellationToken).ConfigureAwait(false))
        {
            CosignedCheckpoint? now = await _store.GetAsync(checkpoint.Origin, cancellationToken).ConfigureAwait(false);
            return WitnessResponse.SizeConflict(now?.Checkpoint.Size ?? 0);
        }

        // "The response body MUST be a sequence of one or more note signature lines ... The
        // signatures MUST be cosignatures from the witness key(s) on the checkpoint."
        byte[] text = Encoding.UTF8.GetBytes(signed.Note.Text);
        return WitnessResponse.Cosigned(_cosigners.Select(c => NoteSignature.Create(c.Name, c.KeyId, c.Sign(text))));
    }
}
