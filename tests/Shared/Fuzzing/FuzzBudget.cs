using System.Globalization;

namespace OwnersVote.Testing.Fuzzing;

/// <summary>
/// How long one fuzz target runs: at most <see cref="MaxCases"/> cases or <see cref="MaxTime"/> of
/// wall clock, whichever comes first, from base seed <see cref="Seed"/>. CI uses the defaults; the
/// environment overrides them for longer runs (docs/fuzzing.md):
/// <c>OV_FUZZ_SECONDS</c> (wall clock per target; without <c>OV_FUZZ_CASES</c> it lifts the case cap),
/// <c>OV_FUZZ_CASES</c>, <c>OV_FUZZ_SEED</c>, <c>OV_FUZZ_CASE_SECONDS</c> (fail a case slower than this), and for replay <c>OV_FUZZ_CASE</c> (run one case of
/// the seed) or <c>OV_FUZZ_INPUT</c> (run one base64 input).
/// </summary>
internal sealed record FuzzBudget(int MaxCases, TimeSpan MaxTime, long Seed, TimeSpan? CaseLimit, long? OnlyCase, byte[]? OnlyInput)
{
    /// <summary>The CI bound: 20,000 cases or 3 s per target.</summary>
    public const int DefaultCases = 20_000;

    public static readonly TimeSpan DefaultTime = TimeSpan.FromSeconds(3);

    /// <summary>The budget for <paramref name="target"/>: CI defaults unless the environment says otherwise.</summary>
    /// <param name="target">The target's name (it seeds the default random source).</param>
    /// <param name="defaultCases">The case cap when the environment sets none.</param>
    /// <param name="defaultTime">The wall-clock bound when the environment sets none.</param>
    public static FuzzBudget For(string target, int defaultCases = DefaultCases, TimeSpan? defaultTime = null)
    {
        string? seconds = Environment.GetEnvironmentVariable("OV_FUZZ_SECONDS");
        string? cases = Environment.GetEnvironmentVariable("OV_FUZZ_CASES");
        string? seed = Environment.GetEnvironmentVariable("OV_FUZZ_SEED");
        string? only = Environment.GetEnvironmentVariable("OV_FUZZ_CASE");
        string? input = Environment.GetEnvironmentVariable("OV_FUZZ_INPUT");
        string? caseLimit = Environment.GetEnvironmentVariable("OV_FUZZ_CASE_SECONDS");

        TimeSpan time = seconds is null ? defaultTime ?? DefaultTime : TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture));
        int maxCases = cases is not null ? int.Parse(cases, CultureInfo.InvariantCulture)
            : seconds is not null ? int.MaxValue
            : defaultCases;

        // The default seed differs per target but not per run: CI is reproducible.
        long baseSeed = seed is null ? 20261126 ^ Fnv1a(target) : long.Parse(seed, CultureInfo.InvariantCulture);
        return new FuzzBudget(
            maxCases,
            time,
            baseSeed,
            // No wall-clock limit per case unless a dedicated run asks for one: on a shared CI machine
            // a case's time says more about the neighbours than about the target. The slowest case
            // is reported instead, and a watchdog still fails a hang.
            caseLimit is null ? null : TimeSpan.FromSeconds(double.Parse(caseLimit, CultureInfo.InvariantCulture)),
            only is null ? null : long.Parse(only, CultureInfo.InvariantCulture),
            input is null ? null : Convert.FromBase64String(input));
    }

    /// <summary>The random source of case <paramref name="index"/>: a function of the seed and the index only.</summary>
    public Random CaseRandom(long index)
    {
        // SplitMix64 finaliser: neighbouring indexes give unrelated streams.
        ulong z = unchecked((ulong)Seed + ((ulong)index * 0x9E3779B97F4A7C15UL));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return new Random(unchecked((int)z ^ (int)(z >> 32)));
    }

    private static long Fnv1a(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = unchecked((hash ^ c) * 16777619);
        }

        return hash;
    }
}
