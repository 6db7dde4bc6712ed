using System.Text;
using Microsoft.EntityFrameworkCore;
using OwnersVote.Ledger;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Data;
using OwnersVote.Web.Ledger;

namespace OwnersVote.Web.Features.Receipts;

/// <summary>What checking a pasted receipt found.</summary>
/// <param name="Verified">The checkpoint is this log's, cosigned as required, and the proof leads from the entry to its root.</param>
/// <param name="Failure">Why not, in plain words, or null.</param>
/// <param name="Index">The entry index the receipt names (-1 when the receipt could not be read).</param>
/// <param name="Checkpoint">The receipt's checkpoint, when it could be read.</param>
/// <param name="Cosigners">The witnesses whose cosignatures verified.</param>
/// <param name="Ballot">The ballot the entry holds, when it is one.</param>
/// <param name="StillInLog">This server's log still holds the same entry at that index.</param>
/// <param name="Row">How the count treats the ballot now, when it is one of ours.</param>
public sealed record ReceiptCheck(
    bool Verified,
    string? Failure,
    long Index,
    Checkpoint? Checkpoint,
    IReadOnlyList<string> Cosigners,
    BallotCast? Ballot,
    bool StillInLog,
    BallotRow? Row);

/// <summary>A receipt given, or held until the witnesses its compound requires have cosigned.</summary>
/// <param name="Receipt">The receipt, or null while held.</param>
/// <param name="Held">What is missing (which witnesses, and why they did not cosign), or null.</param>
public sealed record IssuedReceipt(Receipt? Receipt, string? Held);

/// <summary>
/// Step ⑤ of the owner flow: receipts (c2sp.org/tlog-proof) for log entries, and checking a pasted
/// receipt against this log's key and witnesses. A receipt's <c>extra</c> line carries the logged
/// entry itself (the canonical JSON of the event), so it proves its own content offline: the leaf
/// hash is SHA-256(0x00 ‖ extra) (RFC 9162 §2.1.1). Every receipt it gives — the JSON API, the
/// receipt page, the custodial printed receipt — comes from <see cref="IssueWitnessedAsync"/>: there
/// is no path to a receipt on a checkpoint the compound's witnesses have not cosigned.
/// </summary>
public sealed class ReceiptDesk(EventLog log, Lazy<OwnersVoteDb> db)
{
    /// <summary>
    /// A receipt for entry <paramref name="index"/> on a checkpoint cosigned as its compound
    /// requires — the deployment's witness quorum and the compound's own (docs/operations.md
    /// "Per-compound witnesses"); or why it is held; or null if the log has no such entry. The
    /// entry's bytes are taken from <paramref name="entry"/> when they hash to the log's leaf at
    /// that index (the caller just appended them: no bundle is read back), otherwise from the store;
    /// its compound is <paramref name="compound"/> when given with those bytes, otherwise decoded.
    /// </summary>
    public async Task<IssuedReceipt?> IssueWitnessedAsync(long index, byte[]? entry, string? compound, CancellationToken cancellationToken)
    {
        long size = log.TreeSize;
        if (index < 0 || index >= size)
        {
            return null;
        }

        if (entry is null || !log.HoldsEntry(index, entry))
        {
            compound = null;
            entry = await EntryReader.ReadAsync(log.Store, index, size, cancellationToken)
                ?? throw new LogStorageException($"Entry {index} of the log of size {size} is missing from the store.");
        }

        compound ??= CompoundOf(entry);

        ReceiptCheckpoint checkpoint = await log.CheckpointForReceiptAsync(compound, cancellationToken);
        if (checkpoint.Note is not { } note)
        {
            return new IssuedReceipt(null, checkpoint.Shortfall);
        }

        return await IssueAtAsync(index, entry, note, cancellationToken) is { } receipt ? new IssuedReceipt(receipt, null) : null;
    }

    private static string CompoundOf(byte[] entry)
    {
        try
        {
            return EventCodec.Decode(entry).Compound;
        }
        catch (EventFormatException)
        {
            // Not an event of ours: no compound's witnesses apply, the deployment's still do.
            return string.Empty;
        }
    }

