using OwnersVote.Voting;

namespace OwnersVote.Paper.Tests;

public sealed class BallotPlanTests
{
    private static readonly SheetUnit[] s_roll =
    [
        new("12-0101", "12", Area.FromHundredths(12_000), "p6"),
        new("57-0102", "57", Area.FromHundredths(10_000), "p1"),
        new("57-0101", "57", Area.FromHundredths(9_000), "p1"),
        new("57-0201", "57", Area.FromHundredths(8_500), "p2"),
        new("57-0301", "57", Area.FromHundredths(9_550), "p4"),
    ];

    [Fact]
    public void One_sheet_per_principal_in_scope_names_all_their_units_and_leaves_out_those_who_voted()
    {
        (IReadOnlyList<PlannedSheet> sheets, int voted) = BallotPlan.ForVote("lift", s_roll, ["57"], new HashSet<string>(["p2"], StringComparer.Ordinal));

        Assert.Equal(1, voted);
        Assert.Equal(["p1", "p4"], sheets.Select(s => s.Principal));
        PlannedSheet p1 = sheets[0];
        // JI art. 9: one vote for p1's two units, on one page with the summed area; the QR carries the first unit.
        Assert.Equal(["57-0101", "57-0102"], p1.Units);
        Assert.Equal(Area.FromHundredths(19_000), p1.Sheet.Area);
        Assert.Equal("57-0101、57-0102", p1.Sheet.Units);
        Assert.Equal(new BallotCode("lift", "57-0101", p1.Sheet.Code.Serial), p1.Sheet.Code);
        Assert.NotEqual(p1.Sheet.Code.Serial, sheets[1].Sheet.Code.Serial);
    }

    [Fact]
    public void A_matter_without_scope_is_the_whole_compounds()
    {
        (IReadOnlyList<PlannedSheet> sheets, int voted) = BallotPlan.ForVote("all", s_roll, [], new HashSet<string>(StringComparer.Ordinal));

        Assert.Equal(0, voted);
        Assert.Equal(["p6", "p1", "p2", "p4"], sheets.Select(s => s.Principal));
    }

    [Fact]
    public void A_sheet_is_for_one_principal_and_serials_use_the_unambiguous_alphabet()
    {
        Assert.Throws<ArgumentException>(() => BallotPlan.ForPrincipal("lift", [s_roll[1], s_roll[3]]));
        Assert.Throws<ArgumentException>(() => BallotPlan.ForPrincipal("lift", []));
        string[] serials = [.. Enumerable.Range(0, 200).Select(_ => BallotPlan.NewSerial())];
        Assert.All(serials, s => Assert.Matches("^[A-HJ-NP-Z2-9]{10}$", s));
        Assert.Equal(serials.Length, serials.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void A_page_written_as_PNG_decodes_to_the_same_pixels()
    {
        var random = new Random(11);
        byte[] pixels = new byte[37 * 23];
        random.NextBytes(pixels);
        var page = new GreyImage(37, 23, pixels);

        GreyImage back = Assert.Single(ScanDecoder.Decode(ScanImage.ToPng(page)));

        Assert.Equal(ScanFormat.Png, ScanDecoder.Detect(ScanImage.ToPng(page)));
        Assert.Equal((37, 23), (back.Width, back.Height));
        Assert.Equal(pixels, back.Pixels);
    }
}
