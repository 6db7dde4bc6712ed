using System.Collections.Concurrent;
using System.Text;

namespace OwnersVote.Ledger;

/// <summary>
/// The log's side of c2sp.org/tlog-witness: sends a new checkpoint to every witness in parallel,
/// each with its own timeout, re-proves from the witness's size on a 409, verifies the returned
/// cosignatures and merges them into the checkpoint note, requiring at least k of n.
/// </summary>
public sealed class WitnessClient
{
    // A 409 with the witness's size is answered by one new request from that size; a second 409
    // means another client raced us and gets one more try.
    private const int MaxAttempts = 3;

    private readonly IWitnessTransport _transport;
    private readonly IReadOnlyList<WitnessEndpoint> _witnesses;
    private readonly int _quorum;
    private readonly TimeSpan _timeout;
    private readonly ConcurrentDictionary<string, long> _knownSizes = new(StringComparer.Ordinal);

    /// <summary>Creates a client.</summary>
    /// <param name="transport">How requests reach witnesses.</param>
    /// <param name="witnesses">The n witnesses.</param>
    /// <param name="quorum">k: how many verified cosignatures are required (1 ≤ k ≤ n).</param>
    /// <param name="timeout">The time each witness gets, including re-proving.</param>
    public WitnessClient(IWitnessTransport transport, IReadOnlyList<WitnessEndpoint> witnesses, int quorum, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(witnesses);
        ArgumentOutOfRangeException.ThrowIfLessThan(quorum, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quorum, witnesses.Count);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        if (witnesses.Select(w => w.Name).Distinct(StringComparer.Ordinal).Count() != witnesses.Count)
        {
            throw new ArgumentException("Witness names must be distinct.", nameof(witnesses));
        }

        _transport = transport;
        _witnesses = witnesses;
        _quorum = quorum;
        _timeout = timeout;
    }

    /// <summary>k: how many verified cosignatures <see cref="CosignAsync"/> requires.</summary>
    public int Quorum => _quorum;

    /// <summary>The n witnesses asked.</summary>
    public IReadOnlyList<WitnessEndpoint> Witnesses => _witnesses;

    /// <summary>
    /// Obtains cosignatures on a signed checkpoint. <paramref name="proveFrom"/> returns the RFC 6962
    /// consistency proof from a given older size to the checkpoint's size.
    /// </summary>
    /// <exception cref="WitnessQuorumException">Fewer than k witnesses cosigned; names each failure.</exception>
    /// <exception cref="MalformedNoteException">The signed checkpoint is not a note.</exception>
    /// <exception cref="MalformedCheckpointException">Its text is not a checkpoint.</exception>
    public async Task<WitnessedCheckpoint> CosignAsync(
        byte[] signedCheckpoint,
        Func<long, CancellationToken, Task<IReadOnlyList<Hash>>> proveFrom,
        CancellationToken cancellationToken)
    {
        WitnessedCheckpoint witnessed = await CollectAsync(signedCheckpoint, proveFrom, cancellationToken).ConfigureAwait(false);
        if (witnessed.Cosigners.Count < _quorum)
        {
            throw new WitnessQuorumException(_quorum, witnessed.Cosigners.Count, witnessed.Failures);
        }

        return witnessed;
    }

    /// <summary>
    /// Asks every witness as <see cref="CosignAsync"/> does, but returns the checkpoint with
    /// whatever cosignatures verified, even fewer than k: for a log whose appended entries stand
    /// whether or not witnesses answer, and which serves what it obtained.
    /// </summary>
    /// <exception cref="MalformedNoteException">The signed checkpoint is not a note.</exception>
    /// <exception cref="MalformedCheckpointException">Its text is not a checkpoint.</exception>
    public async Task<WitnessedCheckpoint> CollectAsync(
        byte[] signedCheckpoint,
        Func<long, CancellationToken, Task<IReadOnlyList<Hash>>> proveFrom,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signedCheckpoint);
        ArgumentNullException.ThrowIfNull(proveFrom);
        ParsedNote note = Note.Parse(signedCheckpoint);
        Checkpoint checkpoint = Checkpoint.Parse(note.Text);

