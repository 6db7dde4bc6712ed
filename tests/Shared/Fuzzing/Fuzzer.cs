using System.Diagnostics;

namespace OwnersVote.Testing.Fuzzing;

/// <summary>
/// Runs a fuzz target: first each seed unchanged, then mutants, until the budget is spent. A case's
/// check returns an outcome label and catches, by type, the exceptions the target documents; any
/// other exception, a failed assertion, a hang, or (only when the budget sets one) a case slower than
/// the case limit fails the run with the seed, the case number and the base64 of the input, so it can
/// be replayed. The slowest case is always reported.
/// </summary>
internal static class Fuzzer
{
    // A case still running after this long is reported as a hang (its thread is abandoned). Far
    // above any legitimate case even on a saturated two-core machine: this catches loops, not speed.
    private static readonly TimeSpan s_hangLimit = TimeSpan.FromSeconds(120);

    /// <summary>Fuzzes a byte-input target.</summary>
    public static Task<FuzzReport> RunAsync(string target, Mutator mutator, IReadOnlyList<byte[]> seeds, Func<byte[], string> check, FuzzBudget? budget = null) =>
        RunAsync(target, mutator, seeds, (input, _) => ValueTask.FromResult(check(input)), budget);

    /// <summary>Fuzzes an asynchronous byte-input target.</summary>
    public static Task<FuzzReport> RunAsync(string target, Mutator mutator, IReadOnlyList<byte[]> seeds, Func<byte[], CancellationToken, ValueTask<string>> check, FuzzBudget? budget = null)
    {
        budget ??= FuzzBudget.For(target);
        return RunAsync<byte[]>(
            target,
            (random, index) => budget.OnlyInput ?? (index < seeds.Count ? seeds[(int)index] : mutator.Next(random)),
            Describe,
            check,
            budget with { MaxCases = budget.OnlyInput is null ? budget.MaxCases : 1 });
    }

    /// <summary>
    /// Fuzzes a target with structured input. <paramref name="generate"/> gets the case's random source
    /// and index; <paramref name="describe"/> prints an input for replay.
    /// </summary>
    public static async Task<FuzzReport> RunAsync<T>(string target, Func<Random, long, T> generate, Func<T, string> describe, Func<T, CancellationToken, ValueTask<string>> check, FuzzBudget? budget = null)
    {
        budget ??= FuzzBudget.For(target);
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = Stopwatch.StartNew();
        var current = new CurrentCase();
        long cases = 0;
        (long Index, TimeSpan Elapsed) slowest = (-1, TimeSpan.Zero);

        async Task LoopAsync()
        {
            for (long index = budget.OnlyCase ?? 0; cases < budget.MaxCases && (cases == 0 || total.Elapsed < budget.MaxTime); index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                T input = generate(budget.CaseRandom(index), index);
                current.Start(index, input);
                string outcome;
                try
                {
                    outcome = await check(input, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    throw new FuzzFailureException(Report(target, budget, index, describe(input), $"unexpected {e.GetType().FullName}: {e}"), e);
                }

                TimeSpan elapsed = current.Stop();
                // Seeds run first and pay for JIT; the case limit applies from the first mutant. A slow
                // case is timed once more: a blow-up repeats, a busy machine's scheduling hiccup does not.
                if (budget.CaseLimit is { } limit && elapsed > limit && index > 16)
                {
                    current.Start(index, input);
                    await check(input, cancellationToken).ConfigureAwait(false);
                    elapsed = current.Stop();
                    if (elapsed > limit)
                    {
                        throw new FuzzFailureException(Report(target, budget, index, describe(input), $"the case took {elapsed.TotalMilliseconds:F0} ms, over the {limit.TotalMilliseconds:F0} ms limit"));
                    }
                }

                if (elapsed > slowest.Elapsed && index > 16)
                {
                    slowest = (index, elapsed);
                }

                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                cases++;
                if (budget.OnlyCase is not null)
                {
                    break;
                }
            }
        }

        Task loop = Task.Run(LoopAsync, cancellationToken);
        while (await Task.WhenAny(loop, Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken)).ConfigureAwait(false) != loop)
        {
            if (current.Running(out long index, out object? input, out TimeSpan elapsed) && elapsed > s_hangLimit)
            {
                Assert.Fail(Report(target, budget, index, describe((T)input!), $"the case has been running for {elapsed.TotalSeconds:F0} s (a hang)"));
            }
        }

        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (FuzzFailureException e)
        {
            Assert.Fail(e.Message);
        }

        var report = new FuzzReport(target, cases, total.Elapsed, outcomes, budget.OnlyCase is not null || budget.OnlyInput is not null, slowest.Index, slowest.Elapsed);
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        return report;
    }

    /// <summary>The replayable spelling of a byte input.</summary>
    public static string Describe(byte[] input) => $"{input.Length} bytes, OV_FUZZ_INPUT={Convert.ToBase64String(input)}";

    private static string Report(string target, FuzzBudget budget, long index, string input, string problem) =>
        $"fuzz target {target}: case {index} failed (replay: OV_FUZZ_SEED={budget.Seed} OV_FUZZ_CASE={index})\ninput: {input}\n{problem}";

    private sealed class CurrentCase
    {
        private readonly Lock _lock = new();
        private long _index;
        private object? _input;
        private long _started;
        private bool _running;

        public void Start(long index, object? input)
        {
            lock (_lock)
            {
                (_index, _input, _started, _running) = (index, input, Stopwatch.GetTimestamp(), true);
            }
        }

        public TimeSpan Stop()
        {
            lock (_lock)
            {
                _running = false;
                return Stopwatch.GetElapsedTime(_started);
            }
        }

        public bool Running(out long index, out object? input, out TimeSpan elapsed)
        {
            lock (_lock)
            {
                (index, input, elapsed) = (_index, _input, Stopwatch.GetElapsedTime(_started));
                return _running;
            }
        }
    }

    private sealed class FuzzFailureException(string message, Exception? inner = null) : Exception(message, inner);
}
