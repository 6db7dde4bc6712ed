using System.Collections.Concurrent;

namespace OwnersVote.LoadTest;

/// <summary>
/// Closed loop ("as fast as possible", no <c>--rate</c>): a fixed number of clients, each sending
/// its next ballot when the previous one is answered. The offered rate is whatever the server
/// answers; latency runs from each send.
/// </summary>
internal static class ClosedLoop
{
    /// <summary>
    /// <paramref name="concurrency"/> clients each take the next ballot and cast it, until the
    /// queue is empty or <paramref name="stopTaking"/> fires; <paramref name="abort"/> cancels
    /// requests in flight (their outcome is not recorded).
    /// </summary>
    public static async Task CastAsync(ConcurrentQueue<SignedBallot> queue, int concurrency, ConcurrentBag<CastOutcome> outcomes, CancellationToken stopTaking, CancellationToken abort)
    {
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (!stopTaking.IsCancellationRequested && queue.TryDequeue(out SignedBallot? b))
            {
                try
                {
                    outcomes.Add(await b.Owner.CastAsync(b, abort));
                }
                catch (OperationCanceledException) when (abort.IsCancellationRequested)
                {
                    return;
                }
            }
        }));
    }
}
