using System.Text.Json.Nodes;
using OwnersVote.Ledger;

namespace OwnersVote.Voting.Events;

/// <summary>One unit on a frozen roll.</summary>
/// <param name="Unit">The unit id.</param>
/// <param name="Building">Its building.</param>
/// <param name="Area">Its exclusive area in 0.01 m² (JI art. 8).</param>
/// <param name="AreaSource">Where the figure comes from: registry, else survey, else contract (JI art. 8).</param>
/// <param name="Owner">The owner who may sign for it, as a keyed hash (<see cref="OwnerKey.Hash"/>).</param>
/// <param name="Principal">
/// The headcount principal (JI art. 9): one per owner however many units, one for all of the
/// developer's unsold units, one per co-owned unit.
/// </param>
public sealed record RollEntry(UnitId Unit, BuildingId Building, Area Area, AreaSource AreaSource, string Owner, OwnerId Principal);

/// <summary>
/// <c>RollFrozen</c>: the roll a vote is counted against, fixed before it opens — every unit with
/// building, area and its source, owner hash and headcount principal, sorted by unit id.
/// </summary>
/// <remarks>
/// A log entry is at most 65,535 bytes (c2sp.org/tlog-tiles), about 300 units of a roll. A larger
/// roll is logged as <see cref="Parts"/> entries (<see cref="Split"/>): part 1 to n, each with a run
/// of the sorted units and <c>"part"</c>/<c>"parts"</c> in its payload, all with the same time and
/// actor, appended together as one group (so the log holds all of them or none) and before any
/// other event of the vote. <see cref="RollAssembly"/> joins them back. A roll of one entry carries
/// neither field: its encoding is what it always was.
/// </remarks>
/// <param name="Compound">The compound id.</param>
/// <param name="Vote">The vote id.</param>
/// <param name="At">When.</param>
/// <param name="Actor">Who froze it.</param>
/// <param name="Units">The units, sorted by unit id (ordinal), unique.</param>
public sealed record RollFrozen(string Compound, string Vote, DateTimeOffset At, string Actor, IReadOnlyList<RollEntry> Units)
    : VoteEvent(Compound, Vote, At, Actor)
{
    /// <inheritdoc />
    public override string Type => nameof(RollFrozen);

    /// <summary>Which part of the roll this entry is, from 1; 1 for a roll in one entry.</summary>
    public int Part { get; init; } = 1;

    /// <summary>How many entries the roll is logged in; 1 for a roll in one entry.</summary>
    public int Parts { get; init; } = 1;

    /// <summary>The roll as the tally reads it: each unit weighed by area, counted by principal.</summary>
    public Roll ToRoll() => Roll.Create(Units.Select(u => new Unit(u.Unit, u.Building, u.Principal, u.Area, u.AreaSource)));

    /// <summary>
    /// This whole roll as the entries to log: itself when its encoding fits in one log entry
    /// (c2sp.org/tlog-tiles: at most <paramref name="maxEntryBytes"/>, 65,535), otherwise the fewest
    /// equal runs of its sorted units that each fit, numbered 1 to n.
    /// </summary>
    /// <exception cref="InvalidOperationException">This is already a part, or one unit alone does not fit.</exception>
    public IReadOnlyList<RollFrozen> Split(int maxEntryBytes = EntryBundle.MaxEntrySize)
    {
        if (Parts != 1)
        {
            throw new InvalidOperationException($"part {Part} of {Parts} of a roll cannot be split again.");
        }

        return EntryParts.Split(this, Units.Count, (first, count, part, parts) => this with { Units = [.. Units.Skip(first).Take(count)], Part = part, Parts = parts }, maxEntryBytes)
            ?? throw new InvalidOperationException($"a unit of the roll of vote {Vote} does not fit in one log entry of {maxEntryBytes} bytes.");
    }

    internal override JsonObject WritePayload()
    {
        var fail = EventRules.OnEncode(Type);
        ValidatePart(Part, Parts, fail);
        Validate(Units, fail);
        var units = new JsonArray();
        foreach (RollEntry u in Units)
        {
            units.Add(new JsonObject
            {
                ["unit"] = u.Unit.Value,
                ["building"] = u.Building.Value,
                ["area"] = u.Area.Hundredths,
                ["areaSource"] = WireNames.Of(u.AreaSource),
                ["owner"] = u.Owner,
                ["principal"] = u.Principal.Value,
            });
        }

        var payload = new JsonObject { ["units"] = units };
        if (Parts > 1)
        {
            payload["part"] = Part;
            payload["parts"] = Parts;
        }

        return payload;
    }

    internal static RollFrozen Read(EventHeader header, StrictJsonObject payload)
    {
        IReadOnlyList<RollEntry> units = payload.Array("units", item =>
        {
            StrictJsonObject u = item.Object();
            RollEntry entry;
            try
            {
                entry = new RollEntry(
                    new UnitId(u.NonEmptyString("unit")),
                    new BuildingId(u.NonEmptyString("building")),
                    Area.FromHundredths(u.NonNegativeInteger("area")),
                    u.Enum("areaSource", WireNames.ParseAreaSource),
                    u.String("owner"),
                    new OwnerId(u.NonEmptyString("principal")));
            }
            catch (VotingDataException e)
            {
                throw new EventFormatException($"{item.Path}: {e.Message}", e);
            }

            u.End();
            return entry;
        });
        Validate(units, EventRules.OnDecode($"{payload.Path}.units"));
        (int part, int parts) = (1, 1);
        if (payload.Has("parts"))
        {
            // A roll in one entry carries neither field: "parts": 1 would be a second encoding of it.
            (part, parts) = ((int)Math.Clamp(payload.Integer("part"), 0, int.MaxValue), (int)Math.Clamp(payload.Integer("parts"), 0, int.MaxValue));
            ValidatePart(part, parts, EventRules.OnDecode($"{payload.Path}.part"));
            if (parts == 1)
            {
                throw new EventFormatException($"{payload.Path}.parts: a roll in one entry has no parts.");
            }
        }

        return new RollFrozen(header.Compound, header.Vote!, header.At, header.Actor, units) { Part = part, Parts = parts };
    }

    private static void ValidatePart(int part, int parts, Func<string, Exception> fail)
    {
        if (parts < 1 || part < 1 || part > parts)
        {
            throw fail($"part {part} of {parts} is not a part of a roll.");
        }
    }

    private static void Validate(IReadOnlyList<RollEntry> units, Func<string, Exception> fail)
    {
        if (units.Count == 0)
        {
            throw fail("a roll has at least one unit.");
        }

        EventRules.SortedUnique([.. units.Select(u => u.Unit.Value)], "units", fail);
        foreach (RollEntry u in units)
        {
            EventRules.OwnerHash(u.Owner, $"owner of unit {u.Unit}", fail);
            if (u.Area == Area.Zero)
            {
                // JI art. 8 weighs each unit by its area; a zero is a typing error on the roll.
                throw fail($"unit {u.Unit} has area 0.");
            }
        }
    }
}
