using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Voting.Events;

/// <summary>
/// Encodes events as log entries and decodes them back, strictly. An entry is the canonical JSON
/// (RFC 8785) of
/// <code>{"actor":…,"at":"2025-03-01T08:30:00.000Z","compound":…,"payload":{…},"type":"BallotCast","v":1,"vote":…}</code>
/// where <c>vote</c> is present exactly for vote events (<see cref="VoteEvent"/>).
/// </summary>
public static class EventCodec
{
    private delegate LedgerEvent Reader(EventHeader header, StrictJsonObject payload);

    private static readonly Dictionary<string, (bool IsVoteEvent, Reader Read)> s_readers = new(StringComparer.Ordinal)
    {
        [nameof(CompoundRegistered)] = (false, CompoundRegistered.Read),
        [nameof(CredentialEnrolled)] = (false, CredentialEnrolled.Read),
        [nameof(CredentialRevoked)] = (false, CredentialRevoked.Read),
        [nameof(EnrolmentApproved)] = (false, EnrolmentApproved.Read),
        [nameof(ProxyGranted)] = (false, ProxyGranted.Read),
        [nameof(ProxyRevoked)] = (false, ProxyRevoked.Read),
        [nameof(RollFrozen)] = (true, RollFrozen.Read),
        [nameof(MatterPublished)] = (true, MatterPublished.Read),
        [nameof(BallotCast)] = (true, BallotCast.Read),
        [nameof(BallotSuperseded)] = (true, BallotSuperseded.Read),
        [nameof(PaperBallotIssued)] = (true, PaperBallotIssued.Read),
        [nameof(PaperBallotRecorded)] = (true, PaperBallotRecorded.Read),
        [nameof(CustodialBallotCast)] = (true, CustodialBallotCast.Read),
        [nameof(VoteClosed)] = (true, VoteClosed.Read),
        [nameof(TallyPublished)] = (true, TallyPublished.Read),
        [nameof(VoteOpened)] = (true, VoteOpened.Read),
        [nameof(BallotDelivered)] = (true, BallotDelivered.Read),
        [nameof(ReminderSent)] = (true, ReminderSent.Read),
        [nameof(Objection)] = (true, Objection.Read),
        [nameof(ObjectionResolved)] = (true, ObjectionResolved.Read),
        [nameof(ResultFinalised)] = (true, ResultFinalised.Read),
        [nameof(NoticePublished)] = (false, NoticePublished.Read),
        [nameof(FundStatementPublished)] = (false, FundStatementPublished.Read),
        [nameof(PublicIncomePublished)] = (false, PublicIncomePublished.Read),
    };

    /// <summary>The event types this software reads and writes.</summary>
    public static IReadOnlyCollection<string> KnownTypes => s_readers.Keys;

    /// <summary>The entry bytes: JCS of the event's JSON.</summary>
    /// <exception cref="ArgumentException">The event breaks its schema (unsorted lists, a name where an owner hash belongs, sub-millisecond time…).</exception>
    public static byte[] Encode(LedgerEvent ledgerEvent)
    {
        ArgumentNullException.ThrowIfNull(ledgerEvent);
        var fail = EventRules.OnEncode(ledgerEvent.Type);
        EventRules.NonEmpty(ledgerEvent.Compound, "compound", fail);
        EventRules.NonEmpty(ledgerEvent.Actor, "actor", fail);
        var json = new JsonObject
        {
            ["type"] = ledgerEvent.Type,
            ["v"] = LedgerEvent.SchemaVersion,
            ["compound"] = ledgerEvent.Compound,
            ["at"] = EventTime.ToText(ledgerEvent.At),
            ["actor"] = ledgerEvent.Actor,
            ["payload"] = ledgerEvent.WritePayload(),
        };
        if (ledgerEvent is VoteEvent voteEvent)
        {
            EventRules.NonEmpty(voteEvent.Vote, "vote", fail);
            json["vote"] = voteEvent.Vote;
        }

        return Jcs.Canonicalize(json);
    }

    /// <summary>
    /// Decodes an entry. It must be canonical JSON (its own JCS form), of a known <c>type</c> at a
    /// <c>v</c> this software reads, with every field present and typed and no other field.
    /// </summary>
    /// <exception cref="EventFormatException">The entry is not such an event; the message says which field and why.</exception>
    public static LedgerEvent Decode(ReadOnlySpan<byte> entry)
    {
        // One streaming pass proves the entry is its own JCS form (RFC 8785) without building it
        // again; only a rejected entry is parsed into a tree, to say what is wrong with it.
        if (!Jcs.IsCanonical(entry))
        {
            throw Rejection(entry);
        }

        byte[] copy = ArrayPool<byte>.Shared.Rent(entry.Length);
        try
        {
            entry.CopyTo(copy);
            using JsonDocument document = JsonDocument.Parse(copy.AsMemory(0, entry.Length));
            return Read(StrictJsonObject.From(document.RootElement, "$"));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    // Why an entry that is not canonical JSON is rejected, in the words of Jcs.Parse and
    // Jcs.Canonicalize.
    private static EventFormatException Rejection(ReadOnlySpan<byte> entry)
    {
        JsonNode? root;
        try
        {
            root = Jcs.Parse(entry);
        }
        catch (JcsException e)
        {
            return new EventFormatException($"The entry is not valid JSON: {e.Message}", e);
        }

        try
        {
            Jcs.Canonicalize(root);
        }
        catch (JcsException e)
        {
            return new EventFormatException($"The entry cannot be canonicalized: {e.Message}", e);
        }

        return new EventFormatException("The entry is not in canonical form (RFC 8785): members unsorted, whitespace, or numbers or strings spelled differently.");
    }

    private static LedgerEvent Read(StrictJsonObject obj)
    {
        string type = obj.String("type");
        if (!s_readers.TryGetValue(type, out (bool IsVoteEvent, Reader Read) reader))
        {
            throw new EventFormatException($"Unknown event type \"{type}\"; this software reads {string.Join(", ", s_readers.Keys)}.");
        }

        long v = obj.Integer("v");
        if (v > LedgerEvent.SchemaVersion)
        {
            throw new EventFormatException($"{type} version {v} is newer than this software reads (version {LedgerEvent.SchemaVersion}); upgrade to read this log.");
        }

        if (v < 1)
        {
            throw new EventFormatException($"{type} version {v} does not exist; versions start at 1.");
        }

        string compound = obj.NonEmptyString("compound");
        string? vote = reader.IsVoteEvent ? obj.NonEmptyString("vote") : null;
        var header = new EventHeader(compound, vote, obj.Time("at"), obj.NonEmptyString("actor"));
        StrictJsonObject payload = obj.Object("payload");
        LedgerEvent decoded = reader.Read(header, payload);
        payload.End();
        obj.End();
        return decoded;
    }
}