    private async Task<Receipt?> IssueAtAsync(long index, byte[]? entry, byte[] checkpoint, CancellationToken cancellationToken)
    {
        if (index < 0)
        {
            return null;
        }

        long size = ReadSize(checkpoint);
        if (index >= size)
        {
            return null;
        }

        if (entry is null || !log.HoldsEntry(index, entry))
        {
            entry = await EntryReader.ReadAsync(log.Store, index, size, cancellationToken)
                ?? throw new LogStorageException($"Entry {index} of the log of size {size} is missing from the store.");
        }

        IReadOnlyList<Hash> proof = await log.ProveInclusionAsync(index, size, cancellationToken);
        return new Receipt(index, proof, checkpoint, entry);
    }

    /// <summary>Checks a receipt (as pasted or uploaded) against this log.</summary>
    public async Task<ReceiptCheck> CheckAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        Receipt receipt;
        try
        {
            // Pasting may turn the note's final newline or line ends into something else.
            string normal = text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() + "\n";
            receipt = Receipt.Parse(Encoding.UTF8.GetBytes(normal));
        }
        catch (MalformedReceiptException e)
        {
            return new ReceiptCheck(false, e.Message, -1, null, [], null, false, null);
        }

        byte[]? entry = receipt.Extra;
        Checkpoint? checkpoint = TryReadCheckpoint(receipt.Checkpoint);
        if (entry is null && checkpoint is not null && receipt.Index < checkpoint.Size && receipt.Index < log.TreeSize)
        {
            // A receipt without the entry: the entry is taken from this log.
            entry = await EntryReader.ReadAsync(log.Store, receipt.Index, log.TreeSize, cancellationToken);
        }

        if (entry is null)
        {
            return new ReceiptCheck(false, "the receipt carries no entry and this log has none at its index", receipt.Index, checkpoint, [], null, false, null);
        }

        ReceiptVerification verification = receipt.Verify(entry, log.Origin, log.Verifiers, log.WitnessVerifiers, log.WitnessQuorum);
        BallotCast? ballot = null;
        LedgerEvent? logged = null;
        try
        {
            logged = EventCodec.Decode(entry);
            ballot = logged as BallotCast;
        }
        catch (EventFormatException)
        {
            // Not an event of ours: the proof may still hold, the page just cannot show a ballot.
        }

        // A compound with witnesses of its own requires their quorum on its receipts too.
        if (verification.IsVerified && logged is not null && log.Witnesses.Of(logged.Compound) is { Quorum: > 0 } own)
        {
            ReceiptVerification compound = receipt.Verify(entry, log.Origin, log.Verifiers, [.. own.Witnesses.Select(w => w.Key)], own.Quorum);
            if (!compound.IsVerified)
            {
                verification = compound;
            }
            else
            {
                verification = receipt.Verify(entry, log.Origin, log.Verifiers, [.. log.WitnessVerifiers, .. own.Witnesses.Select(w => w.Key)], log.WitnessQuorum);
            }
        }

        bool stillInLog = false;
        if (receipt.Index < log.TreeSize
            && await EntryReader.ReadAsync(log.Store, receipt.Index, log.TreeSize, cancellationToken) is { } stored)
        {
            stillInLog = stored.AsSpan().SequenceEqual(entry);
        }

        BallotRow? row = ballot is null || !stillInLog
            ? null
            : await db.Value.Ballots.AsNoTracking().SingleOrDefaultAsync(b => b.LogIndex == receipt.Index, cancellationToken);
        return new ReceiptCheck(
            verification.IsVerified,
            verification.Failure,
            receipt.Index,
            verification.Checkpoint ?? checkpoint,
            verification.Cosigners,
            ballot,
            stillInLog,
            row);
    }

    // Every receipt of a batch is given on the same served checkpoint (one array, never changed
    // once served): its size is parsed once, not once per ballot (issue 10).
    private static long ReadSize(byte[] signedCheckpoint)
    {
        if (Volatile.Read(ref s_lastSize) is { } last && ReferenceEquals(last.Checkpoint, signedCheckpoint))
        {
            return last.Size;
        }

        long size = Checkpoint.Parse(Note.Parse(signedCheckpoint).Text).Size;
        Volatile.Write(ref s_lastSize, new ParsedSize(signedCheckpoint, size));
        return size;
    }

    private static ParsedSize? s_lastSize;

    private sealed record ParsedSize(byte[] Checkpoint, long Size);

    private static Checkpoint? TryReadCheckpoint(byte[] signedCheckpoint)
    {
        try
        {
            return Checkpoint.Parse(Note.Parse(signedCheckpoint).Text);
        }
        catch (Exception e) when (e is MalformedNoteException or MalformedCheckpointException)
        {
            return null;
        }
    }
}
