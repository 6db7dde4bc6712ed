namespace OwnersVote.Cli.Tests.Fuzzing;

/// <summary>What a fuzz run did: how many cases, how long, and how often each outcome occurred.</summary>
internal sealed record FuzzReport(string Target, long Cases, TimeSpan Elapsed, IReadOnlyDictionary<string, int> Outcomes)
{
    /// <summary>How many cases ended with <paramref name="outcome"/>.</summary>
    public int Count(string outcome) => Outcomes.GetValueOrDefault(outcome);

    public override string ToString() =>
        $"{Target}: {Cases} cases in {Elapsed.TotalSeconds:F1} s; "
        + string.Join(", ", Outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}"));
}
