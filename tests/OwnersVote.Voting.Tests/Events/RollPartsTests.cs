using System.Text;
using System.Text.Json.Nodes;
using OwnersVote.Ledger;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Voting.Tests.Events;

/// <summary>
/// A roll larger than one log entry (c2sp.org/tlog-tiles: at most 65,535 bytes, about 300 units)
/// is logged in parts (<see cref="RollFrozen.Split"/>) and joined back (<see cref="RollAssembly"/>).
/// </summary>
public sealed class RollPartsTests
{
    private static readonly DateTimeOffset s_at = EventSamples.At;

    // A compound of 3,000 units in 30 buildings, as large compounds in DESIGN.md §4 are.
    private static RollFrozen Roll(int units) => new(EventSamples.Compound, EventSamples.Vote, s_at, "officer:wang", [.. Enumerable.Range(0, units).Select(i => new RollEntry(
        new UnitId($"{1 + (i / 100):D2}-{i % 100:D4}"),
        new BuildingId($"{1 + (i / 100)}"),
        Area.FromHundredths(6_000 + (i * 7_919 % 9_000)),
        AreaSource.Registry,
        EventSamples.Owner($"owner-{i}"),
        new OwnerId(EventSamples.Owner($"owner-{i / 2}"))))]);

    [Fact]
    public void A_roll_that_fits_in_one_entry_is_not_split_and_carries_no_part_fields()
    {
        RollFrozen roll = Roll(200);
        RollFrozen only = Assert.Single(roll.Split());
        Assert.Same(roll, only);
        JsonObject payload = JsonNode.Parse(EventCodec.Encode(only))!["payload"]!.AsObject();
        Assert.Equal(["units"], payload.Select(p => p.Key));
    }

    [Fact]
    public void A_roll_of_three_thousand_units_is_logged_in_parts_that_each_fit_and_join_back_to_the_same_roll()
    {
        RollFrozen roll = Roll(3_000);
        Assert.True(EventCodec.Encode(roll).Length > EntryBundle.MaxEntrySize);

        IReadOnlyList<RollFrozen> parts = roll.Split();

        Assert.InRange(parts.Count, 2, 20);
        RollFrozen whole = EntryPartsAssert.FitAndJoin(parts, new RollAssembly(), p => (p.Part, p.Parts));

        Assert.Equal(EventCodec.Encode(roll), EventCodec.Encode(whole));
        // The tally reads the same roll: 3,000 units, 1,500 principals.
        DoubleCount total = whole.ToRoll().Total(Scope.WholeCompound);
        Assert.Equal(1_500, total.Heads.Value);
    }

    [Fact]
    public void A_roll_exactly_one_entry_long_is_one_part_and_one_byte_more_is_two()
    {
        RollFrozen roll = Roll(40);
        int length = EventCodec.Encode(roll).Length;
        Assert.Single(roll.Split(length));
        IReadOnlyList<RollFrozen> two = roll.Split(length - 1);
        Assert.Equal(2, two.Count);
        Assert.Equal(roll.Units.Count, two.Sum(p => p.Units.Count));
    }

    [Fact]
    public void A_unit_that_alone_does_not_fit_and_a_part_split_again_are_refused()
    {
        RollFrozen roll = Roll(10);
        Assert.Throws<InvalidOperationException>(() => roll.Split(200));
        RollFrozen part = roll.Split(EventCodec.Encode(roll).Length / 2)[0];
        Assert.Throws<InvalidOperationException>(() => part.Split());
    }

    [Theory]
    [InlineData(1, 1, "a roll in one entry has no parts")]
    [InlineData(0, 3, "part 0 of 3 is not a part")]
    [InlineData(4, 3, "part 4 of 3 is not a part")]
    [InlineData(-1, 3, "part 0 of 3 is not a part")]
    public void A_part_number_out_of_range_is_refused_when_read(int part, int parts, string message)
    {
        JsonObject json = JsonNode.Parse(EventCodec.Encode(Roll(5)))!.AsObject();
        json["payload"]!["part"] = part;
        json["payload"]!["parts"] = parts;

        EventFormatException e = Assert.Throws<EventFormatException>(() => EventCodec.Decode(Jcs.Canonicalize(json)));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_part_number_without_the_number_of_parts_is_refused_when_read()
    {
        JsonObject json = JsonNode.Parse(EventCodec.Encode(Roll(5)))!.AsObject();
        json["payload"]!["part"] = 1;
        Assert.Throws<EventFormatException>(() => EventCodec.Decode(Jcs.Canonicalize(json)));
    }

    [Fact]
    public void Parts_out_of_order_from_another_freeze_or_overlapping_are_refused_by_the_assembly()
    {
        RollFrozen roll = Roll(30);
        IReadOnlyList<RollFrozen> parts = roll.Split(EventCodec.Encode(roll).Length / 3);
        Assert.True(parts.Count >= 3);

        Assert.Contains("without part 1", Assert.Throws<InvalidOperationException>(() => new RollAssembly().Add(parts[1])).Message, StringComparison.Ordinal);

        var skipped = new RollAssembly();
        skipped.Add(parts[0]);
        Assert.Contains("where part 2", Assert.Throws<InvalidOperationException>(() => skipped.Add(parts[2])).Message, StringComparison.Ordinal);
        // Refused parts are not taken: the right one still follows.
        Assert.Null(skipped.Add(parts[1]));
        Assert.Equal(2, skipped.Received);

        var later = new RollAssembly();
        later.Add(parts[0]);
        Assert.Throws<InvalidOperationException>(() => later.Add(parts[1] with { At = s_at.AddMinutes(1) }));
        Assert.Throws<InvalidOperationException>(() => later.Add(parts[1] with { Actor = "officer:zhao" }));

        var overlapping = new RollAssembly();
        overlapping.Add(parts[0]);
        RollFrozen repeated = parts[1] with { Units = [parts[0].Units[^1], .. parts[1].Units] };
        Assert.Contains("not after unit", Assert.Throws<InvalidOperationException>(() => overlapping.Add(repeated)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_part_fields_are_written_as_integers_after_the_units()
    {
        RollFrozen roll = Roll(30);
        RollFrozen second = roll.Split(EventCodec.Encode(roll).Length / 2)[1];
        string text = Encoding.UTF8.GetString(EventCodec.Encode(second));
        Assert.Contains($"\"part\":2,\"parts\":{second.Parts},\"units\":[", text, StringComparison.Ordinal);
    }
}
