using System.Collections.Concurrent;
using System.Diagnostics;

namespace OwnersVote.LoadTest;

/// <summary>
/// What an open-loop phase did: the schedule it offered, what could not keep to it, and every
/// answer (those that arrived after the window's end, while it drained, included).
/// </summary>
/// <param name="Rate">Ballots per second offered.</param>
/// <param name="Window">The phase's length: ballots were due from its start to its end.</param>
/// <param name="Offered">Ballots due within the window (rate × seconds).</param>
/// <param name="Issued">Ballots sent.</param>
/// <param name="WaitedForSlot">Sent late because <c>--concurrency</c> ballots were already in flight.</param>
/// <param name="NotIssued">
/// Due within the window but never sent: still waiting for a slot at its end. (A ballot the
/// dispatcher reaches late for want of CPU is still sent; its latency counts the delay.)
/// </param>
/// <param name="RanOut">Due within the window but never sent: no pre-signed ballot was left.</param>
/// <param name="AcceptedInWindow">Ballots whose answer (accepted) arrived before the window's end.</param>
/// <param name="InFlightAtEnd">Sent, and unanswered at the window's end.</param>
/// <param name="Unanswered">Still unanswered when the drain's limit came; their requests were cancelled.</param>
/// <param name="Drained">How long the wait for the answers in flight at the end took.</param>
/// <param name="DispatchLag">How late each ballot was sent after it was due, sorted (timer granularity, a busy generator, a full slot).</param>
/// <param name="Outcomes">Every answer, the drain's included.</param>
internal sealed record OpenLoopResult(
    int Rate,
    TimeSpan Window,
    int Offered,
    int Issued,
    int WaitedForSlot,
    int NotIssued,
    int RanOut,
    int AcceptedInWindow,
    int InFlightAtEnd,
    int Unanswered,
    TimeSpan Drained,
    double[] DispatchLag,
    IReadOnlyList<CastOutcome> Outcomes)
{
    /// <summary>Accepted ballots per second within the window.</summary>
    public double AcceptedPerSecond => AcceptedInWindow / Window.TotalSeconds;

    /// <summary>
    /// Whether the server kept up with the offered rate: at least 99% of the ballots due in the
    /// window were accepted within it, and nothing was left behind (no ballot still waiting for a
    /// slot at the end, none missing for want of pre-signed ballots).
    /// </summary>
    public bool KeptUp => AcceptedInWindow >= 0.99 * Offered && NotIssued == 0 && RanOut == 0;
}

/// <summary>
/// Open-loop pacing (<c>--rate N</c>): ballot i is due at start + i/N whatever happened to the
/// ballots before it, and is sent on its own task; at most <c>--concurrency</c> are in flight, and a
/// ballot due while all slots are taken waits for one (counted). Each ballot's latency runs from
/// the time it was DUE, not the time it was sent. A closed loop (or an open loop timing from the
/// send) stops offering work while the server stalls and so leaves out exactly the ballots that
/// would have waited — "coordinated omission" (Gil Tene, "How NOT to Measure Latency", 2013);
/// timing from the schedule charges every stall to every ballot that was due during it.
/// </summary>
internal static class OpenLoop
{
    /// <summary>
    /// Offers ballots from <paramref name="queue"/> at <paramref name="rate"/> per second for
    /// <paramref name="window"/>, then waits at most <paramref name="drainLimit"/> for the answers
    /// still in flight and cancels the rest.
    /// </summary>
    public static async Task<OpenLoopResult> RunAsync(ConcurrentQueue<SignedBallot> queue, int rate, int concurrency, TimeSpan window, TimeSpan drainLimit, CancellationToken cancellationToken)
    {
        int offered = checked((int)((long)rate * window.Ticks / TimeSpan.TicksPerSecond));
        using var slots = new SemaphoreSlim(concurrency, concurrency);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var counts = new Counts();
        var sends = new List<Task<CastOutcome?>>(offered);
        double[] lag = new double[offered];
        int waited = 0, notIssued = 0, ranOut = 0;
        long start = Stopwatch.GetTimestamp();
        long end = start + (long)(window.TotalSeconds * Stopwatch.Frequency);

        for (int i = 0; i < offered; i++)
        {
            long due = start + (i * Stopwatch.Frequency / rate);
            long early = due - Stopwatch.GetTimestamp();
            if (early > 0)
            {
                // Timers tick in whole milliseconds: a sub-millisecond wait sleeps one, and the
                // ballots due meanwhile go out together on waking (their latency counts the wait).
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, early * 1000 / Stopwatch.Frequency)), cancellationToken);
            }

            if (!queue.TryDequeue(out SignedBallot? ballot))
            {
                ranOut = offered - i;
                break;
            }

            if (!slots.Wait(0))
            {
                // Every slot is taken: this ballot, and all due after it, wait for one — until the
                // window's end, after which the ballots still due were not issued at all.
                waited++;
                TimeSpan left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), end);
                if (left <= TimeSpan.Zero || !await slots.WaitAsync(left, cancellationToken))
                {
                    notIssued = offered - i;
                    break;
                }
            }

            lag[i] = (Stopwatch.GetTimestamp() - due) * 1000.0 / Stopwatch.Frequency;
            sends.Add(Task.Run(() => SendAsync(ballot, due), CancellationToken.None));
        }

        TimeSpan rest = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), end);
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest, cancellationToken);
        }

        long drainStart = Stopwatch.GetTimestamp();
        Task<CastOutcome?[]> all = Task.WhenAll(sends);
        if (await Task.WhenAny(all, Task.Delay(drainLimit, cancellationToken)) != all)
        {
            await abort.CancelAsync();
        }

        CastOutcome?[] answered = await all;
        TimeSpan drained = Stopwatch.GetElapsedTime(drainStart);
        double[] sortedLag = [.. lag.Take(sends.Count).Order()];
        return new OpenLoopResult(
            rate, window, offered, sends.Count, waited, notIssued, ranOut,
            counts.AcceptedInWindow, sends.Count - counts.AnsweredInWindow, answered.Count(o => o is null), drained, sortedLag,
            [.. answered.OfType<CastOutcome>()]);

        async Task<CastOutcome?> SendAsync(SignedBallot ballot, long due)
        {
            try
            {
                CastOutcome outcome = await ballot.Owner.CastAsync(ballot, due, abort.Token);
                // When the answer was read (the latency's end), not when this continuation ran.
                if (due + (long)(outcome.Latency.TotalSeconds * Stopwatch.Frequency) <= end)
                {
                    Interlocked.Increment(ref counts.AnsweredInWindow);
                    if (outcome.Accepted)
                    {
                        Interlocked.Increment(ref counts.AcceptedInWindow);
                    }
                }

                return outcome;
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                return null;
            }
            finally
            {
                slots.Release();
            }
        }
    }

    private sealed class Counts
    {
#pragma warning disable CA1051 // Fields, not properties: Interlocked.Increment takes them by reference.
        public int AnsweredInWindow;
        public int AcceptedInWindow;
#pragma warning restore CA1051
    }
}
