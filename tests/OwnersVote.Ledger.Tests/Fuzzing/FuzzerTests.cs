using Xunit.Sdk;

namespace OwnersVote.Ledger.Tests.Fuzzing;

/// <summary>The engine itself: failures carry a working replay line, slow cases fail when a limit is set, runs repeat.</summary>
public sealed class FuzzerTests
{
    private static readonly List<byte[]> s_seeds = ["hello, world\n"u8.ToArray(), "— key AAAA\n"u8.ToArray()];

    private static FuzzBudget Budget(int cases, long? onlyCase = null, double? caseLimitMs = null) =>
        new(cases, TimeSpan.FromSeconds(30), 42, caseLimitMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null, onlyCase, null);

    [Fact]
    public async Task An_unexpected_exception_fails_the_run_with_a_replay_line_that_reproduces_the_input()
    {
        // A "parser" with a planted bug: a zero byte makes it index past the end.
        static string Parse(byte[] input) => input.Contains((byte)0) ? input[input.Length].ToString(System.Globalization.CultureInfo.InvariantCulture) : "ok";

        FailException failure = await Assert.ThrowsAsync<FailException>(() => Fuzzer.RunAsync("planted bug", new Mutator(s_seeds), s_seeds, Parse, Budget(20_000)));

        Assert.Contains("unexpected System.IndexOutOfRangeException", failure.Message, StringComparison.Ordinal);
        string replay = failure.Message.Split("OV_FUZZ_CASE=")[1].Split(')')[0];
        string input = failure.Message.Split("OV_FUZZ_INPUT=")[1].Split('\n')[0];
        Assert.Contains((byte)0, Convert.FromBase64String(input));

        // The printed case number regenerates the same input from the same seed.
        byte[]? replayed = null;
        await Fuzzer.RunAsync("planted bug", new Mutator(s_seeds), s_seeds, bytes => { replayed = bytes; return "ran"; }, Budget(1, long.Parse(replay, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(input, Convert.ToBase64String(replayed!));
    }

    [Fact]
    public async Task A_case_slower_than_a_set_limit_fails_the_run()
    {
        FailException failure = await Assert.ThrowsAsync<FailException>(() => Fuzzer.RunAsync(
            "slow",
            new Mutator(s_seeds),
            s_seeds,
            async (input, cancellationToken) =>
            {
                // A blow-up on long inputs, as a quadratic parser would have.
                await Task.Delay(input.Length > 40 ? 200 : 0, cancellationToken);
                return "ran";
            },
            Budget(20_000, caseLimitMs: 100)));

        Assert.Contains("over the 100 ms limit", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_seed_runs_the_same_cases()
    {
        var first = new List<string>();
        var second = new List<string>();
        await Fuzzer.RunAsync("repeat", new Mutator(s_seeds, lines: true), s_seeds, bytes => { first.Add(Convert.ToBase64String(bytes)); return "ran"; }, Budget(500));
        await Fuzzer.RunAsync("repeat", new Mutator(s_seeds, lines: true), s_seeds, bytes => { second.Add(Convert.ToBase64String(bytes)); return "ran"; }, Budget(500));

        Assert.Equal(500, first.Count);
        Assert.Equal(first, second);
        // Mostly new inputs, even from two 13-byte seeds where single-byte edits often coincide.
        Assert.InRange(first.Distinct(StringComparer.Ordinal).Count(), 300, 500);
    }
}
