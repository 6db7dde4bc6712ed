using System.Text;
using System.Text.Json.Nodes;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Voting.Tests.Events;

/// <summary>The money and notice events of issue 7: integer fen, closing = opening + lines, votes named where the law wants them.</summary>
public sealed class StatementEventTests
{
    [Fact]
    public void A_fund_statement_keeps_its_lines_in_fen_and_the_vote_of_each_spending()
    {
        string entry = Encoding.UTF8.GetString(EventCodec.Encode(EventSamples.Fund()));

        Assert.Contains("\"amount\":2000000,\"date\":\"2025-02-01\",\"description\":\"屋面防水\"", entry, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"spending\",\"vote\":\"b57-roof-2024\"", entry, StringComparison.Ordinal);
        Assert.Contains("\"building\":\"57\"", entry, StringComparison.Ordinal);
        Assert.Contains("\"closing\":8623456", entry, StringComparison.Ordinal);
    }

    [Fact]
    public void Planned_spending_is_shown_but_not_counted_in_the_balance()
    {
        FundStatementPublished fund = EventSamples.Fund();

        Assert.Equal(468_000_00, fund.PlannedTotal);
        Assert.Equal(20_000_00, fund.Outflow);
        Assert.Equal(6_234_56, fund.Inflow);
        Assert.Equal(fund.Opening + fund.Inflow - fund.Outflow, fund.Closing);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void A_closing_balance_one_fen_off_is_refused_both_ways(long off)
    {
        FundStatementPublished fund = EventSamples.Fund();

        ArgumentException e = Assert.Throws<ArgumentException>(() => EventCodec.Encode(fund with { Closing = fund.Closing + off }));
        Assert.Contains("opening 10000000 plus the lines gives 8623456 fen", e.Message, StringComparison.Ordinal);
        JsonObject json = Json(EventCodec.Encode(fund));
        json["payload"]!["closing"] = fund.Closing + off;
        Assert.Throws<EventFormatException>(() => EventCodec.Decode(Jcs.Canonicalize(json)));
    }

    [Fact]
    public void Fund_spending_without_a_vote_is_refused()
    {
        FundStatementPublished fund = EventSamples.Fund();
        StatementLine[] lines = [.. fund.Lines.Select(l => l.Kind == StatementLineKind.Spending ? l with { Vote = null } : l)];

        ArgumentException e = Assert.Throws<ArgumentException>(() => EventCodec.Encode(fund with { Lines = lines }));
        Assert.Contains("Civil Code art. 278", e.Message, StringComparison.Ordinal);
        JsonObject json = Json(EventCodec.Encode(fund));
        json["payload"]!["lines"]![1]!.AsObject().Remove("vote");
        Assert.Throws<EventFormatException>(() => EventCodec.Decode(Jcs.Canonicalize(json)));
    }

    [Fact]
    public void Income_spending_may_name_a_vote_but_income_lines_never_do()
    {
        PublicIncomePublished income = EventSamples.Income();
        StatementLine[] voted = [.. income.Lines.Select(l => l.Kind == StatementLineKind.Spending ? l with { Vote = "v1" } : l)];
        StatementLine[] wrong = [.. income.Lines.Select(l => l.Kind == StatementLineKind.Parking ? l with { Vote = "v1" } : l)];

        Assert.IsType<PublicIncomePublished>(EventCodec.Decode(EventCodec.Encode(income with { Lines = voted })));
        Assert.Throws<ArgumentException>(() => EventCodec.Encode(income with { Lines = wrong }));
    }

    [Theory]
    [InlineData("deposit")]
    [InlineData("nonsense")]
    public void A_line_kind_the_statement_does_not_carry_is_refused(string kind)
    {
        JsonObject json = Json(EventCodec.Encode(EventSamples.Income()));
        json["payload"]!["lines"]![0]!["kind"] = kind;

        Assert.Throws<EventFormatException>(() => EventCodec.Decode(Jcs.Canonicalize(json)));
    }

    [Theory]
    [InlineData("amount", "0")]
    [InlineData("amount", "-100")]
    [InlineData("amount", "12.5")]
    [InlineData("date", "\"2025-07-01\"")]
    [InlineData("date", "\"2025-1-31\"")]
    public void A_line_amount_that_is_not_positive_whole_fen_or_a_date_outside_the_period_is_refused(string field, string value)
    {
        JsonObject json = Json(EventCodec.Encode(EventSamples.Income()));
        json["payload"]!["lines"]![0]![field] = JsonNode.Parse(value);

        Assert.Throws<EventFormatException>(() => EventCodec.Decode(Jcs.Canonicalize(json)));
    }

    [Fact]
    public void Lines_out_of_date_order_and_a_period_that_ends_before_it_starts_are_refused()
    {
        PublicIncomePublished income = EventSamples.Income();

        Assert.Throws<ArgumentException>(() => EventCodec.Encode(income with { Lines = [.. income.Lines.Reverse()] }));
        Assert.Throws<ArgumentException>(() => EventCodec.Encode(income with { To = income.From.AddDays(-1), Lines = [], Closing = income.Opening }));
    }

    [Fact]
    public void A_statement_that_would_pay_out_more_than_it_holds_is_refused()
    {
        PublicIncomePublished income = EventSamples.Income();
        StatementLine[] lines = [new StatementLine(income.From, StatementLineKind.Spending, 1, "x", Vote: "v1")];

        Assert.Throws<ArgumentException>(() => EventCodec.Encode(income with { Opening = 0, Lines = lines, Closing = 0 }));
        Assert.Throws<ArgumentException>(() => EventCodec.Encode(income with { Opening = 0, Lines = lines, Closing = -1 }));
    }

    [Fact]
    public void Amounts_that_overflow_are_refused_not_wrapped()
    {
        PublicIncomePublished income = EventSamples.Income();
        StatementLine[] lines = [new StatementLine(income.From, StatementLineKind.Parking, long.MaxValue, "x"), new StatementLine(income.From, StatementLineKind.Parking, long.MaxValue, "y")];

        ArgumentException e = Assert.Throws<ArgumentException>(() => EventCodec.Encode(income with { Opening = 0, Lines = lines, Closing = 0 }));
        Assert.Contains("overflow", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_notice_carries_its_text_scope_and_attachment_hashes()
    {
        NoticePublished notice = EventSamples.Notice();
        var decoded = (NoticePublished)EventCodec.Decode(EventCodec.Encode(notice));

        Assert.Equal(notice.Body, decoded.Body);
        Assert.Equal(["57"], decoded.Scope.Select(b => b.Value));
        Assert.Equal(new string('a', 64), Assert.Single(decoded.Attachments).Sha256);
        Assert.True(decoded.Concerns([new BuildingId("56"), new BuildingId("57")]));
        Assert.False(decoded.Concerns([new BuildingId("56")]));
        Assert.True((notice with { Scope = [] }).Concerns([new BuildingId("56")]));
    }

    [Fact]
    public void A_notice_with_an_attachment_that_is_not_a_hash_or_unsorted_scope_is_refused()
    {
        NoticePublished notice = EventSamples.Notice();

        Assert.Throws<ArgumentException>(() => EventCodec.Encode(notice with { Attachments = [new MatterDocument("a.pdf", "not-a-hash")] }));
        Assert.Throws<ArgumentException>(() => EventCodec.Encode(notice with { Scope = [new BuildingId("58"), new BuildingId("57")] }));
        JsonObject json = Json(EventCodec.Encode(notice));
        json["payload"]!["attachments"]![0]!["sha256"] = "A".PadLeft(64, 'A');
        Assert.Throws<EventFormatException>(() => EventCodec.Decode(Jcs.Canonicalize(json)));
    }

    private static JsonObject Json(byte[] entry) => JsonNode.Parse(entry)!.AsObject();
}
