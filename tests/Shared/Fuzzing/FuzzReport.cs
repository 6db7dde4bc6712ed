namespace OwnersVote.Testing.Fuzzing;

/// <summary>
/// What a fuzz run did: how many cases, how long, how often each outcome occurred, and its slowest
/// mutant (index −1 when none ran), to replay with <c>OV_FUZZ_CASE</c> when it looks out of line.
/// </summary>
internal sealed record FuzzReport(string Target, long Cases, TimeSpan Elapsed, IReadOnlyDictionary<string, int> Outcomes, bool IsReplay, long SlowestCase, TimeSpan SlowestElapsed)
{
    /// <summary>How many cases ended with <paramref name="outcome"/>.</summary>
    public int Count(string outcome) => Outcomes.GetValueOrDefault(outcome);

    /// <summary>
    /// Asserts that the run reached the outcomes a working corpus and mutator must reach (both
    /// acceptance and refusal), so a broken harness cannot pass. A replay of one case is exempt.
    /// </summary>
    public void AssertReached(Func<FuzzReport, bool> condition)
    {
        if (!IsReplay)
        {
            Assert.True(condition(this), $"the fuzz run did not reach the expected outcomes: {this}");
        }
    }

    public override string ToString() =>
        $"{Target}: {Cases} cases in {Elapsed.TotalSeconds:F1} s; "
        + string.Join(", ", Outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}"))
        + (SlowestCase >= 0 ? $"; slowest case {SlowestCase} took {SlowestElapsed.TotalMilliseconds:F0} ms" : "");
}
