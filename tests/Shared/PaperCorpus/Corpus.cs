using OwnersVote.Paper;
using SkiaSharp;

namespace OwnersVote.Testing.PaperCorpus;

/// <summary>How a synthetic sheet was filled in and degraded: the truth its reading is checked against.</summary>
/// <param name="Answers">What each question's marks mean: one choice, or none/multiple.</param>
/// <param name="Kinds">What was drawn in each box (question × 同意/反对/弃权).</param>
/// <param name="Signed">Whether the signature box was signed.</param>
/// <param name="Clear">Every question has exactly one firm mark and the sheet is signed: a sheet that should be accepted.</param>
/// <param name="Degradation">What happened to the image.</param>
public sealed record SheetTruth(IReadOnlyList<MarkValue> Answers, MarkKind[][] Kinds, bool Signed, bool Clear, Degradation Degradation);

/// <summary>The kind of degradation a corpus sheet gets.</summary>
public enum DegradationClass
{
    /// <summary>Rasterised and marked, nothing else.</summary>
    Clean,

    /// <summary><see cref="Degradation.Moderate"/>: a few degrees, scale, blur, noise, JPEG, fold lines.</summary>
    Moderate,

    /// <summary>Turned upside down, plus moderate degradation.</summary>
    UpsideDown,

    /// <summary><see cref="Degradation.Photo"/>: keystone perspective and uneven light.</summary>
    Photo,
}

/// <summary>
/// Makes synthetic filled-in ballots the way people fill them (issue 5: ticks, crosses, filled
/// boxes, light pencil, marks crossing the border, a changed mind crossed out, no mark, two marks),
/// with the truth to score a reading against.
/// </summary>
public static class Corpus
{
    private static readonly MarkKind[] s_firm = [MarkKind.Tick, MarkKind.Cross, MarkKind.Fill, MarkKind.BorderCrossing];

    /// <summary>Fills <paramref name="page"/> (rendered at <paramref name="dpi"/>, with <paramref name="questions"/> rows) and degrades it.</summary>
    public static (byte[] File, SheetTruth Truth) Make(GreyImage page, int dpi, int questions, DegradationClass degradation, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var marks = new SheetMarks(page, dpi, random);
        var answers = new MarkValue[questions];
        var kinds = new MarkKind[questions][];
        bool clear = true;
        for (int q = 0; q < questions; q++)
        {
            kinds[q] = [MarkKind.Blank, MarkKind.Blank, MarkKind.Blank];
            int chosen = random.Next(3);
            int other = (chosen + 1 + random.Next(2)) % 3;
            double scenario = random.NextDouble();
            if (scenario < 0.80)
            {
                kinds[q][chosen] = s_firm[random.Next(s_firm.Length)];
                answers[q] = (MarkValue)chosen;
            }
            else if (scenario < 0.85)
            {
                // A firm mark and a speck of ink in another box (a pen rested there).
                kinds[q][chosen] = s_firm[random.Next(s_firm.Length)];
                kinds[q][other] = MarkKind.Speck;
                answers[q] = (MarkValue)chosen;
            }
            else if (scenario < 0.89)
            {
                kinds[q][chosen] = MarkKind.LightPencil;
                answers[q] = (MarkValue)chosen;
                clear = false;
            }
            else if (scenario < 0.93)
            {
                // Changed mind: the first choice scribbled over, the second ticked.
                kinds[q][other] = MarkKind.CrossedOut;
                kinds[q][chosen] = MarkKind.Tick;
                answers[q] = (MarkValue)chosen;
                clear = false;
            }
            else if (scenario < 0.97)
            {
                answers[q] = MarkValue.None;
                clear = false;
            }
            else
            {
                kinds[q][chosen] = MarkKind.Tick;
                kinds[q][other] = MarkKind.Cross;
                answers[q] = MarkValue.Multiple;
                clear = false;
            }

            for (int c = 0; c < 3; c++)
            {
                marks.Mark(q, BallotLayout.BoxChoices[c], kinds[q][c]);
            }
        }

        bool signed = random.NextDouble() < 0.95;
        if (signed)
        {
            marks.Sign();
        }
        else
        {
            clear = false;
        }

        if (random.NextDouble() < 0.2)
        {
            marks.Stray();
        }

        Degradation d = degradation switch
        {
            DegradationClass.Clean => Degradation.None,
            DegradationClass.Moderate => Degradation.Moderate(random),
            DegradationClass.UpsideDown => Degradation.Moderate(random) with { Rotation = 180 + ((random.NextDouble() - 0.5) * 10) },
            _ => Degradation.Photo(random),
        };
        using SKBitmap bitmap = marks.Finish();
        return (Degrade.Apply(bitmap, d, random), new SheetTruth(answers, kinds, signed, clear, d));
    }

    /// <summary>
    /// Scores a reading: a confident misread is an accepted sheet whose reading of any question
    /// differs from the truth (or that was not signed).
    /// </summary>
    public static bool IsConfidentMisread(SheetReading reading, SheetTruth truth)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(truth);
        if (reading.Status != SheetStatus.Accepted)
        {
            return false;
        }

        return !truth.Signed
            || reading.Questions.Count != truth.Answers.Count
            || reading.Questions.Where((q, i) => q.Value != truth.Answers[i]).Any();
    }
}
