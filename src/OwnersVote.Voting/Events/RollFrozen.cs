using System.Text.Json.Nodes;

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

    /// <summary>The roll as the tally reads it: each unit weighed by area, counted by principal.</summary>
    public Roll ToRoll() => Roll.Create(Units.Select(u => new Unit(u.Unit, u.Building, u.Principal, u.Area, u.AreaSource)));

    internal override JsonObject WritePayload()
    {
        Validate(Units, EventRules.OnEncode(Type));
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

        return new JsonObject { ["units"] = units };
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
        return new RollFrozen(header.Compound, header.Vote!, header.At, header.Actor, units);
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