        (WitnessEndpoint Witness, VerifiedNoteSignature[]? Cosignatures, string? Failure)[] results = await Task.WhenAll(
            _witnesses.Select(w => AskAsync(w, signedCheckpoint, note.Text, checkpoint, proveFrom, cancellationToken))).ConfigureAwait(false);

        List<WitnessFailure> failures = [.. results.Where(r => r.Failure is not null).Select(r => new WitnessFailure(r.Witness.Name, r.Failure!))];
        var succeeded = results.Where(r => r.Cosignatures is not null).ToList();

        // A witness's older cosignature on this note is replaced by the fresh one.
        HashSet<(string, uint)> fresh = [.. succeeded.SelectMany(r => r.Cosignatures!).Select(c => (c.Signature.Name, c.Signature.KeyId))];
        IEnumerable<NoteSignature> merged = note.Signatures
            .Where(s => !fresh.Contains((s.Name, s.KeyId)))
            .Concat(succeeded.SelectMany(r => r.Cosignatures!).Select(c => c.Signature));
        return new WitnessedCheckpoint(Note.Format(note.Text, merged), [.. succeeded.Select(r => r.Witness.Name)], failures);
    }

    private async Task<(WitnessEndpoint, VerifiedNoteSignature[]?, string?)> AskAsync(
        WitnessEndpoint witness,
        byte[] signedCheckpoint,
        string text,
        Checkpoint checkpoint,
        Func<long, CancellationToken, Task<IReadOnlyList<Hash>>> proveFrom,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            long oldSize = _knownSizes.GetValueOrDefault(witness.Name);
            for (int attempt = 1; ; attempt++)
            {
                if (oldSize > checkpoint.Size)
                {
                    return (witness, null, $"witness has cosigned size {oldSize}, beyond this checkpoint's size {checkpoint.Size}");
                }

                // tlog-witness: "The proof MUST be empty if the old size is zero"; equal sizes need none.
                IReadOnlyList<Hash> proof = oldSize == 0 || oldSize == checkpoint.Size
                    ? []
                    : await proveFrom(oldSize, timeout.Token).ConfigureAwait(false);
                byte[] body = new AddCheckpointRequest(oldSize, proof, signedCheckpoint).Format();
                WitnessResponse response = await _transport.AddCheckpointAsync(witness, body, timeout.Token).ConfigureAwait(false);

                if (response.StatusCode == 200)
                {
                    VerifiedNoteSignature[] cosignatures = VerifyCosignatures(witness, text, response.Body);
                    _knownSizes[witness.Name] = checkpoint.Size;
                    return (witness, cosignatures, null);
                }

                // tlog-witness: on an old size mismatch the 409 body is the witness's latest size.
                if (response.ConflictSize() is long witnessSize && attempt < MaxAttempts)
                {
                    _knownSizes[witness.Name] = witnessSize;
                    oldSize = witnessSize;
                    continue;
                }

                return (witness, null, $"HTTP {response.StatusCode}: {response.BodyText.Trim()}");
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (witness, null, $"timed out after {_timeout.TotalSeconds:0.###} s");
        }
        catch (IOException e)
        {
            return (witness, null, $"unreachable: {e.Message}");
        }
        catch (Exception e) when (e is MalformedNoteException or NoteVerificationException)
        {
            return (witness, null, $"bad cosignature response: {e.Message}");
        }
    }

    // tlog-witness: "The client MUST ignore any cosignatures from unknown keys. To parse the
    // response, the client MAY concatenate it to the checkpoint, and use a note verification
    // function configured with the witness keys it trusts."
    private static VerifiedNoteSignature[] VerifyCosignatures(WitnessEndpoint witness, string text, byte[] responseBody)
    {
        byte[] note = [.. Encoding.UTF8.GetBytes(text), (byte)'\n', .. responseBody];
        OpenedNote opened = Note.Open(note, witness.Key);
        return [.. opened.Signatures];
    }
}
