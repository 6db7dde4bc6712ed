using FsCheck;
using FsCheck.Fluent;

namespace OwnersVote.Paper.Tests;

public sealed class ReadBackProperties
{
    [Fact]
    public void A_rendered_ballot_with_random_firm_marks_reads_back_the_same_marks()
    {
        // STYLE.md: "a rendered ballot with random marks reads back the same marks".
        Gen<(PaperChoice, PaperChoice, MarkKind, int)> gen =
            from a in Gen.Elements(PaperChoice.Yes, PaperChoice.No, PaperChoice.Abstain)
            from b in Gen.Elements(PaperChoice.Yes, PaperChoice.No, PaperChoice.Abstain)
            from kind in Gen.Elements(MarkKind.Tick, MarkKind.Cross, MarkKind.Fill, MarkKind.BorderCrossing)
            from seed in Gen.Choose(0, 10_000)
            select (a, b, kind, seed);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            (PaperChoice a, PaperChoice b, MarkKind kind, int seed) = t;
            // A mild scan (a few degrees, a few percent, light noise): the bench measures the
            // review rate under harsher ones; here every sheet must read back exactly.
            var random = new Random(seed);
            var scanner = Degradation.None with { Rotation = (random.NextDouble() - 0.5) * 6, Scale = 0.95 + (random.NextDouble() * 0.04), Noise = random.NextDouble() * 5 };
            GreyImage scan = Scans.Mark(Scans.Page(200), 200, Scans.One(kind, a, b), scanner, seed: seed);
            SheetReading reading = SheetScanner.Scan(scan, Scans.Context);
            return reading.Status == SheetStatus.Accepted
                && reading.Questions.Select(q => q.Value).SequenceEqual([(MarkValue)a, (MarkValue)b]);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(12));
    }
}
