using System.Text.Json.Nodes;

namespace OwnersVote.Voting.Events;

/// <summary>
/// One entry of the append-only log (DESIGN.md §2 "Events"). Every event carries its
/// <see cref="Type"/>, the schema version <c>v</c>, the compound, the time (passed in, never read
/// from a clock) and the actor; its payload is the rest. <see cref="EventCodec"/> turns it into
/// canonical JSON (RFC 8785) and back. Owners appear only as keyed hashes (<see cref="OwnerKey"/>),
/// never by name, phone or ID number (PIPL).
/// </summary>
/// <remarks>
/// Records compare lists by reference; compare events by their encoding
/// (<see cref="EventCodec.Encode"/>), which is what the log holds.
/// </remarks>
/// <param name="Compound">The compound id.</param>
/// <param name="At">When the event happened (whole milliseconds; see <see cref="EventTime"/>).</param>
/// <param name="Actor">Who caused it: e.g. <c>officer:wang-01</c>, <c>owner:&lt;hash&gt;</c>, <see cref="SystemActor"/>.</param>
public abstract record LedgerEvent(string Compound, DateTimeOffset At, string Actor)
{
    /// <summary>
    /// The actor of what the software does by itself on a published schedule: a vote opened or
    /// closed at its announced time, a reminder sent, a demo's votes opened as it is seeded.
    /// </summary>
    public const string SystemActor = "system";

    /// <summary>The schema version this software writes and the highest it reads.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The <c>type</c> field, e.g. <c>BallotCast</c>.</summary>
    public abstract string Type { get; }

    /// <summary>Writes the payload object; throws <see cref="ArgumentException"/> if the event breaks its own rules.</summary>
    internal abstract JsonObject WritePayload();
}

/// <summary>An event that belongs to one vote: it also carries the <c>vote</c> id.</summary>
/// <param name="Compound">The compound id.</param>
/// <param name="Vote">The vote id.</param>
/// <param name="At">When the event happened.</param>
/// <param name="Actor">Who caused it.</param>
public abstract record VoteEvent(string Compound, string Vote, DateTimeOffset At, string Actor) : LedgerEvent(Compound, At, Actor);
