using System.Text.Json.Nodes;
using OwnersVote.Ledger;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Voting.Tests.Events;

/// <summary>
/// A statement larger than one log entry (c2sp.org/tlog-tiles: at most 65,535 bytes, some hundreds
/// of lines) is logged in parts of its lines (<see cref="StatementPublished.Split"/>) and joined
/// back, its balance checked whole (<see cref="StatementAssembly"/>).
/// </summary>
public sealed class StatementPartsTests
{
    private static readonly DateOnly s_from = new(2025, 1, 1);
    private static readonly DateOnly s_to = new(2025, 6, 30);

    // A building's first fund statement after handover: every unit's deposit, one line each.
    private static FundStatementPublished Deposits(int units)
    {
        StatementLine[] lines = [.. Enumerable.Range(0, units).Select(i => new StatementLine(
            s_from.AddDays(i * 180 / units), StatementLineKind.Deposit, 8_000_00 + (i * 37 % 5_000_00), $"57-{i / 100 + 1:D2}{i % 100:D2} 首期专项维修资金交存"))];
        return new FundStatementPublished(
            EventSamples.Compound, EventSamples.At, "officer:wang", "fund-57-20250101", new BuildingId("57"), s_from, s_to,
            0, StatementPublished.ClosingOf(0, lines), lines, [new MatterDocument("bank.pdf", new string('d', 64))]);
    }

    [Fact]
    public void A_statement_that_fits_in_one_entry_is_not_split_and_carries_no_part_fields()
    {
        FundStatementPublished fund = Deposits(100);
        Assert.Same(fund, Assert.Single(fund.Split()));
        JsonObject payload = JsonNode.Parse(EventCodec.Encode(fund))!["payload"]!.AsObject();
        Assert.DoesNotContain("part", payload.Select(p => p.Key));
        Assert.DoesNotContain("parts", payload.Select(p => p.Key));
    }

    [Fact]
    public void Two_thousand_deposits_are_logged_in_parts_that_each_fit_and_join_back_to_the_same_statement()
    {
        FundStatementPublished fund = Deposits(2_000);
        Assert.True(EventCodec.Encode(fund).Length > EntryBundle.MaxEntrySize);

        IReadOnlyList<StatementPublished> parts = fund.Split();

        Assert.InRange(parts.Count, 2, 20);
        // A part alone does not balance; it is read all the same, and checked once joined.
        StatementPublished whole = EntryPartsAssert.FitAndJoin(parts, new StatementAssembly(), p => (p.Part, p.Parts));

        Assert.Equal(EventCodec.Encode(fund), EventCodec.Encode(whole));
        Assert.Equal(2_000, whole.Lines.Count);
    }

    [Fact]
    public void Parts_that_do_not_add_up_out_of_order_or_of_another_statement_are_refused_by_the_assembly()
    {
        FundStatementPublished fund = Deposits(30);
        IReadOnlyList<StatementPublished> parts = fund.Split(EventCodec.Encode(fund).Length / 3);
        Assert.True(parts.Count >= 3);

        Assert.Contains("without part 1", Assert.Throws<InvalidOperationException>(() => new StatementAssembly().Add(parts[1])).Message, StringComparison.Ordinal);

        var skipped = new StatementAssembly();
        skipped.Add(parts[0]);
        Assert.Contains("where part 2", Assert.Throws<InvalidOperationException>(() => skipped.Add(parts[2])).Message, StringComparison.Ordinal);

        var other = new StatementAssembly();
        other.Add(parts[0]);
        Assert.Throws<InvalidOperationException>(() => other.Add(parts[1] with { Closing = fund.Closing + 1 }));
        Assert.Throws<InvalidOperationException>(() => other.Add(parts[1] with { Attachments = [] }));
        Assert.Throws<InvalidOperationException>(() => other.Add(((FundStatementPublished)parts[1]) with { Building = new BuildingId("58") }));
        Assert.Throws<InvalidOperationException>(() => other.Add(new PublicIncomePublished(fund.Compound, fund.At, fund.Actor, fund.Statement, fund.From, fund.To, fund.Opening, fund.Closing, [], fund.Attachments) { Part = 2, Parts = parts.Count }));

        // One line one fen more in the last part: each part still reads, the whole does not balance.
        StatementPublished last = parts[^1];
        StatementLine changed = last.Lines[0] with { Amount = last.Lines[0].Amount + 1 };
        StatementPublished altered = (StatementPublished)EventCodec.Decode(EventCodec.Encode(last with { Lines = [changed, .. last.Lines.Skip(1)] }));
        var unbalanced = new StatementAssembly();
        foreach (StatementPublished part in parts.Take(parts.Count - 1))
        {
            Assert.Null(unbalanced.Add(part));
        }

        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => unbalanced.Add(altered));
        Assert.Contains($"closing is {fund.Closing} fen but opening 0 plus the lines gives {fund.Closing + 1} fen", e.Message, StringComparison.Ordinal);

        // Lines out of date order across two parts: the whole is refused, as one entry would be.
        IReadOnlyList<StatementPublished> two = fund.Split(EventCodec.Encode(fund).Length * 2 / 3);
        Assert.Equal(2, two.Count);
        var swapped = new StatementAssembly();
        swapped.Add(two[0] with { Lines = two[1].Lines, Part = 1 });
        Assert.Contains("date order", Assert.Throws<InvalidOperationException>(() => swapped.Add(two[1] with { Lines = two[0].Lines })).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 1, "a statement in one entry has no parts")]
    [InlineData(0, 3, "part 0 of 3 is not a part")]
    [InlineData(4, 3, "part 4 of 3 is not a part")]
    public void A_part_number_out_of_range_is_refused_when_read(int part, int parts, string message)
    {
        JsonObject json = JsonNode.Parse(EventCodec.Encode(Deposits(5)))!.AsObject();
        json["payload"]!["part"] = part;
        json["payload"]!["parts"] = parts;

        EventFormatException e = Assert.Throws<EventFormatException>(() => EventCodec.Decode(Jcs.Canonicalize(json)));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_part_without_lines_a_part_split_again_and_a_line_that_alone_does_not_fit_are_refused()
    {
        FundStatementPublished fund = Deposits(30);
        IReadOnlyList<StatementPublished> parts = fund.Split(EventCodec.Encode(fund).Length / 2);
        Assert.Throws<ArgumentException>(() => EventCodec.Encode(parts[0] with { Lines = [] }));
        Assert.Throws<InvalidOperationException>(() => parts[0].Split());

        StatementLine huge = new(s_from, StatementLineKind.Deposit, 1_00, new string('款', 30_000));
        FundStatementPublished tooLong = fund with { Lines = [huge, .. fund.Lines], Closing = fund.Closing + 1_00 };
        Assert.Throws<InvalidOperationException>(() => tooLong.Split());
    }
}
